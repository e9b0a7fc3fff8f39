import { createHash, randomBytes } from 'node:crypto';
import type { AppDeps } from '../../src/app-deps';
import type { Connection, Scope } from '../../src/store/types';
import type { Credentials } from '../../src/connections/credentials';
import { authSchemeOf, type AuthType, type ProviderManifest } from '../../src/provider-sdk';
import { grantFromToken } from '../../src/connections/token-credentials';
import { issueSandboxApiKey, sandboxConfig } from '../../src/connections/sandbox-credentials';
import { SANDBOX_ACCOUNT_METADATA } from '../../src/connections/sandbox-clients';
import { sandboxAccountOf } from '../../src/connections/sandbox-account';

/** What creating a sandbox connection needs of the gateway. */
export type SandboxConnectDeps = Pick<AppDeps, 'registry' | 'oauthClients' | 'endpoints' | 'sandboxes' | 'store' | 'cipher'>;

/**
 * A test-mode connection made without the Connect widget (tests, the benchmark, demos): the sandbox's OAuth flow driven over
 * plain HTTP with the gateway's own sandbox client (GET authorize → POST decision=allow → code
 * from Location → token exchange the way the provider wants it), or a personal access token for
 * api_key providers; then the connection is written to the store as the connect flow would.
 */
export interface SandboxConnection {
  connection: Connection;
  /** The sandbox account behind it (kit.stats/injectFault key). */
  account: string;
  accessToken: string;
}

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

async function oauthTokens(deps: SandboxConnectDeps, manifest: ProviderManifest, account: string): Promise<Record<string, unknown>> {
  const oauth = authSchemeOf(manifest, 'oauth2')!;
  const client = deps.oauthClients.for(manifest, 'test')!;
  const verifier = randomBytes(32).toString('base64url');
  const params: Record<string, string> = {
    response_type: 'code', client_id: client.clientId, redirect_uri: client.redirectUri, state: randomBytes(8).toString('hex'), account,
  };
  if (oauth.sendScope) params.scope = oauth.scopes.join(oauth.scopeSeparator);
  if (oauth.pkce) Object.assign(params, { code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' });
  const authorize = `${deps.endpoints.url(manifest, 'test', oauth.authorizeUrl)}?${form(params)}`;
  const page = await fetch(authorize);
  if (page.status !== 200) throw new Error(`authorize page: ${page.status} ${await page.text()}`);
  const decision = await fetch(authorize, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form({ decision: 'allow', account }),
  });
  const location = decision.headers.get('location');
  const code = location ? new URL(location).searchParams.get('code') : null;
  if (!code) throw new Error(`no code: ${decision.status} ${location ?? await decision.text()}`);
  const body: Record<string, string> = { grant_type: 'authorization_code', code, redirect_uri: client.redirectUri };
  if (oauth.pkce) body.code_verifier = verifier;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (oauth.clientAuth === 'basic') headers.authorization = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
  else Object.assign(body, { client_id: client.clientId, client_secret: client.clientSecret });
  const res = await fetch(deps.endpoints.url(manifest, 'test', oauth.tokenUrl), { method: 'POST', headers, body: form(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`token exchange: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function connectViaSandbox(deps: SandboxConnectDeps, scope: Scope, endUserId: string, providerId: string,
  opts: { account?: string; authType?: AuthType } = {}): Promise<SandboxConnection> {
  const manifest = deps.registry.get(providerId)!.manifest;
  const account = opts.account ?? `acc${randomBytes(5).toString('hex')}`;
  const now = new Date();
  let credentials: Credentials;
  const metadata: Record<string, string> = {};
  let scopes: string[] = [];
  let config: Record<string, string> = {};
  const authType = opts.authType ?? manifest.auth[0].type;
  if (authType === 'api_key') {
    credentials = { type: 'api_key', apiKey: await issueSandboxApiKey(deps.endpoints, manifest, account) };
    scopes = authSchemeOf(manifest, 'api_key')?.scopes ?? [];
    config = sandboxConfig(deps.endpoints, manifest);
  } else {
    const oauth = authSchemeOf(manifest, 'oauth2')!;
    const grant = grantFromToken(await oauthTokens(deps, manifest, account), oauth, now.getTime());
    credentials = grant.credentials;
    Object.assign(metadata, grant.metadata);
    scopes = oauth.scopes;
  }
  const token = credentials.type === 'api_key' ? credentials.apiKey : credentials.accessToken;
  // The sandbox may run in another process (SANDBOX_BASE_URL): then the account asked for is the one.
  metadata[SANDBOX_ACCOUNT_METADATA] = sandboxAccountOf(deps.sandboxes, providerId, token) ?? account;
  await deps.store.endUsers.upsert(scope, endUserId, {}, now.toISOString());
  const connection = await deps.store.connections.create({
    id: `conn_${randomBytes(10).toString('hex')}`, accountId: scope.accountId, mode: scope.mode, endUserId, provider: providerId,
    status: 'active', scopes, providerAccountId: null, providerAccountName: null, credentials: deps.cipher.encryptJson(credentials), credentialsVersion: 1,
    metadata, authType, config, lastError: null, createdAt: now.toISOString(), updatedAt: now.toISOString(), lastRefreshedAt: null, lastUsedAt: null,
  });
  return { connection, account: metadata[SANDBOX_ACCOUNT_METADATA], accessToken: token };
}
