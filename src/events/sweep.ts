import type { Connection, SyncState, SyncStateStore, SyncWatermark } from '../store/types';
import { resourceAdapter, type AdapterContext } from '../provider-sdk/adapter';
import type { ProviderDefinition } from '../provider-sdk/define-provider';
import { EVENT_PREFIX, type EventResource, type RecordEventType } from './event-types';
import type { RecordChange, Recorded } from './record-events';

/** One polled resource of one connection. */
export interface SweepTarget { connection: Connection; definition: ProviderDefinition; resource: EventResource }

export interface SweepDeps {
  syncStates: SyncStateStore;
  /** The adapter's view of the connection: calls go through the provider client (rate budget, breaker, retries). */
  context(target: SweepTarget): AdapterContext;
  /** The record as events carry it (field mappings applied, no remoteData). */
  shape(target: SweepTarget, raw: unknown): Promise<Record<string, unknown>>;
  record(change: RecordChange): Promise<Recorded>;
  now(): Date;
}

export interface SweepLimits {
  pageSize: number;
  /** A sweep stops after this many pages or this long (the next one continues from the watermark), so it stays inside its lease. */
  maxPages: number;
  maxMs: number;
}

export interface SweepResult {
  /** The first sweep only starts detection: what changed before it is not an event. */
  started: boolean;
  recorded: number;
  deletions: number;
  caughtUp: boolean;
  /** Seconds since the previous sweep had caught up (null on the first). */
  lagSeconds: number | null;
}

type Row = { id: string; createdAt?: string | null; updatedAt?: string | null };

const iso = (value: string): string => new Date(Date.parse(value)).toISOString();

/** (updatedAt, id) after the watermark: the order sweeps read in and the store keeps. */
export function isAfter(w: SyncWatermark, at: SyncWatermark): boolean {
  return at.updatedAt > w.updatedAt || (at.updatedAt === w.updatedAt && at.id > w.id);
}

/**
 * created when the record was never modified after its creation, or was created after this sweep's
 * starting point (the consumer has not been told of it yet); otherwise updated.
 */
export function pollEventType(resource: EventResource, row: Row, from: SyncWatermark): RecordEventType {
  const prefix = EVENT_PREFIX[resource];
  const created = row.createdAt ? iso(row.createdAt) : null;
  const isNew = created !== null && (created === iso(row.updatedAt!) || created > from.updatedAt);
  return `${prefix}.${isNew ? 'created' : 'updated'}` as RecordEventType;
}

/**
 * One sweep of one resource of one connection (API.md § Change events, polling): the list with
 * `updatedSince` = the watermark's time, in (updatedAt, id) order, records every row after the
 * watermark as an event and stores the watermark after each page, so a crash resumes from the last
 * page fully recorded (rows of a page recorded twice are one event: the id is the change's). Rows
 * at the watermark's very time but after its id are still read: ties are never skipped. Then the
 * provider's deletions since the last covered time, where the adapter can list them.
 */
export async function sweepResource(deps: SweepDeps, target: SweepTarget, limits: SweepLimits): Promise<SweepResult> {
  const { connection, definition, resource } = target;
  const adapter = resourceAdapter(definition.adapter?.resources, resource);
  if (!adapter?.list) throw new Error(`${definition.manifest.id} cannot list ${resource}`);
  const began = deps.now();
  const startedAt = began.toISOString();
  const state = await deps.syncStates.get(connection.id, resource);
  if (!state) {
    // Whole seconds: a provider keeping second-precision times stamps a change made later in this
    // very second before `startedAt`; it must still count.
    const from = new Date(Math.floor(began.getTime() / 1000) * 1000).toISOString();
    await deps.syncStates.start(initialState(target, from, startedAt, typeof adapter.listDeleted === 'function'));
    return { started: true, recorded: 0, deletions: 0, caughtUp: true, lagSeconds: null };
  }
  const lagSeconds = state.caughtUpAt ? Math.max(0, (began.getTime() - Date.parse(state.caughtUpAt)) / 1000) : null;
  try {
    const ctx = deps.context(target);
    const from = state.watermark;
    let watermark = from;
    let cursor: string | null = null;
    let pages = 0;
    let recorded = 0;
    do {
      const page = await adapter.list(ctx, { limit: limits.pageSize, cursor, filters: { updatedSince: from.updatedAt } });
      for (const raw of page.items as Row[]) {
        if (!raw.updatedAt) continue;
        const at: SyncWatermark = { updatedAt: iso(raw.updatedAt), id: raw.id };
        if (!isAfter(watermark, at)) continue;
        const record = await deps.shape(target, raw);
        await deps.record({ connection, resource, type: pollEventType(resource, raw, from), recordId: raw.id, record, source: 'poll' });
        watermark = at;
        recorded += 1;
      }
      if (watermark !== from) await deps.syncStates.advance(connection.id, resource, watermark);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < limits.maxPages && deps.now().getTime() - began.getTime() < limits.maxMs);
    const deletions = await sweepDeletions(deps, target, state, adapter.listDeleted?.bind(adapter), ctx);
    const caughtUp = cursor === null;
    await deps.syncStates.finishSweep(connection.id, resource, { at: deps.now().toISOString(), caughtUpAt: caughtUp ? startedAt : null, lastError: null });
    return { started: false, recorded, deletions, caughtUp, lagSeconds };
  } catch (err) {
    const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'INTERNAL_ERROR';
    const at = deps.now().toISOString();
    await deps.syncStates.finishSweep(connection.id, resource, { at, caughtUpAt: null, lastError: { code, message: (err as Error).message, at } });
    throw err;
  }
}

async function sweepDeletions(deps: SweepDeps, target: SweepTarget, state: SyncState,
  listDeleted: NonNullable<ReturnType<typeof resourceAdapter>>['listDeleted'], ctx: AdapterContext): Promise<number> {
  const since = state.deletionsUntil;
  const until = deps.now().toISOString();
  if (!listDeleted || since === null || until <= since) return 0;
  const { connection, resource } = target;
  const found = await listDeleted(ctx, { since, until });
  const items = [...found.items].sort((a, b) => (a.deletedAt < b.deletedAt ? -1 : a.deletedAt > b.deletedAt ? 1 : 0));
  for (const d of items) {
    // A deletion is one change whoever saw it: the gateway's own DELETE gave this same event id.
    await deps.record({ connection, resource, type: `${EVENT_PREFIX[resource]}.deleted` as RecordEventType, recordId: d.id, record: null, source: 'poll', occurredAt: iso(d.deletedAt) });
  }
  await deps.syncStates.advanceDeletions(connection.id, resource, iso(found.coveredUntil));
  return items.length;
}

function initialState(target: SweepTarget, from: string, at: string, deletions: boolean): SyncState {
  const { connection, resource } = target;
  return {
    connectionId: connection.id, accountId: connection.accountId, mode: connection.mode, resource,
    watermark: { updatedAt: from, id: '' }, deletionsUntil: deletions ? from : null,
    lastSweepAt: at, caughtUpAt: at, lastError: null, createdAt: at,
  };
}
