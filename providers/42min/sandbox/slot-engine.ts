import type { UtcInterval } from '../../../src/provider-sdk';

/**
 * The one rule for "can this time be booked with this host", used both to list slots
 * (GET /v1/slots) and to accept a booking (create, reschedule): what is offered is exactly what
 * is accepted. Pure: all inputs are plain numbers (UTC milliseconds), no state, no clock.
 *
 * A start S (meeting [S, S + duration)) is free for a host when
 *   1. S is at least `minimumNotice` after now (and after now at all);
 *   2. the meeting lies inside one working period W of the host, and S is on that period's grid
 *      (W.start + k × interval);
 *   3. for every confirmed booking B of the host: the meeting padded with this type's buffers does
 *      not overlap B, and the meeting does not overlap B padded with B's own buffers (so a time
 *      inside another booking's buffer is never free, whichever type set the buffer).
 */
export interface SlotRules {
  durationMs: number;
  bufferBeforeMs: number;
  bufferAfterMs: number;
  minimumNoticeMs: number;
  intervalMs: number;
}

export interface BusyBooking { startMs: number; endMs: number; bufferBeforeMs: number; bufferAfterMs: number }

/** One host's working periods and confirmed bookings around the times in question. */
export interface HostSchedule { hostId: string; working: readonly UtcInterval[]; busy: readonly BusyBooking[] }

export interface FreeSlot { startMs: number; endMs: number; hostIds: string[] }

const overlaps = (a0: number, a1: number, b0: number, b1: number): boolean => a0 < b1 && b0 < a1;

function onGrid(rules: SlotRules, working: readonly UtcInterval[], startMs: number): boolean {
  const endMs = startMs + rules.durationMs;
  return working.some((w) => startMs >= w.startMs && endMs <= w.endMs && (startMs - w.startMs) % rules.intervalMs === 0);
}

export function isSlotFree(rules: SlotRules, host: HostSchedule, startMs: number, nowMs: number): boolean {
  if (startMs <= nowMs || startMs < nowMs + rules.minimumNoticeMs) return false;
  if (!onGrid(rules, host.working, startMs)) return false;
  const endMs = startMs + rules.durationMs;
  return !host.busy.some((b) =>
    overlaps(startMs - rules.bufferBeforeMs, endMs + rules.bufferAfterMs, b.startMs, b.endMs)
    || overlaps(startMs, endMs, b.startMs - b.bufferBeforeMs, b.endMs + b.bufferAfterMs));
}

/** The hosts (in the given order) for whom `startMs` is free. */
export function freeHostsAt(rules: SlotRules, hosts: readonly HostSchedule[], startMs: number, nowMs: number): string[] {
  return hosts.filter((h) => isSlotFree(rules, h, startMs, nowMs)).map((h) => h.hostId);
}

/** Every free start in [fromMs, toMs), ascending, with the hosts free at it. */
export function listFreeSlots(rules: SlotRules, hosts: readonly HostSchedule[], fromMs: number, toMs: number, nowMs: number): FreeSlot[] {
  const candidates = new Set<number>();
  for (const h of hosts) {
    for (const w of h.working) {
      for (let s = w.startMs; s + rules.durationMs <= w.endMs; s += rules.intervalMs) {
        if (s >= fromMs && s < toMs) candidates.add(s);
      }
    }
  }
  const out: FreeSlot[] = [];
  for (const startMs of [...candidates].sort((a, b) => a - b)) {
    const hostIds = freeHostsAt(rules, hosts, startMs, nowMs);
    if (hostIds.length > 0) out.push({ startMs, endMs: startMs + rules.durationMs, hostIds });
  }
  return out;
}
