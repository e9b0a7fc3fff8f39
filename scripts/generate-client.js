/**
 * `npm run generate:client`: regenerates clients/typescript/src/schema.ts (the client's types)
 * from the gateway's /openapi.json with openapi-typescript.
 *
 *   node scripts/generate-client.js            starts the built gateway (dist/) in this process on an
 *                                              ephemeral loopback port with a throwaway data dir,
 *                                              reads its /openapi.json, writes the file
 *   node scripts/generate-client.js --url URL  reads URL/openapi.json of a gateway already running
 *   ... --check                                writes nothing; exits 1 when the committed file differs
 *
 * Plain CommonJS (like connect-widget/build.js) so the staleness test can require the same
 * generator: one function turns a document into the file's text, so the two cannot disagree.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SCHEMA_FILE = path.join(ROOT, 'clients', 'typescript', 'src', 'schema.ts');

const HEADER = `/**
 * Types of the gateway's HTTP API, generated from its /openapi.json by openapi-typescript.
 * Do not edit: change the route specs, then run \`npm run generate:client\`.
 */

`;

/** @param {object} doc an OpenAPI 3.1 document @returns {Promise<string>} the text of schema.ts */
async function schemaSource(doc) {
  const { default: openapiTS, astToString } = require('openapi-typescript');
  // Untyped objects (`details`, `customFields`) as Record<string, unknown>, not Record<string, never>.
  const ast = await openapiTS(doc, { emptyObjectsUnknown: true, silent: true });
  return HEADER + astToString(ast);
}

/** The document of a gateway started from dist/ for the occasion (its defaults, sandboxes on, no Redis). */
async function documentOfBuiltGateway() {
  const dist = path.join(ROOT, 'dist', 'src');
  if (!fs.existsSync(path.join(dist, 'gateway.js'))) throw new Error('dist/ is missing: run `npm run build` (or `npx tsc -p tsconfig.build.json`) first');
  const { loadConfig } = require(path.join(dist, 'config', 'config.js'));
  const { startGateway } = require(path.join(dist, 'gateway.js'));
  const { createLogger } = require(path.join(dist, 'logging', 'logger.js'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-openapi-'));
  const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const gateway = await startGateway(loadConfig(env), { logger: createLogger('silent') });
  try {
    return await documentAt(gateway.url);
  } finally {
    await gateway.shutdown();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function documentAt(url) {
  const res = await fetch(`${url.replace(/\/$/, '')}/openapi.json`);
  if (!res.ok) throw new Error(`GET ${url}/openapi.json answered ${res.status}`);
  return res.json();
}

async function main(argv) {
  const urlAt = argv.indexOf('--url');
  const url = urlAt >= 0 ? argv[urlAt + 1] : undefined;
  const doc = url ? await documentAt(url) : await documentOfBuiltGateway();
  const source = await schemaSource(doc);
  const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
  const rel = path.relative(ROOT, SCHEMA_FILE);
  if (argv.includes('--check')) {
    if (current !== source) {
      console.error(`${rel} is stale: run npm run generate:client`);
      return 1;
    }
    console.log(`${rel} is up to date`);
    return 0;
  }
  if (current === source) console.log(`${rel} unchanged`);
  else { fs.writeFileSync(SCHEMA_FILE, source); console.log(`${rel} written`); }
  return 0;
}

module.exports = { schemaSource, SCHEMA_FILE };

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
