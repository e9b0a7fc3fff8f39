import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppDeps } from '../../app-deps';
import { ServiceUnavailableError, RouteNotFoundError } from '../../errors';
import type { RouteSpec } from '../route-table';

const SWAGGER_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const SWAGGER_ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'application/javascript',
};
const DOCS_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'";

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gateway API reference</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/assets/init.js"></script></body></html>`;
// Kept in its own file so the page needs no inline script (CSP above).
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });`;

/** Health, readiness, metrics and the API reference. Not under /v1 and not authenticated. */
export function opsRoutes(deps: AppDeps, openapi: () => Record<string, unknown>, shuttingDown: () => boolean): RouteSpec[] {
  const assets = new Map<string, Buffer>();
  return [
    {
      method: 'get', path: '/health', operationId: 'health', tag: 'Operations', auth: 'none', summary: 'The process is up',
      responses: { 200: { description: 'Up', schema: { type: 'object', properties: { status: { const: 'ok' } } } } },
      handler: async (ctx) => { ctx.body = { status: 'ok' }; },
    },
    {
      method: 'get', path: '/ready', operationId: 'ready', tag: 'Operations', auth: 'none',
      summary: 'The gateway can serve: its store answers (503 SERVICE_UNAVAILABLE otherwise)',
      responses: { 200: { description: 'Ready', schema: { type: 'object', properties: { status: { const: 'ready' }, store: { type: 'string' } } } } },
      handler: async (ctx) => {
        if (shuttingDown()) throw new ServiceUnavailableError('The gateway is shutting down', 1);
        try {
          await deps.store.ping();
        } catch {
          throw new ServiceUnavailableError('The store is unreachable', 5);
        }
        ctx.body = { status: 'ready', store: deps.store.kind };
      },
    },
    {
      method: 'get', path: '/metrics', operationId: 'metrics', tag: 'Operations', auth: 'none', summary: 'Prometheus metrics',
      responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain', schema: { type: 'string' } } },
      handler: async (ctx) => {
        ctx.type = deps.metrics.registry.contentType;
        ctx.body = await deps.metrics.registry.metrics();
      },
    },
    {
      method: 'get', path: '/openapi.json', operationId: 'openapi', tag: 'Operations', auth: 'none', summary: 'This API as OpenAPI 3.1',
      responses: { 200: { description: 'The OpenAPI document', schema: { type: 'object' } } },
      handler: async (ctx) => { ctx.body = openapi(); },
    },
    {
      method: 'get', path: '/docs', operationId: 'docs', tag: 'Operations', auth: 'none', summary: 'Rendered API reference',
      responses: { 200: { description: 'HTML', contentType: 'text/html', schema: { type: 'string' } } },
      handler: async (ctx) => {
        ctx.set('Content-Security-Policy', DOCS_CSP);
        ctx.type = 'text/html';
        ctx.body = DOCS_HTML;
      },
    },
    {
      method: 'get', path: '/docs/assets/:file', operationId: 'docsAsset', tag: 'Operations', auth: 'none', summary: 'Assets of /docs',
      responses: { 200: { description: 'Static asset' } },
      handler: async (ctx) => {
        const file = ctx.params.file as string;
        ctx.set('Cache-Control', 'public, max-age=3600');
        if (file === 'init.js') { ctx.type = 'application/javascript'; ctx.body = DOCS_INIT; return; }
        const type = SWAGGER_ASSETS[file];
        if (!type) throw new RouteNotFoundError(ctx.method, ctx.path);
        if (!assets.has(file)) assets.set(file, readFileSync(path.join(SWAGGER_DIR, file)));
        ctx.type = type;
        ctx.body = assets.get(file);
      },
    },
  ];
}
