import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import type { ErrorCode } from '../../src/errors';
import type { GatewayErrorCode } from '../../clients/typescript/src/errors';

/**
 * The TypeScript client's committed types (clients/typescript/src/schema.ts) are what
 * openapi-typescript makes of a running gateway's /openapi.json: the generator of
 * `npm run generate:client`, pointed at this test's gateway with --check, fails when they differ.
 * It runs as a child process: openapi-typescript requires ESM-only packages that jest's CommonJS
 * loader cannot (../shared/reference/toolchain.md §2.3), which plain Node 20 can.
 */
jest.setTimeout(60_000);

// Checked at compile time too: the client's error codes are exactly the catalog's.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const codesMatch: Same<GatewayErrorCode, ErrorCode> = true;

const GENERATOR = path.resolve(__dirname, '../../scripts/generate-client.js');

let gw: TestGateway;
beforeAll(async () => { gw = await startTestGateway(); });
afterAll(() => gw?.stop());

it('clients/typescript/src/schema.ts matches the running gateway\'s /openapi.json', async () => {
  expect(codesMatch).toBe(true);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [GENERATOR, '--url', gw.url, '--check']);
    expect(stdout).toContain('up to date');
  } catch (err) {
    const { stderr, stdout } = err as { stderr?: string; stdout?: string };
    throw new Error(`The committed client types are stale: run npm run generate:client and commit clients/typescript/src/schema.ts\n${stderr ?? ''}${stdout ?? ''}`);
  }
});
