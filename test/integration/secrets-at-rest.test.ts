import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { connectViaSandbox, expireStoredToken } from '../helpers/connect-via-sandbox';
import type { OAuthCredentials } from '../../src/connections/credentials';

/**
 * No secret the gateway was handed or minted is readable in its data directory (issue 11 § 3):
 * API keys (hashed), webhook signing secrets, connect tokens, idempotent responses that carry any
 * of them, and provider credentials (sealed). Every secret is created through the real HTTP API
 * (writes with Idempotency-Key, then replayed), and every byte of every file under DATA_DIR
 * (sqlite file, -wal, -shm, the key file) is scanned while the store is open and after shutdown.
 */
let gw: TestGateway;
let stopped = false;
const secrets = new Map<string, string>(); // secret → what it is, for the failure message
/** Values that must be found: proof that the scan reads the files the records are in. */
const stored: string[] = [];

afterAll(async () => {
  if (!stopped) await gw?.stop();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** The whole secret, and its random part without the well-known prefix. */
function needles(secret: string): string[] {
  const tail = secret.replace(/^(sk_(live|test)|whsec|ct)_/, '');
  return tail !== secret && tail.length >= 16 ? [secret, tail] : [secret];
}

/** Every (file, secret) pair where the secret appears in plain text. */
function plaintextFindings(dir: string): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const [secret, what] of secrets) {
      if (needles(secret).some((n) => bytes.includes(Buffer.from(n, 'utf8')))) found.push(`${what} in ${path.basename(file)}`);
    }
  }
  return found;
}

const allBytes = (dir: string): Buffer => Buffer.concat(filesUnder(dir).map((f) => readFileSync(f)));

async function idempotentPost(key: string, p: string, body: unknown, idem: string): Promise<any> {
  const first = await gw.call('POST', p, { key, body, headers: { 'idempotency-key': idem } });
  expect(first.status).toBe(201);
  // The replay answers from the stored (sealed) record, byte for byte the first answer.
  const replay = await gw.call('POST', p, { key, body, headers: { 'idempotency-key': idem } });
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  expect(replay.body).toEqual(first.body);
  return first.body.data;
}

function oauthTokensOf(c: { credentials: string }): OAuthCredentials {
  return gw.deps.cipher.decryptJson<OAuthCredentials>(c.credentials);
}

it('keeps no secret in plain text anywhere under DATA_DIR, with the WAL live and after shutdown', async () => {
  gw = await startTestGateway();
  const acct = await gw.newAccount();
  secrets.set(acct.liveKey, 'initial live key').set(acct.testKey, 'initial test key');
  const scope = { accountId: acct.accountId, mode: 'test' as const };

  for (const [key, mode] of [[acct.testKey, 'test'], [acct.liveKey, 'live']] as const) {
    const created = await idempotentPost(key, '/v1/api-keys', {}, `key-${mode}`);
    secrets.set(created.key, `created ${mode} API key`);
    stored.push(created.id);
  }

  const hook = await idempotentPost(acct.testKey, '/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['connection.deleted'] }, 'hook-1');
  secrets.set(hook.secret, 'webhook signing secret');
  stored.push(hook.id);

  const ct = await idempotentPost(acct.testKey, '/v1/connect/tokens', { endUserId: 'eu-ct' }, 'ct-1');
  secrets.set(ct.token, 'connect token');
  stored.push('eu-ct');

  // OAuth connections through the sandboxes' real authorize + token endpoints; Pipedrive rotates
  // its refresh token, so a refresh through the API writes a second pair.
  const hubspot = await connectViaSandbox(gw, scope, 'eu-hs', 'hubspot');
  const pipedrive = await connectViaSandbox(gw, scope, 'eu-pd', 'pipedrive');
  for (const [name, c] of [['hubspot', hubspot], ['pipedrive', pipedrive]] as const) {
    secrets.set(c.accessToken, `${name} access token`);
    const t = oauthTokensOf(c.connection);
    if (t.refreshToken) secrets.set(t.refreshToken, `${name} refresh token`);
    stored.push(c.connection.id);
  }
  await expireStoredToken(gw, pipedrive.connection.id);
  const listed = await gw.call('GET', '/v1/contacts?provider=pipedrive&endUserId=eu-pd&limit=1', { key: acct.testKey });
  expect(listed.status).toBe(200);
  const refreshed = oauthTokensOf((await gw.deps.store.connections.getById(pipedrive.connection.id))!);
  expect(refreshed.accessToken).not.toBe(pipedrive.accessToken);
  secrets.set(refreshed.accessToken, 'pipedrive refreshed access token');
  if (refreshed.refreshToken) secrets.set(refreshed.refreshToken, 'pipedrive rotated refresh token');

  // An api_key connection: a 42min personal access token, handed over through POST /v1/connections.
  const issued = await fetch(`${gw.url}/sandbox/42min/v1/personal-access-tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'at-rest', scopes: ['bookings:read'], account: 'acc-at-rest' }),
  });
  const pat = ((await issued.json()) as { data: { token: string } }).data.token;
  secrets.set(pat, '42min personal access token');
  const patConnection = await idempotentPost(acct.testKey, '/v1/connections', { endUserId: 'eu-pat', provider: '42min', credentials: { apiKey: pat } }, 'conn-pat');
  stored.push(patConnection.id);

  expect(secrets.size).toBeGreaterThanOrEqual(12);
  const live = allBytes(gw.dataDir);
  expect(stored.filter((v) => !live.includes(Buffer.from(v)))).toEqual([]);
  expect(plaintextFindings(gw.dataDir)).toEqual([]);

  // Shutdown closes the store: sqlite checkpoints the WAL into the main file.
  await gw.shutdown();
  stopped = true;
  try {
    const after = allBytes(gw.dataDir);
    expect(stored.filter((v) => !after.includes(Buffer.from(v)))).toEqual([]);
    expect(plaintextFindings(gw.dataDir)).toEqual([]);
  } finally {
    rmSync(gw.dataDir, { recursive: true, force: true });
  }
});
