import Router from '@koa/router';
import type Koa from 'koa';
import { bearerToken, readJson, type SandboxKit } from '../../../src/provider-sdk';
import { authenticate, unauthorized } from './auth';
import { ApiError, sendData } from './envelope';
import { isScope, type PatRecord, type PatStore, type Scope } from './pats';
import { isPlainObject, validationError } from './validate';

/**
 * Personal access tokens (issue 3 §2; API.md § Sandbox):
 *   POST   /v1/personal-access-tokens { name, scopes } → 201 { data: { id, name, token, scopes } }
 *   GET    /v1/personal-access-tokens                 → the account's active PATs (no token values)
 *   DELETE /v1/personal-access-tokens/:id             → 204; the token then gets 401 token_revoked
 * Which account: the Bearer PAT's account if one is sent, else the sandbox-only `account` field
 * (body for POST, query for GET/DELETE, where one of the two is required); POST falls back to
 * "demo". These management calls are counted in the
 * stats but never rate-limited or faulted, so tests can always obtain a token.
 */
export const DEFAULT_ACCOUNT = 'demo';
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;

function accountFor(ctx: Koa.Context, pats: PatStore, fromInput: unknown): string {
  if (bearerToken(ctx) !== null || ctx.get('authorization')) return authenticate(ctx, pats).accountId;
  if (fromInput === undefined || fromInput === null || fromInput === '') return DEFAULT_ACCOUNT;
  if (typeof fromInput !== 'string' || !ACCOUNT_ID.test(fromInput)) {
    throw validationError('account must be 1-64 letters, digits, "_" or "-".', { field: 'account' });
  }
  return fromInput;
}

function parseIssue(body: unknown): { name: string; scopes: Scope[]; account: unknown } {
  if (!isPlainObject(body)) throw validationError('The request body must be a JSON object.');
  const { name, scopes } = body;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 255) {
    throw validationError('name is required (at most 255 characters).', { field: 'name' });
  }
  if (!Array.isArray(scopes) || scopes.length === 0) throw validationError('scopes must be a non-empty array.', { field: 'scopes' });
  const unknown = scopes.find((s) => !isScope(s));
  if (unknown !== undefined) throw new ApiError(400, 'invalid_scope', `Unknown scope: ${String(unknown)}`, { scope: unknown });
  return { name, scopes: [...new Set(scopes as Scope[])], account: body.account };
}

const summary = (p: PatRecord) => ({ id: p.id, name: p.name, scopes: p.scopes, created_at: new Date(p.createdAt).toISOString() });

export function patRoutes(kit: SandboxKit, pats: PatStore): Router {
  const router = new Router();

  router.post('/v1/personal-access-tokens', async (ctx) => {
    // A bad bearer is a 401 whatever the body says.
    const bearerAccount = ctx.get('authorization') ? authenticate(ctx, pats).accountId : null;
    const input = parseIssue(await readJson(ctx));
    const accountId = bearerAccount ?? accountFor(ctx, pats, input.account);
    kit.stats.request(accountId, ctx.method, ctx.path);
    const issued = pats.issue(accountId, input.name, input.scopes);
    if (!issued.ok) {
      throw issued.code === 'pat_name_taken'
        ? new ApiError(409, 'pat_name_taken', 'Another personal access token in this account has the same name.', { name: input.name })
        : new ApiError(409, 'pat_limit_exceeded', 'This account already has 42 active personal access tokens.', { limit: 42 });
    }
    const { id, name, scopes } = issued.pat;
    kit.stats.tokenIssued({ accountId, grantId: id });
    sendData(ctx, 201, { id, name, token: issued.token, scopes });
  });

  router.get('/v1/personal-access-tokens', (ctx) => {
    if (!ctx.get('authorization') && ctx.query.account === undefined) throw unauthorized('invalid_token');
    const accountId = accountFor(ctx, pats, ctx.query.account);
    kit.stats.request(accountId, ctx.method, ctx.path);
    sendData(ctx, 200, pats.list(accountId).map(summary));
  });

  router.delete('/v1/personal-access-tokens/:id', (ctx) => {
    if (!ctx.get('authorization') && ctx.query.account === undefined) throw unauthorized('invalid_token');
    const accountId = accountFor(ctx, pats, ctx.query.account);
    kit.stats.request(accountId, ctx.method, ctx.path);
    if (!pats.revoke(accountId, ctx.params.id)) throw new ApiError(404, 'not_found', 'Personal access token not found.');
    ctx.status = 204;
  });

  return router;
}
