import type { Context } from 'koa';
import type { AppDeps } from '../../app-deps';
import { scopeOf } from '../../app-deps';
import type { MeetingOperation, ResourceName } from '../../provider-sdk/manifest';
import type { AdapterContext } from '../../provider-sdk/adapter';
import type { Meeting } from '../../provider-sdk/unified-models';
import { InvalidInputError } from '../../errors';
import type { UnifiedServices } from '../../unified/services';
import type { Resolved } from '../../unified/unified-service';
import { withSchedulingDefaults } from '../../unified/meeting-defaults';
import { etagOf, parseIfMatch } from '../etag';
import { withoutRaw } from '../respond';

export type AnyRecord = { customFields: Record<string, unknown>; remoteData?: unknown; email?: string | null; emails?: { value: string }[] };

interface Query { provider?: string; endUserId?: string; includeRaw?: boolean }

export interface UnifiedCall {
  resolved: Resolved;
  adapterCtx: AdapterContext;
  /** The record as the caller sees it: mapped custom fields, meetings' scheduling fields, remoteData on request. */
  shape<T extends AnyRecord>(record: T): T;
  /** A write body with its mapped custom fields turned into providerData. */
  input<I extends Record<string, unknown>>(body: I): I;
}

/** Writes that name a version with If-Match (API.md § Scheduling: optimistic concurrency). */
const VERSIONED_WRITES: readonly MeetingOperation[] = ['update', 'delete', 'cancel', 'reschedule'];

/**
 * One unified call's setup, shared by the CRUD routes and the meeting actions: the resolution order
 * of API.md § Unified resources, the account's field mappings, and the adapter context (the
 * caller's Idempotency-Key and, where the adapter versions records, its If-Match).
 */
export async function unifiedCall(deps: AppDeps, services: UnifiedServices, resource: ResourceName, ctx: Context, op: MeetingOperation): Promise<UnifiedCall> {
  const { unified: service, mappings } = services;
  const q = ctx.state.query as Query;
  const scope = scopeOf(ctx.state);
  const resolved = await service.resolve(scope, resource, op, q.provider, q.endUserId);
  const mapped = await mappings.mappings(scope, resolved.definition.manifest.id, resource);
  const extraFields = Object.values(mapped);
  const adapterCtx = service.context(resolved, ctx.get('idempotency-key') || null, extraFields.length > 0 ? extraFields : undefined);
  if (VERSIONED_WRITES.includes(op)) {
    const ifMatch = parseIfMatch(ctx.get('if-match') || undefined);
    if (ifMatch !== null) {
      // A version the provider cannot check would be dropped silently: refused, naming the header.
      if ((resolved.adapter as { versioned?: boolean }).versioned !== true) {
        throw new InvalidInputError([{ field: 'If-Match', message: `is not supported by ${resolved.definition.manifest.id} for ${resource}: it does not version records` }]);
      }
      adapterCtx.ifMatch = ifMatch;
    }
  }
  // customFields come from the mapping on reads, and go through it on writes.
  const shape = <T extends AnyRecord>(record: T): T => {
    const mappedRecord = mappings.readInto(resolved.definition, resource, mapped, record);
    // Meetings carry the booking-engine fields whichever provider answered (null where it has none).
    const withCustom = resource === 'meetings' ? withSchedulingDefaults(mappedRecord as unknown as Meeting) as unknown as T : mappedRecord;
    return q.includeRaw === true ? withCustom : withoutRaw(withCustom);
  };
  const input = <I extends Record<string, unknown>>(body: I): I => mappings.writeInput(resolved.definition, resource, mapped, body);
  return { resolved, adapterCtx, shape, input };
}

/** `ETag: "<version>"` on a record the provider versions (GET, and every write's answer). */
export function setEtag(ctx: Context, record: object): void {
  const { version } = record as { version?: unknown };
  if (typeof version === 'string' && version !== '') ctx.set('ETag', etagOf(version));
}
