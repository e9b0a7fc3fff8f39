import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../app-deps';
import type { Connection, Scope } from '../store/types';
import type { InboundChange, ProviderWebhookDelivery } from '../store/provider-webhook-deliveries';
import { resourceAdapter } from '../provider-sdk/adapter';
import { NotFoundError } from '../errors';
import type { UnifiedServices } from './services';
import { eventRecord } from './write-events';
import { EVENT_PREFIX, type RecordEventType } from '../events/event-types';

export interface ProcessorSettings {
  /** How often due deliveries are looked for besides the kick on receipt (retries, another process's expired lease). */
  pollMs: number;
  /** How long a claimed delivery is this process's; after it (the process died) another one takes it. */
  leaseMs: number;
  /** Attempts before a delivery is given up (a provider that keeps failing the read). */
  maxAttempts: number;
  retryBaseMs: number;
}

const BATCH = 20;
/** Finished deliveries are kept this long, so a provider's retries within it are recognized as replays (providers retry for up to a day). */
const KEEP_FINISHED_MS = 3 * 24 * 3600 * 1000;
const PURGE_EVERY_MS = 3600 * 1000;
/** Longest wait for the gateway's own write of a record before its webhook is processed anyway. */
const WAIT_FOR_OWN_WRITES_MS = 10_000;

/** The event type of one reported change; a meeting's cancel and reschedule stay their own types. */
export function webhookEventType(change: InboundChange): RecordEventType {
  const prefix = EVENT_PREFIX[change.resource];
  if (change.resource === 'meetings' && (change.change === 'cancelled' || change.change === 'rescheduled')) return `meeting.${change.change}`;
  const kind = change.change === 'cancelled' || change.change === 'rescheduled' ? 'updated' : change.change;
  return `${prefix}.${kind}` as RecordEventType;
}

/**
 * The processing half of provider webhooks: each stored delivery, under a lease in the store, is
 * turned into record events (source "provider_webhook") for every active connection of the
 * provider account it names, in the mode whose secret signed it. The changed record is read through
 * the adapter's `get` (so the event carries the unified record with the account's field
 * mappings), a deletion needs no read. Recording is idempotent (the event id), so a delivery
 * processed twice after a crash, or a change the gateway already recorded for its own write, adds
 * nothing.
 */
export class ProviderWebhookProcessor {
  private readonly owner = `pwp_${randomBytes(6).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private purgeTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly deps: Pick<AppDeps, 'registry' | 'store' | 'logger' | 'recordEvents'>,
    private readonly services: Pick<UnifiedServices, 'unified' | 'mappings'>,
    private readonly settings: ProcessorSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Processes what is due now (deliveries a previous process stored but did not finish), then every pollMs. */
  start(): void {
    this.kick();
    this.timer = setInterval(() => this.kick(), this.settings.pollMs);
    this.timer.unref();
    this.purge();
    this.purgeTimer = setInterval(() => this.purge(), PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) { this.again = true; return; }
    this.running = this.drain().finally(() => { this.running = null; });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    await this.running;
  }

  private purge(): void {
    this.deps.store.providerWebhooks.purgeFinished(new Date(this.now().getTime() - KEEP_FINISHED_MS).toISOString())
      .catch((err: unknown) => this.deps.logger.warn({ reason: (err as Error)?.message }, 'provider webhook purge failed'));
    // Marks of gateway writes whose process died mid-write (see in-flight-writes.ts).
    this.deps.store.inFlightWrites.purgeExpired(this.now().toISOString())
      .catch((err: unknown) => this.deps.logger.warn({ reason: (err as Error)?.message }, 'in-flight write purge failed'));
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        const due = await this.deps.store.providerWebhooks.listDue(this.now().toISOString(), BATCH);
        for (const d of due) {
          if (this.stopped) return;
          await this.processOne(d);
        }
        if (due.length === BATCH) this.again = true;
      } catch (err) {
        this.deps.logger.error({ reason: (err as Error)?.message }, 'provider webhook pass failed');
      }
    } while (this.again && !this.stopped);
  }

  private async processOne(d: ProviderWebhookDelivery): Promise<void> {
    const store = this.deps.store.providerWebhooks;
    const now = this.now();
    if (!(await store.claim(d.id, this.owner, new Date(now.getTime() + this.settings.leaseMs).toISOString(), now.toISOString()))) return;
    try {
      for (const change of d.changes) await this.apply(d, change);
      await store.finish(d.id, this.owner, 'done', this.now().toISOString(), null);
    } catch (err) {
      const reason = (err as { code?: string }).code ?? (err as Error)?.name ?? 'error';
      const attempts = d.attempts + 1;
      if (attempts >= this.settings.maxAttempts) {
        await store.finish(d.id, this.owner, 'failed', this.now().toISOString(), reason);
        this.deps.logger.warn({ delivery: d.id, provider: d.provider, reason }, 'provider webhook delivery given up');
        return;
      }
      const wait = Math.min(this.settings.retryBaseMs * 2 ** (attempts - 1), 3_600_000);
      await store.retryLater(d.id, this.owner, new Date(this.now().getTime() + wait).toISOString(), reason);
    }
  }

  private async apply(d: ProviderWebhookDelivery, change: InboundChange): Promise<void> {
    const ids = await this.deps.store.providerWebhooks.connectionIdsFor(d.mode, d.provider, change.providerAccountId);
    for (const id of ids) {
      const connection = await this.deps.store.connections.getById(id);
      if (!connection || connection.status !== 'active' || connection.mode !== d.mode) continue;
      await this.recordFor(connection, change);
    }
  }

  private async recordFor(connection: Connection, change: InboundChange): Promise<void> {
    const definition = this.deps.registry.get(connection.provider);
    if (!definition) return;
    const type = webhookEventType(change);
    const base = {
      connection, resource: change.resource, type, recordId: change.recordId, source: 'provider_webhook' as const,
      ...(change.occurredAt ? { occurredAt: change.occurredAt } : {}),
    };
    if (type.endsWith('.deleted')) {
      await this.services.unified.writes.settled(connection.id, change.resource, WAIT_FOR_OWN_WRITES_MS);
      await this.deps.recordEvents.record({ ...base, record: null });
      return;
    }
    // The gateway's own write of it, if under way here, is recorded first (it knows a cancel from an update).
    await this.services.unified.writes.settled(connection.id, change.resource, WAIT_FOR_OWN_WRITES_MS);
    const scope: Scope = { accountId: connection.accountId, mode: connection.mode };
    const adapter = resourceAdapter(definition.adapter?.resources, change.resource);
    if (!adapter?.get) return;
    const mapped = await this.services.mappings.mappings(scope, definition.manifest.id, change.resource);
    const extra = Object.values(mapped);
    const ctx = this.services.unified.context({ definition, connection }, null, extra.length > 0 ? extra : undefined);
    let raw: unknown;
    try {
      raw = await adapter.get(ctx, change.recordId);
    } catch (err) {
      // Gone since (deleted right after): its own deletion webhook reports that.
      if (err instanceof NotFoundError) return;
      throw err;
    }
    const record = await eventRecord(this.services.mappings, scope, definition, change.resource, raw);
    // The record as read now, with the id of the state it shows (event-id.ts): the change the webhook
    // names when nothing changed since, which is the id the gateway's own write of it got too; a later
    // change already made is that change's id (its own webhook then adds nothing: one event, the last state).
    await this.deps.recordEvents.record({
      ...base, record,
      ...(type === 'meeting.rescheduled' ? { rescheduledFromId: change.rescheduledFromId ?? (record as { rescheduledFromId?: string | null }).rescheduledFromId ?? null } : {}),
    });
  }
}
