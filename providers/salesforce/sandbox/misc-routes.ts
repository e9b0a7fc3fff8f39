import Router from '@koa/router';
import type { Context } from 'koa';
import type { SandboxKit } from '../../../src/provider-sdk';
import { fail, notFound, sendJson } from './errors';
import { parseDateTime, sfDateTime } from './ids';
import { limitsBody } from './limits';
import { table } from './org-state';
import { restState } from './session';
import { identityUrl } from './session-tokens';
import { objectDef } from './schema';

/**
 * "Resources by Version" (`GET /services/data/vXX.X`: each resource's path, and `identity`, the
 * session user's identity URL, which jsforce's identity() reads), `/limits` (§2.2) and the
 * replication resources `/sobjects/{Object}/updated/` and `/deleted/`
 * (§2.3 Updated-since): ids changed, or deleted, between `start` and `end` (ISO 8601).
 */
const MINUTE = 60_000;

/** The resource names of the REST guide's "List Available REST Resources" example, in its order. */
const RESOURCES = ['tooling', 'metadata', 'eclair', 'folders', 'prechatForms', 'contact-tracing', 'jsonxform', 'chatter', 'payments',
  'tabs', 'appMenu', 'quickActions', 'queryAll', 'commerce', 'wave', 'iot', 'analytics', 'search', 'smartdatadiscovery', 'identity',
  'composite', 'parameterizedSearch', 'fingerprint', 'theme', 'nouns', 'event', 'serviceTemplates', 'recent', 'connect', 'licensing',
  'limits', 'process', 'dedupe', 'async-queries', 'query', 'match', 'emailConnect', 'compactLayouts', 'knowledgeManagement', 'sobjects',
  'actions', 'support'];

function window(ctx: Context, nowMs: number): { start: number; end: number; covered: string } {
  const read = (name: string): number => {
    const raw = ctx.query[name];
    if (typeof raw !== 'string' || raw === '') throw fail(400, 'MISSING_ARGUMENT', `Missing required parameter: ${name}`);
    // A '+' offset that was not URL-encoded arrives as a space.
    const ms = parseDateTime(raw.replace(' ', '+'));
    if (ms === null) throw fail(400, 'INVALID_DATE_FORMAT', `${name}: invalid date format: ${raw}`);
    return ms;
  };
  // "The API ignores the seconds portion of the specified dateTime value" (REST guide, getDeleted/
  // getUpdated): both ends are whole minutes, so a window inside one minute is empty and refused.
  const start = Math.floor(read('start') / MINUTE) * MINUTE;
  const end = Math.floor(read('end') / MINUTE) * MINUTE;
  if (end <= start) throw fail(400, 'INVALID_REPLICATION_DATE', 'start date must chronologically precede end date');
  // Salesforce covers whole minutes up to the present.
  const covered = Math.floor(Math.min(end, nowMs) / MINUTE) * MINUTE;
  return { start, end: covered, covered: sfDateTime(covered) };
}

export function miscRoutes(kit: SandboxKit): Router {
  const router = new Router();

  router.get('/services/data/:version', (ctx) => {
    const { accountId, version } = restState(ctx);
    const body: Record<string, string> = {};
    for (const name of RESOURCES) body[name] = name === 'identity' ? identityUrl(kit, ctx, accountId) : `/services/data/${version}/${name}`;
    sendJson(ctx, 200, body);
  });

  router.get('/services/data/:version/limits', (ctx) => sendJson(ctx, 200, limitsBody(kit, restState(ctx).accountId)));

  router.get('/services/data/:version/sobjects/:object/updated', (ctx) => {
    const obj = objectDef(String(ctx.params.object));
    if (!obj) throw notFound();
    const w = window(ctx, kit.clock.now());
    const ids = [...table(restState(ctx).org, obj).values()]
      .filter((r) => r.IsDeleted !== true)
      .filter((r) => { const t = parseDateTime(String(r.SystemModstamp)) ?? 0; return t >= w.start && t < w.end; })
      .map((r) => r.Id);
    sendJson(ctx, 200, { ids, latestDateCovered: w.covered });
  });

  router.get('/services/data/:version/sobjects/:object/deleted', (ctx) => {
    const obj = objectDef(String(ctx.params.object));
    if (!obj) throw notFound();
    const w = window(ctx, kit.clock.now());
    const deletedRecords = [...table(restState(ctx).org, obj).values()]
      .filter((r) => r.IsDeleted === true)
      .map((r) => ({ id: r.Id, deletedDate: r.SystemModstamp as string }))
      .filter((d) => { const t = parseDateTime(d.deletedDate) ?? 0; return t >= w.start && t < w.end; });
    sendJson(ctx, 200, { deletedRecords, earliestDateAvailable: sfDateTime(w.start), latestDateCovered: w.covered });
  });

  return router;
}
