import type { RouteSpec } from '../http/route-table';
import type { JsonSchema } from '../http/validation';

/** Where each argument of a tool goes on its route. */
export interface RouteArgs {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
  idempotencyKey: string | null;
}

export interface ToolSchema {
  /** The tool's JSON Schema: the route's path parameters, query and body properties side by side. */
  inputSchema: JsonSchema & { type: 'object' };
  /** Splits a call's arguments back into the route's path, query and body. */
  split(args: Record<string, unknown>): RouteArgs;
}

const IDEMPOTENCY_KEY = {
  type: 'string', minLength: 1, maxLength: 255,
  description: 'Optional: the same key with the same arguments within 24 h answers the first result instead of doing it again (the REST Idempotency-Key)',
};

/**
 * A tool's input schema is built from the route's own query and body schemas (the ones that
 * validate REST calls and generate the OpenAPI), flattened into one object an agent fills in. The
 * route validates the split arguments again with those same schemas, so a tool cannot accept
 * what its route refuses. A name in two places is a programming error, caught at start-up.
 */
export function toolSchema(spec: RouteSpec, write: boolean): ToolSchema {
  const pathParams = [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const queryProps = propertiesOf(spec.query);
  const bodyProps = propertiesOf(spec.body);
  const properties: Record<string, unknown> = {};
  const add = (name: string, schema: unknown): void => {
    if (name in properties) throw new Error(`MCP tool for ${spec.operationId}: argument "${name}" is both a path/query and a body field`);
    properties[name] = schema;
  };
  for (const p of pathParams) add(p, { type: 'string', minLength: 1, description: `The record's ${p}` });
  for (const [k, v] of Object.entries(queryProps)) add(k, v);
  for (const [k, v] of Object.entries(bodyProps)) add(k, v);
  if (write) add('idempotencyKey', IDEMPOTENCY_KEY);
  const required = [...new Set([...pathParams, ...requiredOf(spec.query), ...requiredOf(spec.body)])];
  const inputSchema = {
    type: 'object' as const, additionalProperties: false, properties,
    ...(required.length > 0 ? { required } : {}),
  };

  const queryNames = new Set(Object.keys(queryProps));
  const split = (args: Record<string, unknown>): RouteArgs => {
    const out: RouteArgs = { params: {}, query: {}, body: spec.body ? {} : undefined, idempotencyKey: null };
    for (const [k, v] of Object.entries(args)) {
      if (v === undefined) continue;
      if (pathParams.includes(k)) out.params[k] = String(v);
      else if (write && k === 'idempotencyKey') out.idempotencyKey = String(v);
      else if (queryNames.has(k) || !spec.body) out.query[k] = v;
      // Unknown names go to the body (or the query) so the route's validator names them as unknown.
      else out.body![k] = v;
    }
    return out;
  };
  return { inputSchema, split };
}

function propertiesOf(schema: JsonSchema | undefined): Record<string, unknown> {
  return (schema?.properties ?? {}) as Record<string, unknown>;
}

function requiredOf(schema: JsonSchema | undefined): string[] {
  return Array.isArray(schema?.required) ? schema.required as string[] : [];
}
