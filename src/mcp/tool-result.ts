import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { RouteAnswer } from './route-invoker';

interface Envelope { data?: unknown; meta?: { nextCursor?: string | null; hasMore?: boolean } }
interface ErrorEnvelope { error: { code: string; message: string; details: Record<string, unknown>; requestId?: string } }

/**
 * A route's answer as a tool result: structuredContent is the JSON the REST route answers
 * ({ data, meta }), with a one-line summary first and, as the MCP spec advises for clients that
 * only read text, the same JSON serialized. A 4xx/5xx is a tool error (isError) whose structured
 * content is the gateway error { code, message, details, requestId }; a Retry-After joins details.
 */
export function toToolResult(toolName: string, answer: RouteAnswer): CallToolResult {
  if (answer.status >= 400) return toolError(answer);
  const body = (answer.body ?? {}) as Envelope & Record<string, unknown>;
  return {
    content: [{ type: 'text', text: summary(toolName, body) }, { type: 'text', text: JSON.stringify(body) }],
    structuredContent: body,
  };
}

function toolError(answer: RouteAnswer): CallToolResult {
  const { error } = answer.body as ErrorEnvelope;
  const details = { ...renameHeaderFields(error.details ?? {}) };
  const retryAfter = answer.headers['retry-after'];
  if (retryAfter !== undefined && details.retryAfterSeconds === undefined) details.retryAfterSeconds = Number(retryAfter);
  const structured = { code: error.code, message: error.message, details, ...(error.requestId ? { requestId: error.requestId } : {}) };
  return {
    isError: true,
    content: [{ type: 'text', text: `${error.code}: ${error.message}` }, { type: 'text', text: JSON.stringify(structured) }],
    structuredContent: structured,
  };
}

/** The tools take the Idempotency-Key header as the `idempotencyKey` argument: errors name it so. */
function renameHeaderFields(details: Record<string, unknown>): Record<string, unknown> {
  const rename = (f: unknown): unknown => (f === 'Idempotency-Key' ? 'idempotencyKey' : f);
  const out = { ...details };
  if (Array.isArray(out.fields)) out.fields = out.fields.map(rename);
  if (Array.isArray(out.errors)) out.errors = out.errors.map((e: { field?: unknown }) => ({ ...e, field: rename(e.field) }));
  return out;
}

function summary(toolName: string, body: Envelope): string {
  const { data, meta } = body;
  if (Array.isArray(data)) {
    const more = meta?.hasMore ? `; more: call ${toolName} again with cursor "${meta.nextCursor}"` : '';
    return `${toolName}: ${data.length} result${data.length === 1 ? '' : 's'}${more}.`;
  }
  if (data && typeof data === 'object') {
    const r = data as Record<string, unknown>;
    const label = [r.title, r.name, [r.firstName, r.lastName].filter(Boolean).join(' '), r.email].find((v) => typeof v === 'string' && v !== '');
    const status = typeof r.status === 'string' ? `, status ${r.status}` : '';
    if (typeof r.id === 'string') return `${toolName}: ${label ? `${String(label)} ` : ''}(id ${r.id}${status}).`;
    return `${toolName}: done (${Object.keys(r).join(', ')}).`;
  }
  return `${toolName}: done.`;
}
