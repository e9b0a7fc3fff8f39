/**
 * The whole gateway (startGateway, every production layer) in its own process, with a fresh temp
 * sqlite DATA_DIR and logging at info level to a file (BENCH_LOG_FILE, /dev/null by default).
 * The environment is the gateway's own (PORT, SANDBOX_BASE_URL, ENCRYPTION_KEY, …) plus:
 *   BENCH_PROVIDER              provider whose budget may be overridden and connected in setup;
 *   BENCH_LIMIT_REQUESTS/_INTERVAL_MS  the gateway limiter's budget for it (unset: the manifest's).
 * `setup` creates an account with API keys and N test-mode connections: the sandbox's OAuth flow
 * driven over HTTP against the standalone sandbox (authorize page, consent POST, code, token
 * exchange with the gateway's own test client) and the connection written to the store as the
 * connect flow writes it (same as test/helpers/connect-via-sandbox.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { startGateway, type RunningGateway } from '../src/gateway';
import { createLogger } from '../src/logging/logger';
import { AccountService } from '../src/accounts/account-service';
import { SANDBOX_ACCOUNT_METADATA } from '../src/http/routes/sandbox.routes';
import type { OAuthCredentials } from '../src/connections/credentials';
import type { Scope } from '../src/store/types';
import { announce, serveRpc } from './ipc';

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

async function connect(gw: RunningGateway, scope: Scope, providerId: string, endUserId: string, account: string): Promise<string> {
  const { deps } = gw;
  const manifest = deps.registry.get(providerId)!.manifest;
  const oauth = manifest.oauth;
  if (!oauth) throw new Error(`${providerId}: the bench connects OAuth providers only`);
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
  const t = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`token exchange: ${res.status} ${JSON.stringify(t)}`);
  const now = new Date();
  const expiresIn = Number(t.expires_in);
  const creds: OAuthCredentials = {
    type: 'oauth2', accessToken: String(t.access_token), refreshToken: typeof t.refresh_token === 'string' ? t.refresh_token : null,
    expiresAt: Number.isFinite(expiresIn) ? new Date(now.getTime() + expiresIn * 1000).toISOString() : null,
    tokenType: String(t.token_type ?? 'bearer'), obtainedAt: now.toISOString(),
  };
  const metadata: Record<string, string> = { [SANDBOX_ACCOUNT_METADATA]: account };
  for (const f of oauth.tokenMetadata) {
    const v = t[f];
    if (v !== undefined && v !== null) metadata[f] = Array.isArray(v) ? v.join(' ') : String(v);
  }
  await deps.store.endUsers.upsert(scope, endUserId, {}, now.toISOString());
  await deps.store.connections.create({
    id: `conn_${randomBytes(10).toString('hex')}`, accountId: scope.accountId, mode: scope.mode, endUserId, provider: providerId,
    status: 'active', scopes: oauth.scopes, providerAccountId: null, credentials: deps.cipher.encryptJson(creds), credentialsVersion: 1,
    metadata, lastError: null, createdAt: now.toISOString(), updatedAt: now.toISOString(), lastRefreshedAt: null, lastUsedAt: null,
  });
  return creds.accessToken;
}

async function main(): Promise<void> {
  const env = process.env;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gw-bench-'));
  const config = loadConfig({ ...env, DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  // Asynchronous file destination (pino's documented high-throughput mode); info level stays on.
  const destination = pino.destination({ dest: env.BENCH_LOG_FILE ?? '/dev/null', sync: false, minLength: 4096 });
  const gw = await startGateway(config, { logger: createLogger('info', destination) });
  const provider = env.BENCH_PROVIDER;
  if (provider && env.BENCH_LIMIT_REQUESTS) {
    gw.deps.providerClient.policies.override(provider, {
      rateLimit: { requests: Number(env.BENCH_LIMIT_REQUESTS), intervalMs: Number(env.BENCH_LIMIT_INTERVAL_MS ?? 10_000) },
    });
  }
  serveRpc({
    async setup(args: { connections: number }) {
      if (!provider) throw new Error('BENCH_PROVIDER is not set');
      const { account, test } = await new AccountService(gw.deps.store).createAccountWithKeys('Benchmark');
      const scope: Scope = { accountId: account.id, mode: 'test' };
      const endUsers: string[] = [];
      let firstToken = '';
      for (let i = 0; i < args.connections; i += 1) {
        const endUserId = `bench-user-${String(i).padStart(3, '0')}`;
        const token = await connect(gw, scope, provider, endUserId, `bench${String(i).padStart(3, '0')}`);
        if (i === 0) firstToken = token;
        endUsers.push(endUserId);
      }
      return { apiKey: test.key, endUsers, firstToken };
    },
    rss: () => process.memoryUsage().rss,
    cpu: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; },
    gc: () => { (globalThis as { gc?: () => void }).gc?.(); return process.memoryUsage().rss; },
    async stop() {
      setImmediate(async () => {
        await gw.shutdown().catch(() => undefined);
        destination.flushSync?.();
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
      return true;
    },
  });
  announce({ url: gw.url, pid: process.pid });
}

main().catch((err) => { console.error(err); process.exit(1); });
