import type { UtcInterval } from './working-hours';

/**
 * The one rule for "can this be booked with this resource (host, employee, staff member) at this
 * start", shared by the scheduling sandboxes: each uses it both to list free slots and to accept a
 * booking, so what is offered is exactly what is accepted. Pure: plain numbers (UTC milliseconds)
 * in, no state, no clock; the wire shapes around it stay each sandbox's own.
 *
 * A start S (meeting [S, S + duration)) is free for a resource when
 *   1. S is after now, and at least `minimumNoticeMs` after now (0 when the provider has none);
 *   2. the meeting lies inside one working period W of the resource, on W's grid (W.start + k × interval);
 *   3. for every busy interval B of the resource: the meeting padded with these rules' buffers does
 *      not overlap B, and the meeting does not overlap B padded with B's own buffers (so a time
 *      inside another booking's buffer is never free, whichever rules set the buffer).
 */
export interface SlotRules {
  durationMs: number;
  bufferBeforeMs: number;
  bufferAfterMs: number;
  intervalMs: number;
  minimumNoticeMs?: number;
}

/** A booking that blocks time, with the buffers of its own type. */
export interface BusyInterval { startMs: number; endMs: number; bufferBeforeMs: number; bufferAfterMs: number }

/** One resource's working periods and busy intervals around the times in question. */
export interface SlotSchedule<Id> { id: Id; working: readonly UtcInterval[]; busy: readonly BusyInterval[] }

export interface FreeSlot<Id> { startMs: number; endMs: number; ids: Id[] }

const overlaps = (a0: number, a1: number, b0: number, b1: number): boolean => a0 < b1 && b0 < a1;

export function isSlotFree<Id>(rules: SlotRules, schedule: SlotSchedule<Id>, startMs: number, nowMs: number): boolean {
  if (startMs <= nowMs || startMs < nowMs + (rules.minimumNoticeMs ?? 0)) return false;
  const endMs = startMs + rules.durationMs;
  const onGrid = schedule.working.some((w) => startMs >= w.startMs && endMs <= w.endMs && (startMs - w.startMs) % rules.intervalMs === 0);
  if (!onGrid) return false;
  return !schedule.busy.some((b) =>
    overlaps(startMs - rules.bufferBeforeMs, endMs + rules.bufferAfterMs, b.startMs, b.endMs)
    || overlaps(startMs, endMs, b.startMs - b.bufferBeforeMs, b.endMs + b.bufferAfterMs));
}

/** The resources (in the given order) for whom `startMs` is free. */
export function freeIdsAt<Id>(rules: SlotRules, schedules: readonly SlotSchedule<Id>[], startMs: number, nowMs: number): Id[] {
  return schedules.filter((s) => isSlotFree(rules, s, startMs, nowMs)).map((s) => s.id);
}

/** Every free start in [fromMs, toMs), ascending, with the resources free at it. */
export function listFreeSlots<Id>(rules: SlotRules, schedules: readonly SlotSchedule<Id>[], fromMs: number, toMs: number, nowMs: number): FreeSlot<Id>[] {
  const candidates = new Set<number>();
  for (const s of schedules) {
    for (const w of s.working) {
      for (let t = w.startMs; t + rules.durationMs <= w.endMs; t += rules.intervalMs) if (t >= fromMs && t < toMs) candidates.add(t);
    }
  }
  const out: FreeSlot<Id>[] = [];
  for (const startMs of [...candidates].sort((a, b) => a - b)) {
    const ids = freeIdsAt(rules, schedules, startMs, nowMs);
    if (ids.length > 0) out.push({ startMs, endMs: startMs + rules.durationMs, ids });
  }
  return out;
}
