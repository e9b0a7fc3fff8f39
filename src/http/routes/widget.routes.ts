import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'koa';
import type { AppDeps } from '../../app-deps';
import type { RouteSpec } from '../route-table';
import { ServiceUnavailableError } from '../../errors';
import { CONNECT_CSP } from '../../connect/result-page';

/**
 * Where `connect-widget/build.js` put the bundles. Compiled, this file is dist/src/http/routes and
 * the assets are dist/connect-widget; run from source (jest), it is src/http/routes and the assets
 * are <repo>/dist/connect-widget. The first candidate holding a built widget.js wins.
 */
const CANDIDATES = [
  path.resolve(__dirname, '../../../connect-widget'),
  path.resolve(__dirname, '../../../dist/connect-widget'),
];

let assetsDir: string | null = null;
function widgetAssetsDir(): string {
  if (assetsDir) return assetsDir;
  const found = CANDIDATES.find((dir) => existsSync(path.join(dir, 'widget.js')));
  // Not cached while missing, so building after start (as the tests do) is picked up.
  if (!found) throw new ServiceUnavailableError('The connect widget is not built: run `npm run build`');
  assetsDir = found;
  return found;
}

/**
 * The widget page may be framed (that is its job), but only by origins a connect token can name:
 * https anywhere, http on loopback for test mode. The widget itself then checks its embedder
 * against the token's exact allowedOrigin.
 */
const WIDGET_CSP = `${CONNECT_CSP}; frame-ancestors https: http://localhost:* http://127.0.0.1:*`;

type Asset = { file: string; type: string };

function serve(asset: Asset, headers: (ctx: Context) => void): (ctx: Context) => Promise<void> {
  return async (ctx) => {
    const body = await readFile(path.join(widgetAssetsDir(), asset.file));
    headers(ctx);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.type = asset.type;
    ctx.body = body;
  };
}

const pageHeaders = (ctx: Context): void => {
  ctx.set('Content-Security-Policy', WIDGET_CSP);
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('Cache-Control', 'no-store');
};
// Revalidated on every load so a deploy is seen at once; the files are small.
const assetHeaders = (ctx: Context): void => { ctx.set('Cache-Control', 'no-cache'); };

const JS = 'text/javascript; charset=utf-8';

/** The connect widget's page, its scripts and stylesheet, and the host-page SDK. */
export function widgetRoutes(_deps: AppDeps): RouteSpec[] {
  const route = (p: string, operationId: string, summary: string, asset: Asset, headers: (ctx: Context) => void): RouteSpec => ({
    method: 'get', path: p, operationId, tag: 'Connect widget', auth: 'none', summary,
    responses: { 200: { description: summary, contentType: asset.type.split(';')[0] } },
    handler: serve(asset, headers),
  });
  return [
    route('/connect', 'connectWidgetPage', 'The connect widget (iframe page; token in the #fragment)', { file: 'index.html', type: 'text/html; charset=utf-8' }, pageHeaders),
    route('/connect/embed.js', 'connectEmbedScript', 'Host-page SDK: GatewayConnect.open({ token, onEvent })', { file: 'embed.js', type: JS }, assetHeaders),
    route('/connect/assets/widget.js', 'connectWidgetScript', 'Script of the connect widget', { file: 'widget.js', type: JS }, assetHeaders),
    route('/connect/assets/styles.css', 'connectWidgetStyles', 'Stylesheet of the connect widget', { file: 'styles.css', type: 'text/css; charset=utf-8' }, assetHeaders),
  ];
}
