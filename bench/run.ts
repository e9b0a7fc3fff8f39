/**
 * `npm run bench [-- --quick] [-- --cpu-prof]`: the gateway's overhead, measured.
 *
 * Starts, each in its own process on 127.0.0.1: the provider's sandbox (standalone), a bare Koa
 * proxy, the minimal normalizer (bench/normalizer.ts) and the gateway with a fresh store; creates
 * test-mode connections for N end users, then runs autocannon scenarios (each with a warm-up,
 * bounded in time AND in requests) and prints a table, the ratios and targets of issue 19 measured
 * in this run, and writes them to bench/results/latest.json (`ratios`, `targets`).
 *
 * Scenario names for --only=a,b: reference, bare-proxy, passthrough, gateway, normalizer,
 * gateway-1conn, enrich, availability, route-and-book, rate, memory.
 * Options: --quick (under a minute), --connections=N (default 50), --cpu-prof (a V8 CPU profile of
 * the gateway during the measured part of each gateway scenario, bench/results/profiles/<name>.cpuprofile,
 * with its top self-time functions printed), --provider=hubspot, --real-budgets (keep the
 * manifest's and the sandbox's real rate budgets: the limiter then queues to stay under them).
 */
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort, startChild, type Child } from './ipc';
import { pacedRun } from './paced';
import { runAvailability, type AvailabilityResult } from './availability';
import { runRouteAndBook, type RouteAndBookResult } from './route-and-book';
import { LoadClock } from './load-clock';
import { formatSelfTimes, type CpuProfile } from './profile';
import { readFileSync } from 'node:fs';

interface Opts { quick: boolean; connections: number; cpuProf: boolean; provider: string; realBudgets: boolean; only: string[] | null }

function parseArgs(argv: string[]): Opts {
  const get = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  return {
    quick: argv.includes('--quick'),
    connections: Number(get('connections') ?? 50),
    cpuProf: argv.includes('--cpu-prof'),
    provider: get('provider') ?? 'hubspot',
    realBudgets: argv.includes('--real-budgets'),
    only: get('only')?.split(',') ?? null,
  };
}

interface Stats { totalRequests: number; rateLimited: number }
interface ScenarioResult {
  name: string; description: string; durationS: number; requests: number; reqPerSec: number;
  p50: number; p90: number; p99: number; max: number; errors: number; timeouts: number; non2xx: number;
  providerRequests: number; provider429: number; gatewayRssMB: number | null;
  /** CPU milliseconds per request spent by the process under test (gateway or bare proxy) and by the sandbox. */
  cpuMsPerReq: number | null; sandboxCpuMsPerReq: number | null;
  /** This process's CPU per request: the load generator (autocannon or bench/paced.ts). */
  loadgenCpuMsPerReq?: number | null;
  /** The gateway's event-loop delay during the scenario (monitorEventLoopDelay, 5-ms resolution): stalls, GC pauses. */
  gatewayLoopDelayP99Ms?: number | null; gatewayLoopDelayMaxMs?: number | null; skipped?: string; extra?: Record<string, number>;
}

type Cannon = autocannon.Options;

function runCannon(opts: Cannon, maxDurationS: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const inst = autocannon({ ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
    // Bounded both ways: `amount` caps the requests, this timer caps the time.
    const t = setTimeout(() => (inst as unknown as { stop(): void }).stop(), maxDurationS * 1000);
    inst.on('done', () => clearTimeout(t));
  });
}

/** The few fields of an autocannon result the table reads, from a paced run. */
function pacedAsCannon(p: import('./paced').PacedResult): autocannon.Result {
  return {
    duration: p.durationS, requests: { total: p.ok + p.non2xx }, latency: { p50: p.p50, p90: p.p90, p99: p.p99, max: p.max },
    errors: p.errors, timeouts: 0, non2xx: p.non2xx,
  } as unknown as autocannon.Result;
}

const ownCpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** One target of issue 19: measured in this run, and whether it is met (null: not measured). */
export interface Target { name: string; target: string; measured: number | string | null; pass: boolean | null }
const atMost = (name: string, limit: number, v: number | null | undefined, unit = ''): Target =>
  ({ name, target: `≤ ${limit}${unit}`, measured: v ?? null, pass: v === null || v === undefined ? null : v <= limit });
const atLeast = (name: string, limit: number, v: number | null | undefined): Target =>
  ({ name, target: `≥ ${limit}`, measured: v ?? null, pass: v === null || v === undefined ? null : v >= limit });

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const durS = o.quick ? 3 : 10;
  const warmS = o.quick ? 0.5 : 2;
  const maxReq = o.quick ? 30_000 : 200_000;
  const rateDurS = o.quick ? 2 : 10;
  const resultsDir = path.resolve(__dirname, '../../bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const started = Date.now();
  const log = (msg: string): void => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

  const encryptionKey = randomBytes(32).toString('base64');
  const sandboxPort = await freePort();
  const gatewayPort = await freePort();
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const children: Child[] = [];
  const stopAll = async (): Promise<void> => { await Promise.all(children.map((c) => c.stop().catch(() => undefined))); };
  process.on('SIGINT', () => { void stopAll().then(() => process.exit(130)); });
  // A hard bound on the whole run (a full run takes about 3 minutes): nothing may hang it.
  const boundS = o.quick ? 240 : 900;
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${boundS} s, stopping every process`);
    void stopAll().finally(() => process.exit(1));
  }, boundS * 1000);
  watchdog.unref();

  try {
    const sandbox = await startChild<{ url: string }>('sandbox-process', {
      args: [o.provider, String(sandboxPort)],
      env: {
        BENCH_ENCRYPTION_KEY: encryptionKey, BENCH_GATEWAY_URL: gatewayUrl,
        BENCH_SANDBOX_BURST: o.realBudgets ? '0' : '100000000', BENCH_SANDBOX_WINDOW_MS: '10000',
      },
    });
    children.push(sandbox);
    log(`sandbox (${o.provider}) at ${sandbox.ready.url}`);
    const profDir = path.join(resultsDir, 'profiles');
    if (o.cpuProf) mkdirSync(profDir, { recursive: true });
    const gateway = await startChild<{ url: string }>('gateway-process', {
      env: {
        PORT: String(gatewayPort), HOST: '127.0.0.1', PUBLIC_URL: gatewayUrl, ENCRYPTION_KEY: encryptionKey,
        SANDBOX_BASE_URL: `${sandbox.ready.url}`, RATE_LIMIT_PER_KEY: '1000000000', RATE_LIMIT_WINDOW_SECONDS: '60',
        BENCH_PROVIDER: o.provider,
        // Gateway budget per connection: far above the load (the sandbox's is raised alike), so
        // neither is the limit; --real-budgets keeps the manifest's.
        ...(o.realBudgets ? {} : { BENCH_LIMIT_REQUESTS: '10000000', BENCH_LIMIT_INTERVAL_MS: '10000' }),
      },
      // BENCH_GATEWAY_NODE_FLAGS (e.g. --trace-gc): extra V8/Node flags for the gateway, to look into it.
      execArgv: ['--expose-gc', ...(process.env.BENCH_GATEWAY_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])],
    });
    children.push(gateway);
    log(`gateway at ${gateway.ready.url}`);
    const setup = await gateway.call<{ apiKey: string; endUsers: string[]; firstToken: string; tokens: string[] }>('setup', { connections: o.connections });
    log(`${setup.endUsers.length} test-mode connections created`);
    const auth = { authorization: `Bearer ${setup.apiKey}` };
    const gwPath = (u: string): string => `/v1/contacts?provider=${o.provider}&endUserId=${encodeURIComponent(u)}&limit=50`;
    // One gateway call first: the reference and the bare proxy then make exactly the provider call it made.
    const first = await fetch(`${gatewayUrl}${gwPath(setup.endUsers[0])}`, { headers: auth });
    if (first.status !== 200) throw new Error(`gateway answered ${first.status}: ${(await first.text()).slice(0, 300)}`);
    await first.arrayBuffer();
    const providerCall = await sandbox.call<string>('lastRequest');
    const contactsPath = providerCall.slice(providerCall.indexOf(' ') + 1);
    log(`provider call under test: GET ${contactsPath.length > 120 ? `${contactsPath.slice(0, 120)}…` : contactsPath}`);
    const bare = await startChild<{ url: string }>('bare-proxy', {
      env: { BENCH_UPSTREAM: `${sandbox.ready.url}${contactsPath}`, BENCH_TOKENS: setup.tokens.join(',') },
    });
    children.push(bare);
    // The minimal normalizer maps with HubSpot's own mapper: only for the HubSpot sandbox.
    const normalizer = o.provider === 'hubspot' ? await startChild<{ url: string }>('normalizer', {
      env: { BENCH_UPSTREAM: `${sandbox.ready.url}${contactsPath}`, BENCH_TOKENS: setup.tokens.join(',') },
    }) : null;
    if (normalizer) children.push(normalizer);
    // Passthrough of exactly the provider call the unified path makes (same page, same properties).
    const ptPath = (u: string): string => `/v1/passthrough${contactsPath}${contactsPath.includes('?') ? '&' : '?'}provider=${o.provider}&endUserId=${encodeURIComponent(u)}`;
    const ptFirst = await fetch(`${gatewayUrl}${ptPath(setup.endUsers[0])}`, { headers: auth });
    if (ptFirst.status !== 200) throw new Error(`passthrough answered ${ptFirst.status}: ${(await ptFirst.text()).slice(0, 300)}`);
    await ptFirst.arrayBuffer();
    const ptCall = await sandbox.call<string>('lastRequest');
    if (ptCall !== providerCall) log(`NOTE: passthrough asked the sandbox for ${ptCall}, the unified path for ${providerCall}`);

    // Sanity: every target answers 200 before we measure.
    for (const [name, url, headers] of [
      ['reference', `${sandbox.ready.url}${contactsPath}`, { authorization: `Bearer ${setup.firstToken}` }],
      ['bare', bare.ready.url, {}],
      ...(normalizer ? [['normalizer', normalizer.ready.url, {}] as const] : []),
    ] as const) {
      const res = await fetch(url, { headers });
      if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      await res.arrayBuffer();
    }

    const rotating = (paths: string[]): autocannon.Request[] => {
      let i = 0;
      return [{ method: 'GET', setupRequest: (req: any) => ({ ...req, path: paths[i++ % paths.length] }) }];
    };
    const results: ScenarioResult[] = [];
    const want = (name: string): boolean => !o.only || o.only.includes(name);
    const clock = new LoadClock(() => gateway.call<number>('rss'), [10, 60]);
    const profiles: { name: string; file: string; summary: string }[] = [];

    async function scenario(name: string, description: string, cannon: Cannon,
      opts: { durationS?: number; warm?: boolean; amount?: number; paced?: { rate: number; path?: () => string } } = {}): Promise<ScenarioResult> {
      const durationS = opts.durationS ?? durS;
      const subject = name.startsWith('bare') ? bare : name.startsWith('reference') ? null : name.startsWith('normalizer') ? normalizer : gateway;
      const loadsGateway = subject === gateway;
      if (loadsGateway) clock.begin(name);
      if (opts.warm !== false) {
        // A paced scenario warms up paced: a saturating warm-up would leave a backlog of abandoned
        // requests that the first paced ones queue behind (it showed as a 100-ms p99).
        if (opts.paced) {
          await pacedRun({
            url: String(cannon.url), headers: (cannon.headers ?? {}) as Record<string, string>, path: opts.paced.path,
            rate: opts.paced.rate, durationS: warmS, maxRequests: Math.ceil(opts.paced.rate * warmS),
          });
        } else {
          await runCannon({ ...cannon, amount: maxReq, overallRate: undefined }, warmS);
        }
        await new Promise((r) => setTimeout(r, 250)); // what autocannon left in flight drains
      }
      const profiling = o.cpuProf && loadsGateway;
      if (profiling) await gateway.call('profileStart');
      const before = await sandbox.call<Stats>('stats');
      if (loadsGateway) await gateway.call('loopDelayReset');
      const cpu0 = [await subject?.call<number>('cpu'), await sandbox.call<number>('cpu'), ownCpuMs()];
      const r = opts.paced ? pacedAsCannon(await pacedRun({
        url: String(cannon.url), headers: (cannon.headers ?? {}) as Record<string, string>, path: opts.paced.path,
        rate: opts.paced.rate, durationS, maxRequests: opts.amount ?? maxReq,
      })) : await runCannon({ ...cannon, amount: opts.amount ?? maxReq }, durationS);
      const own1 = ownCpuMs();
      const cpu1 = [await subject?.call<number>('cpu'), await sandbox.call<number>('cpu'), own1];
      const loop = loadsGateway ? await gateway.call<{ p99Ms: number; maxMs: number }>('loopDelay') : null;
      if (loadsGateway) clock.end();
      if (profiling) {
        const file = await gateway.call<string>('profileStop', { file: path.join(profDir, `${name.replace(/[^\w.-]/g, '_')}.cpuprofile`) });
        const summary = formatSelfTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, 20);
        profiles.push({ name, file: path.relative(process.cwd(), file), summary });
      }
      const after = await sandbox.call<Stats>('stats');
      const perReq = (a?: number, b?: number): number | null => (a === undefined || b === undefined || !r.requests.total ? null : Math.round(((b - a) / r.requests.total) * 1000) / 1000);
      const rss = await gateway.call<number>('rss');
      const elapsedS = Math.max(0.001, (r.duration ?? durationS));
      const res: ScenarioResult = {
        name, description, durationS: Math.round(elapsedS * 10) / 10, requests: r.requests.total,
        reqPerSec: Math.round(r.requests.total / elapsedS), p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max,
        errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx,
        providerRequests: after.totalRequests - before.totalRequests, provider429: after.rateLimited - before.rateLimited,
        gatewayRssMB: mb(rss), cpuMsPerReq: perReq(cpu0[0], cpu1[0]), sandboxCpuMsPerReq: perReq(cpu0[1], cpu1[1]), loadgenCpuMsPerReq: perReq(cpu0[2], cpu1[2]),
        gatewayLoopDelayP99Ms: loop && Math.round(loop.p99Ms * 10) / 10, gatewayLoopDelayMaxMs: loop && Math.round(loop.maxMs * 10) / 10,
      };
      results.push(res);
      log(`${name}: ${res.reqPerSec} req/s, p50 ${res.p50} ms, p99 ${res.p99} ms, errors ${res.errors}, non-2xx ${res.non2xx}, provider 429 ${res.provider429}`);
      return res;
    }

    const base = { connections: 50, pipelining: 1, timeout: 20 };
    const allUserPaths = setup.endUsers.map(gwPath);
    const refCannon: Cannon = { ...base, url: `${sandbox.ready.url}${contactsPath}`, headers: { authorization: `Bearer ${setup.firstToken}` } };
    // Every throughput scenario is driven alike, a request rebuilt per call over 50 paths, so the
    // load generator, which shares the cores, costs each of them the same (the bare proxy and the
    // normalizer ignore the query).
    const dummyPaths = (u: string): string[] => setup.endUsers.map((e) => `${new URL(u).pathname}?endUserId=${encodeURIComponent(e)}`);
    const bareCannon: Cannon = { ...base, url: bare.ready.url, requests: rotating(dummyPaths(bare.ready.url)) };
    const gwCannon: Cannon = { ...base, url: gatewayUrl, headers: auth, requests: rotating(allUserPaths) };
    const gw1Cannon: Cannon = { ...base, url: `${gatewayUrl}${gwPath(setup.endUsers[0])}`, headers: auth };
    const ptCannon: Cannon = { ...base, url: gatewayUrl, headers: auth, requests: rotating(setup.endUsers.map(ptPath)) };
    const normCannon: Cannon | null = normalizer && { ...base, url: normalizer.ready.url, requests: rotating(dummyPaths(normalizer.ready.url)) };

    // Both gateway paths run once before anything is read (counted as load): the RSS after 10 s of
    // load is then that of a process that has served both, not of one still loading its unified
    // path's code and growing its heap for it (that read 164 MB, then 225 MB at 60 s, in one run).
    if (want('passthrough') || want('gateway') || want('memory')) {
      const primeS = o.quick ? 1 : 2;
      clock.begin('priming');
      await runCannon({ ...gwCannon, amount: maxReq }, primeS);
      await runCannon({ ...ptCannon, amount: maxReq }, primeS);
      clock.end();
      await new Promise((r) => setTimeout(r, 250));
    }
    if (want('reference')) await scenario('reference', 'autocannon straight at the sandbox contacts list', refCannon);
    if (want('bare-proxy')) await scenario('bare-proxy', 'minimal Koa route forwarding with the gateway\'s keep-alive client', bareCannon);
    if (want('passthrough')) await scenario('passthrough', `GET /v1/passthrough/<the same provider call> across ${setup.endUsers.length} connections`, ptCannon);
    if (want('gateway')) await scenario('gateway', `GET /v1/contacts across ${setup.endUsers.length} connections`, gwCannon);
    if (want('normalizer') && normCannon) await scenario('normalizer', 'minimal normalizer: node:http, fetch + parse + HubSpot mapper + list envelope', normCannon);
    if (want('gateway-1conn')) await scenario('gateway-1conn', 'GET /v1/contacts on one connection', gw1Cannon);

    // Enrichment: single-email POST /v1/enrich, each (connection, email) asked 5 times in a row.
    if (want('enrich')) {
      const probe = await fetch(`${gatewayUrl}/v1/enrich`, {
        method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ provider: o.provider, endUserId: setup.endUsers[0], emails: ['probe@bench.example'] }),
      });
      const probeBody = await probe.text();
      if (probe.status === 404 && /ROUTE_NOT_FOUND|not found/i.test(probeBody) && !/END_USER|CONNECTION/.test(probeBody)) {
        console.log('NOTE: POST /v1/enrich answers 404 (route not built yet): enrichment scenario skipped');
        results.push({ name: 'enrich', description: 'skipped: POST /v1/enrich not present', durationS: 0, requests: 0, reqPerSec: 0, p50: 0, p90: 0, p99: 0, max: 0,
          errors: 0, timeouts: 0, non2xx: 0, providerRequests: 0, provider429: 0, gatewayRssMB: null, cpuMsPerReq: null, sandboxCpuMsPerReq: null, skipped: 'route answers 404' });
      } else {
        // One connection (a routing engine behind one CRM account), each email asked 5 times in a
        // row; the emails are the account's real contacts (paged through the gateway), then
        // addresses that match nobody once those run out, so every lookup is repeated exactly 5×.
        const enrichUser = setup.endUsers[0];
        const known: string[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < 20; page += 1) {
          const r = await fetch(`${gatewayUrl}/v1/contacts?provider=${o.provider}&endUserId=${enrichUser}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: auth });
          const j = (await r.json()) as { data?: { email?: string | null }[]; meta?: { nextCursor?: string | null } };
          for (const c of j.data ?? []) if (c.email) known.push(c.email);
          cursor = j.meta?.nextCursor ?? null;
          if (!cursor) break;
        }
        log(`enrichment: ${known.length} known emails on one connection, then unmatched ones`);
        let i = 0;
        const bodies = (): string => {
          const k = Math.floor(i / 5); // 5× repetition of each lookup
          i += 1;
          const email = k < known.length ? known[k] : `nobody${k}@bench.example`;
          return JSON.stringify({ provider: o.provider, endUserId: enrichUser, emails: [email] });
        };
        const enrichCannon: Cannon = {
          ...base, url: `${gatewayUrl}/v1/enrich`, method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
          requests: [{ method: 'POST', setupRequest: (req: any) => ({ ...req, body: bodies() }) }],
        };
        const r = await scenario('enrich', 'POST /v1/enrich on one connection, one email per call, each asked 5 times', enrichCannon, { warm: false });
        r.extra = { lookupsPerSec: r.reqPerSec, providerRequestsPerLookup: r.requests ? Math.round((r.providerRequests / r.requests) * 10_000) / 10_000 : 0 };
        log(`enrich: ${r.extra.lookupsPerSec} lookups/s, ${r.extra.providerRequestsPerLookup} provider requests per lookup`);
      }
    }

    // Availability for bots: one booking page over 7 days on a scheduling provider, at an even rate.
    let availability: AvailabilityResult | null = null;
    if (want('availability')) availability = await runAvailability({ provider: '42min', rate: 20, durationS: rateDurS, log });

    // Route and book end to end (enrich → host → book → CRM meeting), one call after another.
    let routeAndBook: RouteAndBookResult | null = null;
    if (want('route-and-book')) routeAndBook = await runRouteAndBook({ calls: o.quick ? 20 : 100, log });

    // The main scenarios at a fixed moderate rate: added latency, not saturation
    // (bench/paced.ts: an even 200 requests/s, sub-millisecond latencies).
    const rateAmount = 200 * rateDurS + 50;
    if (want('rate')) {
      let r = 0;
      const nextUserPath = (): string => allUserPaths[r++ % allUserPaths.length];
      const ptPaths = setup.endUsers.map(ptPath);
      let p = 0;
      const nextPtPath = (): string => ptPaths[p++ % ptPaths.length];
      await scenario('reference@200', 'reference at an even 200 req/s', refCannon, { durationS: rateDurS, amount: rateAmount, paced: { rate: 200 } });
      await scenario('bare-proxy@200', 'bare proxy at an even 200 req/s', bareCannon, { durationS: rateDurS, amount: rateAmount, paced: { rate: 200 } });
      await scenario('passthrough@200', 'passthrough (50 connections) at an even 200 req/s', { ...ptCannon, url: gatewayUrl },
        { durationS: rateDurS, amount: rateAmount, paced: { rate: 200, path: nextPtPath } });
      await scenario('gateway@200', 'gateway (50 connections) at an even 200 req/s', { ...gwCannon, url: gatewayUrl },
        { durationS: rateDurS, amount: rateAmount, paced: { rate: 200, path: nextUserPath } });
    }

    // Memory: the gateway's RSS after 10 s and 60 s of load, read during the scenarios above
    // (bench/load-clock.ts). When they summed to less than 60 s (a full run with --only), a
    // unified run at saturation tops the load up to 60 s; --quick does not (RSS after 10 s only).
    const loadedBefore = clock.loadedS();
    if (!o.quick && want('memory') && loadedBefore < 60) {
      const topUp = Math.ceil(61 - loadedBefore);
      await scenario('gateway-memory', `gateway at saturation for ${topUp} s more (memory: load up to 60 s)`, { ...gwCannon, requests: rotating(allUserPaths) },
        { durationS: topUp, warm: false, amount: 5_000_000 });
    }
    await new Promise((r) => setTimeout(r, 300)); // the last checkpoint's read, if one is under way
    clock.stop();
    const rss10 = clock.at(10);
    const rss60 = clock.at(60);
    const memory = {
      loadedS: Math.round(clock.loadedS() * 10) / 10,
      rss10sMB: rss10?.rssMB ?? null, rss10sDuring: rss10?.scenario ?? null,
      rss60sMB: rss60?.rssMB ?? null, rss60sDuring: rss60?.scenario ?? null,
      growth: rss10 && rss60 ? Math.round((rss60.rssMB / rss10.rssMB - 1) * 1000) / 1000 : null,
      rssEndMB: mb(await gateway.call<number>('rss')),
    };
    // BENCH_MEM=1: where the gateway's memory is at the end (heap spaces, external), then after a full GC.
    if (process.env.BENCH_MEM) {
      log(`gateway memory at the end: ${JSON.stringify(await gateway.call('mem'))}`);
      log(`after a full GC: RSS ${mb(await gateway.call<number>('gc'))} MB, ${JSON.stringify(await gateway.call('mem'))}`);
    }

    const by = (n: string): ScenarioResult | undefined => results.find((r) => r.name === n && !r.skipped);
    const ratio = (a?: ScenarioResult, b?: ScenarioResult): number | null => (a && b && b.reqPerSec ? Math.round((a.reqPerSec / b.reqPerSec) * 1000) / 1000 : null);
    const cpuRatio = (floor?: ScenarioResult, gw?: ScenarioResult): number | null =>
      (floor?.cpuMsPerReq && gw?.cpuMsPerReq ? Math.round((floor.cpuMsPerReq / gw.cpuMsPerReq) * 1000) / 1000 : null);
    const diff = (a: number | undefined, b: number | undefined): number | null => (a === undefined || b === undefined ? null : Math.round((a - b) * 100) / 100);
    const ratios = {
      passthroughOverBare: ratio(by('passthrough'), by('bare-proxy')),
      unifiedOverBare: ratio(by('gateway'), by('bare-proxy')),
      unifiedOverNormalizer: ratio(by('gateway'), by('normalizer')),
      normalizerOverBare: ratio(by('normalizer'), by('bare-proxy')),
      unifiedOverReference: ratio(by('gateway'), by('reference')),
      bareOverReference: ratio(by('bare-proxy'), by('reference')),
      unified1connOverBare: ratio(by('gateway-1conn'), by('bare-proxy')),
      passthroughAddedP50Ms: diff(by('passthrough@200')?.p50, by('reference@200')?.p50),
      passthroughAddedP99Ms: diff(by('passthrough@200')?.p99, by('reference@200')?.p99),
      unifiedAddedP50Ms: diff(by('gateway@200')?.p50, by('reference@200')?.p50),
      unifiedAddedP99Ms: diff(by('gateway@200')?.p99, by('reference@200')?.p99),
      bareAddedP50Ms: diff(by('bare-proxy@200')?.p50, by('reference@200')?.p50),
      bareAddedP99Ms: diff(by('bare-proxy@200')?.p99, by('reference@200')?.p99),
      cpuMsPerReq: {
        passthrough: by('passthrough')?.cpuMsPerReq ?? null, unified: by('gateway')?.cpuMsPerReq ?? null,
        passthroughAt200: by('passthrough@200')?.cpuMsPerReq ?? null, unifiedAt200: by('gateway@200')?.cpuMsPerReq ?? null,
        bareProxy: by('bare-proxy')?.cpuMsPerReq ?? null, normalizer: by('normalizer')?.cpuMsPerReq ?? null,
      },
      rss10sMB: memory.rss10sMB, rss60sMB: memory.rss60sMB, rssGrowth10to60: memory.growth,
      // The same ratios from CPU per request (floor's CPU / gateway's): much less sensitive than
      // throughput to what else runs on a shared machine; not the issue's targets, a companion.
      byCpu: {
        passthroughOverBare: cpuRatio(by('bare-proxy'), by('passthrough')),
        unifiedOverBare: cpuRatio(by('bare-proxy'), by('gateway')),
        unifiedOverNormalizer: cpuRatio(by('normalizer'), by('gateway')),
      },
    };
    // Every scenario's own errors: transport errors, timeouts, non-2xx, provider 429s (sandbox stats).
    const measured = results.filter((r) => !r.skipped);
    const errorsBy = measured.filter((r) => r.errors + r.timeouts + r.non2xx > 0).map((r) => `${r.name} ${r.errors + r.timeouts + r.non2xx}`);
    const p429By = measured.filter((r) => r.provider429 > 0).map((r) => `${r.name} ${r.provider429}`);
    if (availability && availability.gateway.errors + availability.gateway.non2xx > 0) errorsBy.push(`availability ${availability.gateway.errors + availability.gateway.non2xx}`);
    if (routeAndBook && routeAndBook.failures > 0) errorsBy.push(`route-and-book ${routeAndBook.failures}`);
    const enrichExtra = by('enrich')?.extra ?? null;
    const targets: Target[] = [
      atLeast('passthrough / bare proxy (throughput at saturation)', 0.85, ratios.passthroughOverBare),
      atLeast('unified / minimal normalizer (throughput at saturation)', 0.8, ratios.unifiedOverNormalizer),
      atLeast('unified / bare proxy (throughput at saturation)', 0.6, ratios.unifiedOverBare),
      atMost('passthrough added latency p50 @200 req/s (ms over the direct sandbox)', 1, ratios.passthroughAddedP50Ms),
      atMost('passthrough added latency p99 @200 req/s (ms over the direct sandbox)', 5, ratios.passthroughAddedP99Ms),
      atMost('unified added latency p50 @200 req/s (ms over the direct sandbox)', 2, ratios.unifiedAddedP50Ms),
      atMost('unified added latency p99 @200 req/s (ms over the direct sandbox)', 8, ratios.unifiedAddedP99Ms),
      { name: 'gateway RSS after 60 s of load (MB)', target: '< 150', measured: memory.rss60sMB, pass: memory.rss60sMB === null ? null : memory.rss60sMB < 150 },
      {
        name: 'gateway RSS flat between 10 s and 60 s of load', target: '± 20 %', measured: memory.growth === null ? null : `${(memory.growth * 100).toFixed(1)} %`,
        pass: memory.growth === null ? null : Math.abs(memory.growth) <= 0.2,
      },
      { name: 'errors (transport, timeouts, non-2xx) in every scenario', target: '0', measured: errorsBy.length ? errorsBy.join(', ') : 0, pass: errorsBy.length === 0 },
      { name: 'provider 429s in every scenario', target: '0', measured: p429By.length ? p429By.join(', ') : 0, pass: p429By.length === 0 },
      ...(enrichExtra ? [atMost('enrichment: provider requests per lookup (each asked 5×)', 0.05, enrichExtra.providerRequestsPerLookup)] : []),
    ];
    const summary = {
      loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
      enrich: enrichExtra,
      availability: availability && {
        provider: availability.provider, ratePerSec: availability.rate, p50Ms: availability.gateway.p50, p99Ms: availability.gateway.p99,
        addedP50Ms: availability.addedP50Ms, addedP99Ms: availability.addedP99Ms, providerRequestsPerCall: availability.providerRequestsPerCall,
        errors: availability.gateway.errors + availability.gateway.non2xx, slotsPerAnswer: availability.slotsPerAnswer,
      },
      routeAndBook,
      memory,
    };

    for (const p of profiles) console.log(`\nCPU profile of the gateway, ${p.name} (${p.file}):\n${p.summary}`);
    console.log('');
    const head = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'prov 429', 'prov req', 'gw RSS MB', 'CPU ms/req', 'sandbox CPU ms/req', 'loadgen CPU ms/req', 'gw loop delay p99/max ms'];
    const rows = results.map((r) => r.skipped ? [r.name, 'skipped', '', '', '', '', '', '', '', '', '', '', ''] :
      [r.name, String(r.reqPerSec), String(r.p50), String(r.p99), String(r.errors + r.timeouts), String(r.non2xx), String(r.provider429), String(r.providerRequests),
        String(r.gatewayRssMB), String(r.cpuMsPerReq ?? '-'), String(r.sandboxCpuMsPerReq ?? '-'), String(r.loadgenCpuMsPerReq ?? '-'),
        r.gatewayLoopDelayP99Ms == null ? '-' : `${r.gatewayLoopDelayP99Ms}/${r.gatewayLoopDelayMaxMs}`]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
    console.log(line(head));
    console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
    for (const row of rows) console.log(line(row));
    console.log('');
    const c = ratios.cpuMsPerReq;
    console.log(`ratios (one run)          : passthrough / bare ${ratios.passthroughOverBare}, unified / bare ${ratios.unifiedOverBare}, unified / normalizer ${ratios.unifiedOverNormalizer}; `
      + `normalizer / bare ${ratios.normalizerOverBare}, bare / direct ${ratios.bareOverReference}, unified 1 conn / bare ${ratios.unified1connOverBare}`);
    console.log(`same ratios by CPU/request  : passthrough / bare ${ratios.byCpu.passthroughOverBare}, unified / bare ${ratios.byCpu.unifiedOverBare}, unified / normalizer ${ratios.byCpu.unifiedOverNormalizer} `
      + '(floor\'s CPU ms per request / the gateway\'s: steadier than throughput on a shared machine)');
    console.log(`added latency @200 req/s  : passthrough p50 ${ratios.passthroughAddedP50Ms} ms, p99 ${ratios.passthroughAddedP99Ms} ms; unified p50 ${ratios.unifiedAddedP50Ms} ms, p99 ${ratios.unifiedAddedP99Ms} ms; `
      + `bare proxy p50 ${ratios.bareAddedP50Ms} ms, p99 ${ratios.bareAddedP99Ms} ms (each minus the direct sandbox at the same rate)`);
    console.log(`CPU ms per request        : gateway passthrough ${c.passthrough} (${c.passthroughAt200} @200), gateway unified ${c.unified} (${c.unifiedAt200} @200); `
      + `bare proxy ${c.bareProxy}, normalizer ${c.normalizer} (load average ${summary.loadAverage.join(' ')} on ${os.cpus().length} cores)`);
    console.log(`gateway RSS               : ${memory.rss10sMB ?? '-'} MB after 10 s of load (during ${memory.rss10sDuring ?? '-'}), ${memory.rss60sMB ?? '-'} MB after 60 s (during ${memory.rss60sDuring ?? '-'}); `
      + `${memory.loadedS} s of gateway load in all, summed over its scenarios (warm-ups included), RSS read while that load ran; ${memory.rssEndMB} MB at the end`);
    if (summary.enrich) console.log(`enrichment                : ${summary.enrich.lookupsPerSec} lookups/s, ${summary.enrich.providerRequestsPerLookup} provider requests/lookup`);
    if (summary.availability) {
      const a = summary.availability;
      console.log(`availability (${a.provider}, 7 d) : p50 ${a.p50Ms} ms, p99 ${a.p99Ms} ms @${a.ratePerSec}/s (adds p50 ${a.addedP50Ms} ms, p99 ${a.addedP99Ms} ms over the sandbox), ${a.providerRequestsPerCall} provider requests/call, errors ${a.errors}`);
    }
    if (routeAndBook) {
      const r = routeAndBook;
      console.log(`route-and-book (HS + 42min): p50 ${r.p50} ms, p99 ${r.p99} ms over ${r.calls} bookings with write-back, ${r.providerRequestsPerCall} provider requests/call, failures ${r.failures}`);
    }
    console.log('\ntargets (issue 19), this run:');
    const tw = Math.max(...targets.map((t) => t.name.length));
    for (const t of targets) {
      const verdict = t.pass === null ? 'not measured' : t.pass ? 'met' : 'NOT MET';
      console.log(`  ${t.name.padEnd(tw)}  ${t.target.padEnd(7)}  ${String(t.measured ?? '-').padStart(8)}  ${verdict}`);
    }

    const out = {
      takenAt: new Date().toISOString(), mode: o.quick ? 'quick' : 'full', wallClockS: Math.round((Date.now() - started) / 1000),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
      settings: { connections: setup.endUsers.length, autocannonConnections: 50, durationS: durS, warmupS: warmS, maxRequests: maxReq, fixedRate: 200, realBudgets: o.realBudgets, provider: o.provider },
      ratios, targets, summary, scenarios: results, profiles: profiles.map((p) => ({ name: p.name, file: p.file })),
    };
    writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
    log(`results written to bench/results/latest.json`);
  } finally {
    clearTimeout(watchdog);
    await stopAll();
    if (o.cpuProf) log('gateway CPU profiles (measured part of each gateway scenario) written to bench/results/profiles/');
  }
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
