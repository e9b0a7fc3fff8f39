import type { RouteSpec } from '../http/route-table';
import { errorEnvelopeSchema } from './schemas';
import { ERROR_CATALOG } from '../errors';

/**
 * OpenAPI 3.1 generated from the route table: the same JSON Schemas that validate requests
 * describe them here.
 */
export function buildOpenApi(specs: RouteSpec[], info: { version: string; serverUrl: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const pathParams = [...spec.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({
      name: m[1], in: 'path', required: true, schema: { type: 'string' },
    }));
    const queryProps = (spec.query?.properties ?? {}) as Record<string, Record<string, unknown>>;
    const requiredQuery = new Set((spec.query?.required as string[] | undefined) ?? []);
    const queryParams = Object.entries(queryProps).map(([name, schema]) => ({
      name, in: 'query', required: requiredQuery.has(name), schema, ...(schema.description ? { description: schema.description } : {}),
    }));
    const headerParams = spec.idempotent
      ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 255 },
          description: 'Replays the first response for 24 h when repeated with the same body.' }]
      : [];
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(spec.responses)) {
      responses[status] = r.schema
        ? { description: r.description, content: { [r.contentType ?? 'application/json']: { schema: r.schema } } }
        : { description: r.description };
    }
    responses.default = { description: 'Error (see the error catalog)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    paths[path] ??= {};
    paths[path][spec.method] = {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      ...(spec.auth === 'apiKey' ? { security: [{ apiKey: [] }] } : { security: [] }),
      parameters: [...pathParams, ...queryParams, ...headerParams],
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'CRM integration gateway',
      version: info.version,
      description: 'One API over many CRMs and booking engines (GET /v1/providers lists them). Errors: '
        + Object.entries(ERROR_CATALOG).map(([code, e]) => `${code} (${e.status})`).join(', '),
    },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'sk_live_… or sk_test_…' } },
      schemas: { Error: errorEnvelopeSchema },
    },
  };
}
