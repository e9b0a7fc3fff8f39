import Router from '@koa/router';
import type { Context } from 'koa';
import type { SandboxKit } from '../../../src/provider-sdk';
import { fail, sendJson } from './errors';
import { canonicalId, KEY_PREFIX } from './ids';
import { nextId, table, type OrgState, type QueryCursor } from './org-state';
import { restState } from './session';
import { checkOffset, compareBy, compileWhere, project, resolveField, resolveObject, sortable } from './soql-eval';
import { parseSoql } from './soql-parser';

/**
 * `GET /query?q=` and `/queryAll?q=` with query-locator paging (reference/providers.md §2.3):
 * batches of `Sforce-Query-Options: batchSize=N` (default 2000, clamped to 200–2000), `nextRecordsUrl`
 * `/services/data/vNN.N/query/<locator>-<offset>` (relative), `done:true` on the last batch. The
 * result set is fixed when the query runs, like a server-side cursor.
 */
const MAX_OPEN_CURSORS = 10;
const DEFAULT_BATCH = 2000;

function batchSize(ctx: Context): number {
  const m = /batchSize\s*=\s*(\d+)/i.exec(ctx.get('Sforce-Query-Options'));
  if (!m) return DEFAULT_BATCH;
  return Math.min(2000, Math.max(200, Number(m[1])));
}

export type QueryResult = { kind: 'count'; count: number } | { kind: 'rows'; rows: Record<string, unknown>[] };

export function runQuery(org: OrgState, text: string, version: string, includeDeleted: boolean): QueryResult {
  const q = parseSoql(text);
  const obj = resolveObject(q);
  const fields = q.fields.map((f) => resolveField(q, obj, f));
  const where = q.where ? compileWhere(q, obj, org, q.where) : () => true;
  const order = q.orderBy.map((k) => ({ r: sortable(q, obj, k.field), desc: k.desc, nullsLast: k.nullsLast }));
  checkOffset(q.offset);
  let recs = [...table(org, obj).values()].filter((r) => (includeDeleted || r.IsDeleted !== true) && where(r));
  if (order.length) recs.sort(compareBy(org, order));
  recs = recs.slice(q.offset ?? 0, q.limit === null ? undefined : (q.offset ?? 0) + q.limit);
  // Duplicate fields in the select list come back once.
  const unique = fields.filter((f, i) => fields.findIndex((g) => g.names.join('.') === f.names.join('.')) === i);
  if (q.count) return { kind: 'count', count: recs.length };
  return { kind: 'rows', rows: recs.map((r) => project(org, obj, r, unique, version)) };
}

function page(locator: string, cursor: QueryCursor, offset: number, version: string): Record<string, unknown> {
  const end = offset + cursor.batchSize;
  const done = end >= cursor.rows.length;
  const body: Record<string, unknown> = { totalSize: cursor.totalSize, done };
  // The cursor stays open after the last batch (until evicted), so a client may retry a lost page.
  if (!done) body.nextRecordsUrl = `/services/data/${version}/query/${locator}-${end}`;
  body.records = cursor.rows.slice(offset, end);
  return body;
}

function openCursor(org: OrgState, cursor: QueryCursor): string {
  if (org.locators.size >= MAX_OPEN_CURSORS) {
    // Salesforce keeps a handful of open query cursors per user and releases the oldest.
    const oldest = org.locators.keys().next().value as string;
    org.locators.delete(oldest);
  }
  const locator = nextId(org, KEY_PREFIX.QueryLocator);
  org.locators.set(locator.slice(0, 15), cursor);
  return locator;
}

export function queryRoutes(kit: SandboxKit): Router {
  const router = new Router();

  const start = (includeDeleted: boolean) => (ctx: Context): void => {
    const { org, version } = restState(ctx);
    const text = typeof ctx.query.q === 'string' ? ctx.query.q : '';
    if (text.trim() === '') throw fail(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const result = runQuery(org, text, version, includeDeleted);
    if (result.kind === 'count') return sendJson(ctx, 200, { totalSize: result.count, done: true, records: [] });
    const cursor: QueryCursor = { rows: result.rows, totalSize: result.rows.length, batchSize: batchSize(ctx), createdAt: kit.clock.now() };
    if (cursor.rows.length <= cursor.batchSize) return sendJson(ctx, 200, { totalSize: cursor.totalSize, done: true, records: cursor.rows });
    const locator = openCursor(org, cursor);
    sendJson(ctx, 200, page(locator, cursor, 0, version));
  };

  router.get('/services/data/:version/query', start(false));
  router.get('/services/data/:version/queryAll', start(true));

  const more = (ctx: Context): void => {
    const { org, version } = restState(ctx);
    const raw = String(ctx.params.cursor ?? '');
    const dash = raw.lastIndexOf('-');
    const id = canonicalId(raw.slice(0, dash));
    const offset = Number(raw.slice(dash + 1));
    const cursor = id ? org.locators.get(id) : undefined;
    if (dash < 0 || !cursor || !Number.isInteger(offset) || offset < 0 || offset >= cursor.rows.length) {
      throw fail(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    sendJson(ctx, 200, page(raw.slice(0, dash), cursor, offset, version));
  };
  router.get('/services/data/:version/query/:cursor', more);
  router.get('/services/data/:version/queryAll/:cursor', more);

  return router;
}
