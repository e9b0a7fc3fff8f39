import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { keyIdOf, parseKey, sealedKeyId } from '../../src/connections/credentials-crypto';
import { verifySignature } from '../../src/webhooks/signature';
import { until } from '../helpers/wait';
import { startWebhookReceiver, type ReceivedDelivery } from '../helpers/webhook-receiver';

/**
 * `npm run admin -- rotate-key` on a real data directory: a gateway stores a 42min connection (a
 * sandbox personal access token), a webhook and an idempotent response, stops; the compiled admin
 * CLI rotates the key; every sealed value in the sqlite file then names the new key id, and a
 * gateway started again (new key + old as previous, then the new key alone after `--finish`)
 * still calls the provider with the connection and still signs webhook deliveries.
 */
const ADMIN = path.join(__dirname, '../../dist/src/cli/admin.js');
const FAST = { WEBHOOK_POLL_MS: '30', WEBHOOK_RETRY_BASE_MS: '30', WEBHOOK_RETRY_MAX_MS: '100' };

function admin(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [ADMIN, ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Every `v1.<kid>.…` value in any text column of any table of the sqlite file, by key id. */
function sealedKeyIds(dataDir: string): Map<string, number> {
  const db = new Database(path.join(dataDir, 'gateway.sqlite'), { readonly: true });
  try {
    const counts = new Map<string, number>();
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    for (const { name } of tables) {
      for (const row of db.prepare<[], Record<string, unknown>>(`SELECT * FROM "${name}"`).all()) {
        for (const value of Object.values(row)) {
          const kid = typeof value === 'string' ? sealedKeyId(value) : null;
          if (kid) counts.set(kid, (counts.get(kid) ?? 0) + 1);
        }
      }
    }
    return counts;
  } finally {
    db.close();
  }
}

async function issuePat(gw: TestGateway, account: string): Promise<string> {
  const res = await fetch(`${gw.url}/sandbox/42min/v1/personal-access-tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `pat-${account}`, scopes: ['bookings:read'], account }),
  });
  return ((await res.json()) as { data: { token: string } }).data.token;
}

/** The stored connection reaches the provider, and a new connection's event arrives signed with the stored secret. */
async function stillWorks(gw: TestGateway, key: string, receiver: { got: ReceivedDelivery[] }, secret: string, tag: string): Promise<void> {
  const meetings = await gw.call('GET', '/v1/meetings?provider=42min&endUserId=u-rot&limit=1', { key });
  expect(meetings.status).toBe(200);
  expect(meetings.body.data).toHaveLength(1);
  const before = receiver.got.length;
  const other = await gw.call('POST', '/v1/connections', {
    key, body: { endUserId: `u-${tag}`, provider: '42min', credentials: { apiKey: await issuePat(gw, `acct-${tag}`) } },
  });
  expect(other.status).toBe(201);
  await until(() => receiver.got.length > before);
  const delivery = receiver.got[receiver.got.length - 1];
  expect(JSON.parse(delivery.body)).toMatchObject({ type: 'connection.created', data: { endUserId: `u-${tag}` } });
  expect(verifySignature(secret, delivery.body, delivery.signature)).toBe(true);
}

describe('rotating the encryption key', () => {
  let dataDir: string;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let gw: TestGateway | undefined;
  beforeAll(async () => {
    if (!existsSync(ADMIN)) throw new Error(`${ADMIN} is missing: run npm run build (npm test does it)`);
    receiver = await startWebhookReceiver();
  });
  beforeEach(() => { dataDir = mkdtempSync(path.join(os.tmpdir(), 'gw-rotate-')); });
  afterEach(async () => {
    await gw?.stop();
    gw = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterAll(async () => { await receiver.close(); });

  /** A gateway on dataDir that leaves behind a connection, a webhook and an idempotent response, all sealed. */
  async function seed(env: Record<string, string>): Promise<{ key: string; secret: string }> {
    gw = await startTestGateway({ ...FAST, ...env, DATA_DIR: dataDir });
    const { testKey: key } = await gw.newAccount('rotation');
    const conn = await gw.call('POST', '/v1/connections', { key, body: { endUserId: 'u-rot', provider: '42min', credentials: { apiKey: await issuePat(gw, 'acct-rot') } } });
    expect(conn.status).toBe(201);
    const hook = await gw.call('POST', '/v1/webhooks', {
      key, body: { url: receiver.url, events: ['connection.created'] }, headers: { 'idempotency-key': 'hook-1' },
    });
    expect(hook.status).toBe(201);
    await gw.stop();
    gw = undefined;
    return { key, secret: hook.body.data.secret as string };
  }

  it('with the generated key file: rotate-key writes the new key, keeps the old one until --finish, re-seals everything', async () => {
    const { key, secret } = await seed({});
    const keyFile = path.join(dataDir, 'encryption.key');
    const oldKey = parseKey(readFileSync(keyFile, 'utf8'));
    const before = sealedKeyIds(dataDir);
    expect([...before.keys()]).toEqual([keyIdOf(oldKey)]);
    // At least the connection, the webhook secret, the idempotent response and the sandbox signing
    // secret (more where other features keep sealed secrets, e.g. provider-webhook subscriptions).
    expect(before.get(keyIdOf(oldKey))).toBeGreaterThanOrEqual(4);

    const rotated = await admin(['rotate-key'], { DATA_DIR: dataDir });
    expect(rotated).toMatchObject({ code: 0, stderr: '' });
    const newKey = parseKey(readFileSync(keyFile, 'utf8'));
    expect(keyIdOf(newKey)).not.toBe(keyIdOf(oldKey));
    expect(rotated.stdout).toContain(`New key ${keyIdOf(newKey)} written to ${keyFile}`);
    expect(rotated.stdout).not.toContain(newKey.toString('base64'));
    expect(parseKey(readFileSync(`${keyFile}.previous`, 'utf8')).equals(oldKey)).toBe(true);
    const sealed = sealedKeyIds(dataDir);
    expect([...sealed.keys()]).toEqual([keyIdOf(newKey)]);
    // Every one of them re-sealed, none lost.
    expect(sealed.get(keyIdOf(newKey))).toBe(before.get(keyIdOf(oldKey)));

    gw = await startTestGateway({ ...FAST, DATA_DIR: dataDir });
    await stillWorks(gw, key, receiver, secret, 'after-rotate');
    // The replay of the idempotent registration still answers with the original body.
    const replay = await gw.call('POST', '/v1/webhooks', {
      key, body: { url: receiver.url, events: ['connection.created'] }, headers: { 'idempotency-key': 'hook-1' },
    });
    expect(replay.body.data.secret).toBe(secret);
    await gw.stop();
    gw = undefined;

    const finished = await admin(['rotate-key', '--finish'], { DATA_DIR: dataDir });
    expect(finished).toMatchObject({ code: 0, stderr: '' });
    expect(finished.stdout).toContain(`Removed ${keyFile}.previous`);
    expect(existsSync(`${keyFile}.previous`)).toBe(false);
    expect([...sealedKeyIds(dataDir).keys()]).toEqual([keyIdOf(newKey)]);

    gw = await startTestGateway({ ...FAST, DATA_DIR: dataDir });
    await stillWorks(gw, key, receiver, secret, 'after-finish');
  });

  it('with ENCRYPTION_KEY: prints the new key, after which it alone opens everything', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const { key, secret } = await seed({ ENCRYPTION_KEY: oldKey });
    const rotated = await admin(['rotate-key'], { DATA_DIR: dataDir, ENCRYPTION_KEY: oldKey });
    expect(rotated).toMatchObject({ code: 0, stderr: '' });
    const printed = rotated.stdout.split('\n')[1];
    const newKey = parseKey(printed);
    expect(rotated.stdout).toContain('ENCRYPTION_PREVIOUS_KEYS');
    expect(rotated.stdout).not.toContain(oldKey);
    expect(existsSync(path.join(dataDir, 'encryption.key'))).toBe(false);
    expect([...sealedKeyIds(dataDir).keys()]).toEqual([keyIdOf(newKey)]);

    gw = await startTestGateway({ ...FAST, DATA_DIR: dataDir, ENCRYPTION_KEY: printed });
    await stillWorks(gw, key, receiver, secret, 'env');
  });

  it('with ENCRYPTION_KEY_FILE and --new-key-file: the given key replaces the file, the old one goes to its sibling', async () => {
    const keyFile = path.join(dataDir, 'secrets', 'gateway.key');
    const given = path.join(dataDir, 'given.key');
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    mkdirSync(path.dirname(keyFile));
    writeFileSync(keyFile, oldKey.toString('hex'));
    writeFileSync(given, newKey.toString('base64'));
    const { key, secret } = await seed({ ENCRYPTION_KEY_FILE: keyFile });
    expect(existsSync(path.join(dataDir, 'encryption.key'))).toBe(false);
    const rotated = await admin(['rotate-key', '--new-key-file', given], { DATA_DIR: dataDir, ENCRYPTION_KEY_FILE: keyFile });
    expect(rotated).toMatchObject({ code: 0, stderr: '' });
    expect(parseKey(readFileSync(keyFile, 'utf8')).equals(newKey)).toBe(true);
    expect(parseKey(readFileSync(`${keyFile}.previous`, 'utf8')).equals(oldKey)).toBe(true);
    expect([...sealedKeyIds(dataDir).keys()]).toEqual([keyIdOf(newKey)]);
    gw = await startTestGateway({ ...FAST, DATA_DIR: dataDir, ENCRYPTION_KEY_FILE: keyFile });
    await stillWorks(gw, key, receiver, secret, 'key-file');
  });

  it('refuses to start on the old key alone once the store is sealed under the new one, naming the missing key', async () => {
    const oldKey = randomBytes(32).toString('base64');
    await seed({ ENCRYPTION_KEY: oldKey });
    expect((await admin(['rotate-key'], { DATA_DIR: dataDir, ENCRYPTION_KEY: oldKey })).code).toBe(0);
    await expect(startTestGateway({ DATA_DIR: dataDir, ENCRYPTION_KEY: oldKey })).rejects.toThrow(/which is not configured/);
  });
});
