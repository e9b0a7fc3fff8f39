import v8 from 'node:v8';

let tuned = false;

/**
 * Turns off V8's allocation-site pretenuring for this process (once; later calls do nothing).
 *
 * Why (issue 19, measured with BENCH_GATEWAY_NODE_FLAGS=--trace-gc): under saturation a request's
 * objects (parsed provider bodies, Koa contexts) are still in flight at the next scavenge, so V8
 * learns to allocate them straight in the old generation. That decision outlives the burst: at
 * 200 req/s afterwards, objects that die within milliseconds kept filling the old generation, a
 * Mark-Compact ran every ~0.8 s (11–21 ms of marking steps on the loop, 3–8 ms pauses) and
 * scavenges took 4–20 ms — the p99 tail — and the reserved heap and RSS stayed ~60 MB higher.
 * Without pretenuring every request's garbage dies young (sub-millisecond scavenges). Nothing
 * the gateway keeps is long-lived enough for pretenuring to pay.
 *
 * V8 reads this flag each time it weighs pretenuring feedback (at every scavenge), so setting it
 * at start, before any load, takes effect; the same as `node --no-allocation-site-pretenuring`.
 */
export function tuneGarbageCollection(): void {
  if (tuned) return;
  tuned = true;
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
