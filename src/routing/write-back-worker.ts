import { randomBytes } from 'node:crypto';
import type { Store, WriteBack } from '../store/types';
import type { Meeting } from '../provider-sdk/unified-models';
import type { Logger } from '../logging/logger';
import type { WriteBackRunner } from './write-back-runner';
import { nextRetryAt, type WriteBackSettings } from './write-back-settings';
import { enqueueWriteBackFailed } from './write-back-events';

/** What a failed attempt is remembered as: the gateway error code and message, never a credential. */
export function attemptError(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  return `${typeof e?.code === 'string' ? e.code : 'INTERNAL_ERROR'}: ${typeof e?.message === 'string' ? e.message : 'failed'}`.slice(0, 500);
}

/**
 * Retries stored write-backs: every interval, due ones (any account) are claimed under a lease (so
 * several processes never run one twice at once), run, and either completed or rescheduled with
 * backoff; past 24 h since the booking the write-back fails for good and the account gets
 * route.write_back_failed through the webhook outbox.
 */
export class WriteBackWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private readonly owner = `wbw_${randomBytes(8).toString('hex')}`;

  constructor(
    private readonly store: Store,
    private readonly runner: WriteBackRunner,
    private readonly logger: Logger,
    private readonly settings: WriteBackSettings,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => { void this.pass(false).catch(() => undefined); }, this.settings.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Every pending write-back now, whatever its schedule (tests, operators); answers how many completed. */
  retryNow(): Promise<number> {
    return this.pass(true);
  }

  private pass(ignoreSchedule: boolean): Promise<number> {
    // One pass at a time per process; a second call waits for the running one, then runs its own.
    const previous = this.running ?? Promise.resolve(0);
    const run = previous.catch(() => 0).then(() => this.runDue(ignoreSchedule));
    this.running = run.finally(() => { if (this.running === run) this.running = null; });
    return run;
  }

  private async runDue(ignoreSchedule: boolean): Promise<number> {
    const now = this.now();
    const nowIso = new Date(now).toISOString();
    const dueBy = ignoreSchedule ? '9999-12-31T23:59:59.999Z' : nowIso;
    let done = 0;
    for (const writeBack of await this.store.writeBacks.listDue(dueBy, nowIso, 50)) {
      if ((await this.attempt(writeBack)).done) done += 1;
    }
    return done;
  }

  /**
   * Claims and runs one write-back (the route's first attempt too): the CRM meeting when done; the
   * error when this attempt failed (rescheduled); neither when another process holds it.
   */
  async attempt(writeBack: WriteBack): Promise<{ done: boolean; meeting?: Meeting; error?: unknown }> {
    const now = this.now();
    const leaseUntil = new Date(now + this.settings.leaseMs).toISOString();
    if (!(await this.store.writeBacks.claim(writeBack.id, this.owner, leaseUntil, new Date(now).toISOString()))) return { done: false };
    // The claimed row as it is now: another process may have recorded a lead meanwhile.
    const current = (await this.store.writeBacks.get(writeBack.id)) ?? writeBack;
    try {
      return { done: true, meeting: await this.runner.run(current) };
    } catch (err) {
      await this.failed(current, attemptError(err));
      return { done: false, error: err };
    }
  }

  private async failed(writeBack: WriteBack, lastError: string): Promise<void> {
    const now = this.now();
    const giveUp = now >= Date.parse(writeBack.deadlineAt);
    const next = nextRetryAt(writeBack.attempts + 1, now, this.settings);
    await this.store.writeBacks.failAttempt(writeBack.id, this.owner, {
      lastError, status: giveUp ? 'failed' : 'pending', nextAttemptAt: new Date(giveUp ? now : next).toISOString(),
    });
    this.logger.warn({ writeBackId: writeBack.id, attempts: writeBack.attempts + 1, reason: lastError, gaveUp: giveUp }, 'route-and-book write-back failed');
    if (giveUp) await enqueueWriteBackFailed(this.store, { ...writeBack, lastError }, new Date(now));
  }
}
