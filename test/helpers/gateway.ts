import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config/config';
import { startGateway, type RunningGateway } from '../../src/gateway';
import { createLogger } from '../../src/logging/logger';
import { AccountService } from '../../src/accounts/account-service';
import type { ProviderDefinition } from '../../src/provider-sdk/define-provider';
import type { Clock } from '../../src/provider-sdk/sandbox-kit/clock';

/** Every log line the gateway wrote, for assertions (e.g. that no key ever appears). */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    cb();
  }
  text(): string { return this.lines.join('\n'); }
}

export interface TestGateway extends RunningGateway {
  dataDir: string;
  logs: LogCapture;
  /** A fresh account with one live and one test key. */
  newAccount(name?: string): Promise<{ accountId: string; liveKey: string; testKey: string }>;
  /** fetch against the gateway with JSON in and out. */
  call(method: string, path: string, opts?: { key?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: any }>;
  stop(): Promise<void>;
}

/**
 * Starts the real gateway on an ephemeral loopback port with a temp sqlite store and the sandboxes.
 * `extraProviders`: fixture providers (test/fixtures/providers, not shipped) loaded beside the real ones;
 * `clock`: the sandboxes' and the polling sweeper's time.
 */
export async function startTestGateway(env: Record<string, string> = {}, opts: { extraProviders?: ProviderDefinition[]; clock?: Clock } = {}): Promise<TestGateway> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gw-test-'));
  const config: Config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '5000', ...env });
  const logs = new LogCapture();
  const gw = await startGateway(config, { logger: createLogger('info', logs), extraProviders: opts.extraProviders, clock: opts.clock });
  const accounts = new AccountService(gw.deps.store);
  let stopped = false;
  return {
    ...gw,
    dataDir,
    logs,
    async newAccount(name = 'Test account') {
      const { account, live, test } = await accounts.createAccountWithKeys(name);
      return { accountId: account.id, liveKey: live.key, testKey: test.key };
    },
    async call(method, p, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.key) headers.authorization = `Bearer ${opts.key}`;
      let body: string | undefined;
      if (opts.body !== undefined) {
        body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${gw.url}${p}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
      return { status: res.status, headers: res.headers, body: parsed as any };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await gw.shutdown();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
