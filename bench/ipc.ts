import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * Tiny request/response protocol over the fork IPC channel: the parent sends `{ id, cmd, args }`,
 * the child answers `{ id, ok, result | error }`. A child announces itself with `{ ready: … }`.
 */
export interface Rpc { id: number; cmd: string; args?: unknown }
export type Handler = (args: any) => Promise<unknown> | unknown;

export function serveRpc(handlers: Record<string, Handler>): void {
  process.on('message', (msg: Rpc) => {
    if (!msg || typeof msg.id !== 'number') return;
    const h = handlers[msg.cmd];
    Promise.resolve()
      .then(() => (h ? h(msg.args) : Promise.reject(new Error(`unknown command ${msg.cmd}`))))
      .then((result) => process.send?.({ id: msg.id, ok: true, result }))
      .catch((err: Error) => process.send?.({ id: msg.id, ok: false, error: err?.stack ?? String(err) }));
  });
  process.on('disconnect', () => process.exit(0)); // the parent went away: never linger
}

export interface Child<R = unknown> {
  proc: ChildProcess;
  ready: R;
  call<T = unknown>(cmd: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks the child to stop (it exits by itself) and waits for the exit. */
  stop(): Promise<void>;
}

/** Forks a compiled sibling script (dist/bench/<name>.js) and waits for its `ready` message. */
export async function startChild<R>(name: string, opts: { args?: string[]; env?: Record<string, string>; execArgv?: string[] } = {}): Promise<Child<R>> {
  const proc = fork(path.join(__dirname, `${name}.js`), opts.args ?? [], {
    env: { ...process.env, ...opts.env }, execArgv: opts.execArgv ?? [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let seq = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const ready = await new Promise<R>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${name}: not ready after 30 s`)), 30_000);
    proc.once('exit', (code) => reject(new Error(`${name} exited early (${code})`)));
    proc.on('message', (msg: any) => {
      if (msg && 'ready' in msg) { clearTimeout(t); resolve(msg.ready as R); return; }
      const p = msg && pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result); else p.reject(new Error(`${name}: ${msg.error}`));
    });
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    proc,
    ready,
    call<T>(cmd: string, args?: unknown, timeoutMs = 120_000): Promise<T> {
      const id = ++seq;
      return new Promise<T>((resolve, reject) => {
        const t = setTimeout(() => { pending.delete(id); reject(new Error(`${name}: ${cmd} timed out`)); }, timeoutMs);
        pending.set(id, { resolve: (v) => { clearTimeout(t); resolve(v as T); }, reject: (e) => { clearTimeout(t); reject(e); } });
        proc.send({ id, cmd, args });
      });
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const id = ++seq;
      proc.send({ id, cmd: 'stop' });
      const killer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export function announce(ready: unknown): void { process.send?.({ ready }); }

/** A free loopback port (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Runs `body` against a gateway of its own (a child on a free port, fresh key and store, rate
 * limits out of the way), stopped afterwards whatever happens: the setup of the scenario files.
 */
export async function withScenarioGateway<T>(env: Record<string, string>, body: (gateway: Child, url: string) => Promise<T>): Promise<T> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let gateway: Child | null = null;
  try {
    gateway = await startChild<{ url: string }>('gateway-process', {
      env: {
        PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        RATE_LIMIT_PER_KEY: '1000000000', RATE_LIMIT_WINDOW_SECONDS: '60', ...env,
      },
    });
    return await body(gateway, url);
  } finally {
    await gateway?.stop().catch(() => undefined);
  }
}
