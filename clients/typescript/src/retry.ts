/** Retries of 429 and 503 (and of a lost connection) that honour the gateway's `Retry-After`. */
export interface RetryOptions {
  /** Attempts in all, the first included (default 3; 1 turns retries off). */
  maxAttempts?: number;
  /**
   * The longest wait the client will sleep (default 30 000 ms). A `Retry-After` asking for more is
   * not waited out: the error is thrown at once with its `retryAfterSeconds`, for the caller to decide.
   */
  maxDelayMs?: number;
  /** First wait when the gateway names none (a lost connection, a 503 without Retry-After); doubles each time (default 500 ms). */
  baseDelayMs?: number;
  /** How to wait (tests inject one that records instead of sleeping). */
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
  /** The clock `Retry-After` HTTP dates are read against (default Date.now). */
  now?: () => number;
}

/** What openapi-fetch calls to send: the global fetch fits. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

const RETRY_STATUSES = new Set([429, 503]);

/** Milliseconds to wait from a `Retry-After` value: delay-seconds or an HTTP date; null if absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function defaultSleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(signal.reason); return; }
    const onAbort = (): void => { clearTimeout(timer); reject(signal?.reason); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** 409 IDEMPOTENCY_IN_PROGRESS: the first attempt of this key is still running at the gateway. */
async function isInProgress(res: Response): Promise<boolean> {
  if (res.status !== 409) return false;
  try {
    const body = (await res.clone().json()) as { error?: { code?: unknown } };
    return body?.error?.code === 'IDEMPOTENCY_IN_PROGRESS';
  } catch { return false; }
}

/**
 * A fetch that sends a request again (a clone: same URL, body and headers, so the same
 * Idempotency-Key) after a 429, a 503, a 409 IDEMPOTENCY_IN_PROGRESS, or a connection lost before
 * an answer. Only requests safe to repeat are retried after a lost connection: reads, and writes
 * that carry an Idempotency-Key (the gateway then replays the first answer instead of writing twice).
 */
export function retryingFetch(base: FetchLike, options: RetryOptions = {}): FetchLike {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;

  return async (request, init) => {
    const repeatable = ['GET', 'HEAD', 'OPTIONS'].includes(request.method) || request.headers.has('idempotency-key');
    for (let attempt = 1; ; attempt++) {
      const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      let res: Response;
      try {
        res = await base(request.clone(), init);
      } catch (err) {
        // An abort is the caller's decision; anything else means no answer arrived.
        const aborted = request.signal?.aborted || (err as { name?: string })?.name === 'AbortError';
        if (aborted || !repeatable || attempt >= maxAttempts) throw err;
        await sleep(backoff, request.signal);
        continue;
      }
      if (attempt >= maxAttempts || !(RETRY_STATUSES.has(res.status) || await isInProgress(res))) return res;
      const told = parseRetryAfter(res.headers.get('retry-after'), now());
      const wait = told ?? backoff;
      if (wait > maxDelayMs) return res;
      await res.body?.cancel().catch(() => undefined);
      await sleep(wait, request.signal);
    }
  };
}
