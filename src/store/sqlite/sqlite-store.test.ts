import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { A, at, connection, delivery, idempotency, session, webhook } from '../contract/contract-kit';
import { runStoreContract } from '../store.contract';
import type { Store } from '../types';
import { migrations } from './migrations';
import { migrate, openDatabase } from './sqlite-db';
import { createSqliteStore } from './sqlite-store';

let dir: string;
let fileNo = 0;
const nextFile = (): string => join(dir, `store-${++fileNo}.sqlite`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gateway-store-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

runStoreContract('sqlite', async () => createSqliteStore({ file: nextFile() }));

describe('sqlite store specifics', () => {
  const opened: Store[] = [];
  const open = (file: string): Store => {
    const store = createSqliteStore({ file });
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  it('runs in WAL mode with the busy timeout and NORMAL sync', () => {
    const db = openDatabase(nextFile());
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('records the migrations and re-opens without applying them again', async () => {
    const file = nextFile();
    await open(file).accounts.createAccount({ id: 'acc_a', name: 'Acme', createdAt: at(0) });
    const reopened = open(file);
    expect(await reopened.accounts.getAccount('acc_a')).not.toBeNull();
    const raw = new Database(file, { readonly: true });
    try {
      const rows = raw.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      // Applied in version order, whatever order the list was appended in.
      expect(rows).toEqual([...migrations].sort((a, b) => a.version - b.version).map((m) => ({ version: m.version, name: m.name })));
    } finally {
      raw.close();
    }
  });

  it('applies only the new migrations, and rolls back a failing one entirely', () => {
    const db = openDatabase(nextFile());
    try {
      const next = Math.max(...migrations.map((m) => m.version)) + 1;
      migrate(db, [...migrations, { version: next, name: 'add t', sql: 'CREATE TABLE t (x INTEGER)' }]);
      const broken = { version: next + 1, name: 'broken', sql: 'CREATE TABLE u (x INTEGER); CREATE TABLE t (y INTEGER)' };
      expect(() => migrate(db, [...migrations, broken])).toThrow();
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
      expect(versions).toEqual([...migrations.map((m) => m.version).sort((a, b) => a - b), next]);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'u'").get()).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('works in memory', async () => {
    const store = open(':memory:');
    await store.accounts.createAccount({ id: 'acc_a', name: 'Acme', createdAt: at(0) });
    expect(await store.accounts.countAccounts()).toBe(1);
  });

  describe('two stores on one file (as two processes would be)', () => {
    let one: Store;
    let two: Store;
    beforeEach(() => {
      const file = nextFile();
      one = open(file);
      two = open(file);
    });

    it("see each other's writes", async () => {
      await one.connections.create(connection(A, 'conn_1'));
      expect(await two.connections.get(A, 'conn_1')).toEqual(connection(A, 'conn_1'));
      await two.connections.update('conn_1', { status: 'revoked' });
      expect((await one.connections.getById('conn_1'))?.status).toBe('revoked');
    });

    it('let only one of them mark a session used or consume a state', async () => {
      await one.connectSessions.create(session(A, 'cs_1'));
      expect([await two.connectSessions.markUsed('cs_1', at(1)), await one.connectSessions.markUsed('cs_1', at(2))]).toEqual([true, false]);
      await one.oauthStates.create({ stateHash: 's', sessionId: 'cs_1', provider: 'p', codeVerifier: null, browserHash: null, expiresAt: at(600), usedAt: null, createdAt: at(0) });
      expect(await two.oauthStates.consume('s', at(1))).not.toBeNull();
      expect(await one.oauthStates.consume('s', at(1))).toBeNull();
    });

    it('contend on locks, credentials and deliveries', async () => {
      expect(await one.locks.acquire('l', 'A', 30_000)).toBe(true);
      expect(await two.locks.acquire('l', 'B', 30_000)).toBe(false);
      await one.connections.create(connection(A, 'conn_1'));
      expect(await two.connections.updateCredentials('conn_1', 1, 'enc:two', {})).not.toBeNull();
      expect(await one.connections.updateCredentials('conn_1', 1, 'enc:one', {})).toBeNull();
      const hook = await one.webhooks.create(webhook(A, 'wh_1'));
      await one.webhooks.enqueue([delivery(hook, 'del_1'), delivery(hook, 'del_2')]);
      const claimed = [...(await two.webhooks.claimDue(at(1), at(60), 1)), ...(await one.webhooks.claimDue(at(1), at(60), 5))];
      expect(claimed.map((d) => d.id).sort()).toEqual(['del_1', 'del_2']);
    });

    it('let only one of them take over a lapsed idempotency lease', async () => {
      await one.idempotency.begin(idempotency(A, 'k1'), at(1));
      const results = [
        await two.idempotency.begin(idempotency(A, 'k1', { leaseOwner: 'two', leaseExpiresAt: at(130) }), at(70)),
        await one.idempotency.begin(idempotency(A, 'k1', { leaseOwner: 'one', leaseExpiresAt: at(130) }), at(70)),
      ];
      expect(results.map((r) => r.created)).toEqual([true, false]);
      expect(await one.idempotency.renewLease(A, 'k1', 'one', at(200))).toBe(false);
      expect(await one.idempotency.renewLease(A, 'k1', 'two', at(200))).toBe(true);
    });
  });
});
