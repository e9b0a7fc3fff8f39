import type { AppDeps } from '../app-deps';
import type { Scope } from '../store/types';
import type { ProviderDefinition } from '../provider-sdk/define-provider';
import type { Meeting } from '../provider-sdk/unified-models';
import type { EventResource } from '../events/event-types';
import { gatewayEventType } from '../events/gateway-writes';
import type { ConfirmedWrite } from './unified-service';
import type { FieldMappingService } from './field-mappings';
import { withSchedulingDefaults } from './meeting-defaults';

type UnifiedRecord = { id: string; customFields: Record<string, unknown>; remoteData?: unknown };

/**
 * A unified record as an event carries it, whichever source saw the change: the one the account
 * sees from the unified routes (its field mappings applied, meetings' scheduling fields), never
 * remoteData. Provider webhooks and polling shape what they fetched through this too.
 */
export async function eventRecord(mappings: FieldMappingService, scope: Scope, definition: ProviderDefinition, resource: EventResource,
  raw: unknown): Promise<Record<string, unknown>> {
  const mapped = await mappings.mappings(scope, definition.manifest.id, resource);
  const withCustom = mappings.readInto(definition, resource, mapped, raw as UnifiedRecord);
  const full = resource === 'meetings' ? withSchedulingDefaults(withCustom as unknown as Meeting) as unknown as UnifiedRecord : withCustom;
  const { remoteData: _raw, ...shown } = full;
  return shown;
}

/**
 * The gateway's own writes as change events (source "gateway"), recorded before the caller gets
 * its answer. Recording failing never fails the write the provider already confirmed: it is
 * logged, and a provider webhook or poll may still see the change.
 */
export function gatewayWriteEvents(deps: AppDeps, mappings: FieldMappingService): (write: ConfirmedWrite) => Promise<void> {
  return async (write) => {
    const { scope, resolved, op, input } = write;
    const resource = write.resource as EventResource;
    const type = gatewayEventType(resource, op, input);
    try {
      const record = op === 'delete' ? null : await eventRecord(mappings, scope, resolved.definition, resource, write.result);
      const recordId = record ? String(record.id) : write.id!;
      await deps.recordEvents.record({
        connection: resolved.connection, resource, type, recordId, record, source: 'gateway',
        ...(type === 'meeting.rescheduled' ? { rescheduledFromId: (record as { rescheduledFromId?: string | null }).rescheduledFromId ?? null } : {}),
      });
    } catch (err) {
      deps.logger.error({ connectionId: resolved.connection.id, type, reason: (err as Error)?.message }, 'could not record the change event of a gateway write');
    }
  };
}
