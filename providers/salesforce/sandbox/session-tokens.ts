import { createHmac } from 'node:crypto';
import type { Context } from 'koa';
import type { Grant, IssuedTokens, OAuthClient, SandboxCaller, SandboxKit } from '../../../src/provider-sdk';
import { orgOf } from './seed';

/**
 * Token look-alikes (reference/providers.md §2.1): access tokens read `00D…!AQ…` (the org id, then
 * the session), refresh tokens `5Aep…`. The kit signs the part after the org id; the org id is
 * checked against the grant's account so a token cannot be moved between orgs.
 */
export const ACCESS_PREFIX = '!AQ';
export const REFRESH_PREFIX = '5Aep861';

export function accessTokenFor(kit: SandboxKit, issued: IssuedTokens): string {
  return orgOf(kit, issued.grant.accountId).orgId.slice(0, 15) + issued.accessToken;
}

/** The kit's part of an access token, or null when the token does not look like ours. */
function kitPart(token: string): { org15: string; rest: string } | null {
  const m = /^(00D[A-Za-z0-9]{12})(!AQ.+)$/.exec(token);
  return m ? { org15: m[1], rest: m[2] } : null;
}

export type SessionCheck = { ok: true; grant: Grant; expiresAt: number } | { ok: false; error: 'invalid' | 'expired' | 'revoked' };

export function verifySession(kit: SandboxKit, token: string): SessionCheck {
  const part = kitPart(token);
  if (!part) return { ok: false, error: 'invalid' };
  const v = kit.tokens.verifyAccess(part.rest);
  if (!v.ok) return { ok: false, error: v.error };
  if (orgOf(kit, v.grant.accountId).orgId.slice(0, 15) !== part.org15) return { ok: false, error: 'invalid' };
  return v;
}

/** Account of an access or refresh token, even an expired or revoked one (for stats and faults). */
export function accountOfToken(kit: SandboxKit, token: string): string | null {
  return callerOfToken(kit, token)?.accountId ?? null;
}

/** Account and grant of an access or refresh token, whatever its state. */
export function callerOfToken(kit: SandboxKit, token: string): SandboxCaller | null {
  const part = kitPart(token);
  return kit.tokens.callerOf(part ? part.rest : token);
}

/** The kit-level token (what TokenService understands) behind an access or refresh token. */
export function kitToken(token: string): string {
  return kitPart(token)?.rest ?? token;
}

export function identityUrl(kit: SandboxKit, ctx: Context, accountId: string): string {
  const org = orgOf(kit, accountId);
  return `${kit.baseUrl(ctx)}/id/${org.orgId}/${org.userId}`;
}

/** Salesforce has the refresh token only when `refresh_token` (= `offline_access`) was granted (§2.1 Scopes). */
export function grantsRefresh(scopes: string[]): boolean {
  return scopes.includes('refresh_token') || scopes.includes('offline_access');
}

/**
 * The §2.1 token response, in Salesforce's field order, with no `expires_in`. `signature` is
 * Base64(HMAC-SHA256(client secret, id + issued_at)), so a client can verify it as with Salesforce.
 */
export function tokenResponse(kit: SandboxKit, ctx: Context, client: OAuthClient, issued: IssuedTokens, withRefresh: boolean):
  Record<string, string> {
  const id = identityUrl(kit, ctx, issued.grant.accountId);
  const issuedAt = String(issued.issuedAt);
  const body: Record<string, string> = { access_token: accessTokenFor(kit, issued) };
  if (withRefresh) body.refresh_token = issued.refreshToken;
  body.signature = createHmac('sha256', client.clientSecret).update(id + issuedAt).digest('base64');
  body.scope = issued.grant.scopes.join(' ');
  body.instance_url = kit.baseUrl(ctx);
  body.id = id;
  body.token_type = 'Bearer';
  body.issued_at = issuedAt;
  return body;
}
