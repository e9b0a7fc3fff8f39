import client, { type Registry } from 'prom-client';

/**
 * Record events by source and type (new ones), and the repeats the event id absorbed (the same
 * change seen by a second source or again), and the events a better reading of their change rewrote. Labels are bounded: three sources, a fixed type list.
 */
export class EventMetrics {
  readonly recorded: client.Counter<'source' | 'type'>;
  readonly duplicates: client.Counter<'source' | 'type'>;
  readonly upgraded: client.Counter<'from' | 'type'>;

  constructor(registry: Registry) {
    const registers = [registry];
    // Several services may share one registry (tests build more than one): reuse what exists.
    this.recorded = (registry.getSingleMetric('gateway_record_events_total') as client.Counter<'source' | 'type'> | undefined)
      ?? new client.Counter({
        name: 'gateway_record_events_total', help: 'Record events stored (one per change), by source and type',
        labelNames: ['source', 'type'] as const, registers,
      });
    this.duplicates = (registry.getSingleMetric('gateway_record_events_duplicates_total') as client.Counter<'source' | 'type'> | undefined)
      ?? new client.Counter({
        name: 'gateway_record_events_duplicates_total', help: 'Changes seen again (same event id) and not stored twice, by source and type',
        labelNames: ['source', 'type'] as const, registers,
      });
    this.upgraded = (registry.getSingleMetric('gateway_record_events_upgraded_total') as client.Counter<'from' | 'type'> | undefined)
      ?? new client.Counter({
        name: 'gateway_record_events_upgraded_total', help: 'Stored events rewritten to a better reading of their change before any delivery went out (e.g. meeting.updated → meeting.rescheduled)',
        labelNames: ['from', 'type'] as const, registers,
      });
  }
}
