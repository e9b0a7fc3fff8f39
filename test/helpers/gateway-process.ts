import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The compiled entry point (`npm run build`; `npm test` builds first). */
export const MAIN = path.join(__dirname, '../../dist/src/main.js');

export interface GatewayProcess {
  child: ChildProcess;
  url: string;
  /** Resolves when the process has exited (at once if it already has). */
  exited(): Promise<void>;
}

/**
 * Forks a real gateway process (dist/src/main.js) with this process's environment plus `env` on an
 * ephemeral loopback port, and resolves with its URL once it logs "gateway listening". A variable
 * given as undefined is removed (e.g. REDIS_URL, where the test's own gateway runs without Redis).
 */
export function forkGateway(env: Record<string, string | undefined>): Promise<GatewayProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test does it)`);
  const merged: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return new Promise((resolve, reject) => {
    const child = fork(MAIN, [], {
      env: merged,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const exit = new Promise<void>((r) => child.once('exit', () => r()));
    let out = '';
    const timer = setTimeout(() => reject(new Error(`gateway process did not start: ${out}`)), 15_000);
    child.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.includes('"gateway listening"'));
      if (line) {
        clearTimeout(timer);
        resolve({ child, url: (JSON.parse(line) as { url: string }).url, exited: () => exit });
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`gateway process exited (${code}): ${out}`)); });
  });
}
