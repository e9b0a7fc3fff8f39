import { EVENT_PREFIX, type EventResource, type RecordEventType } from './event-types';

/** The unified operations that change a record (reads emit nothing). */
export const WRITE_OPERATIONS = ['create', 'update', 'delete', 'cancel', 'reschedule'] as const;
export type WriteOperation = (typeof WRITE_OPERATIONS)[number];

export function isWriteOperation(op: string): op is WriteOperation {
  return (WRITE_OPERATIONS as readonly string[]).includes(op);
}

/**
 * The event a confirmed gateway write is: created, updated, deleted; a meeting's cancel action (or
 * an update that sets status "cancelled") is meeting.cancelled, its reschedule action
 * meeting.rescheduled — neither ever reads as the other, nor as meeting.updated.
 */
export function gatewayEventType(resource: EventResource, op: WriteOperation, input: Record<string, unknown> | null): RecordEventType {
  const prefix = EVENT_PREFIX[resource];
  if (op === 'create') return `${prefix}.created` as RecordEventType;
  if (op === 'delete') return `${prefix}.deleted` as RecordEventType;
  if (resource === 'meetings') {
    if (op === 'cancel') return 'meeting.cancelled';
    if (op === 'reschedule') return 'meeting.rescheduled';
    if (input?.status === 'cancelled') return 'meeting.cancelled';
  }
  return `${prefix}.updated` as RecordEventType;
}
