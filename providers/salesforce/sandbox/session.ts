import type { Context, Next } from 'koa';
import { bearerToken, grantCaller, type SandboxKit } from '../../../src/provider-sdk';
import { fail, notFound, SESSION_INVALID, SESSION_NOT_FOR_REST, sendErrors, sendJson } from './errors';
import { faultRenderers, takeDaily } from './limits';
import type { OrgState } from './org-state';
import { orgOf } from './seed';
import { callerOfToken, verifySession } from './session-tokens';

/**
 * Everything under `/services/data`: the Versions resource (no auth), then for `/services/data/vNN.N/…`
 * the API version, the session (401 INVALID_SESSION_ID bodies, §2.7), the fault gate, and the
 * daily allocation with its Sforce-Limit-Info header (§2.6). Handlers find the org in ctx.state.sf.
 */
export interface RestState { accountId: string; org: OrgState; version: string; userId: string }

export function restState(ctx: Context): RestState {
  return (ctx.state as { sf: RestState }).sf;
}

const LABELS: Record<number, string> = { 58: "Summer '23", 59: "Winter '24", 60: "Spring '24", 61: "Summer '24", 62: "Winter '25",
  63: "Spring '25", 64: "Summer '25", 65: "Winter '26", 66: "Spring '26" };
export const LATEST_VERSION = 66;
/** §2.2: versions 21–30 are retired since Summer '25 and answer 410. */
const OLDEST_LIVE_VERSION = 31;

/** Scopes that allow REST calls (§2.1 Scopes: `api`, or `full` which includes it). */
const REST_SCOPES = ['api', 'full'];

export function restSession(kit: SandboxKit) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const m = /^\/services\/data(?:\/(v(\d+)\.(\d))(\/.*)?)?\/?$/.exec(ctx.path);
    if (!m) return next();
    if (!m[1]) {
      if (ctx.path.replace(/\/$/, '') !== '/services/data') throw notFound();
      sendJson(ctx, 200, versions());
      return;
    }
    const major = Number(m[2]);
    if (m[3] !== '0' || major > LATEST_VERSION || major < 20) throw notFound();
    if (major < OLDEST_LIVE_VERSION) throw fail(410, 'API_VERSION_RETIRED', `API version ${major}.0 has been retired.`);

    const token = bearerToken(ctx) ?? '';
    const session = verifySession(kit, token);
    if (!session.ok) {
      const caller = callerOfToken(kit, token);
      if (caller) kit.stats.request(caller, ctx.method, ctx.path);
      sendErrors(ctx, 401, SESSION_INVALID);
      return;
    }
    const accountId = session.grant.accountId;
    if (!session.grant.scopes.some((s) => REST_SCOPES.includes(s))) {
      kit.stats.request(grantCaller(session.grant), ctx.method, ctx.path);
      sendErrors(ctx, 401, SESSION_NOT_FOR_REST);
      return;
    }
    if (!(await kit.gate(ctx, grantCaller(session.grant), faultRenderers(kit, accountId)))) return;
    if (!takeDaily(ctx, kit, accountId)) return;
    const org = orgOf(kit, accountId);
    (ctx.state as { sf: RestState }).sf = { accountId, org, version: m[1], userId: org.userId };
    await next();
  };
}

function versions(): { label: string; url: string; version: string }[] {
  return Object.entries(LABELS).map(([v, label]) => ({ label, url: `/services/data/v${v}.0`, version: `${v}.0` }));
}
