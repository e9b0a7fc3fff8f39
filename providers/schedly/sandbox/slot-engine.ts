import type { UtcInterval } from '../../../src/provider-sdk';

/**
 * The one rule for "can this service be booked with this employee at this start", used both to
 * list slots (GET /api/extension/slots) and to accept an appointment (create, reschedule): what is
 * offered is exactly what is accepted. Pure: plain numbers (UTC ms), no state, no clock.
 *
 * A start S (appointment [S, S + duration)) is free for an employee when
 *   1. S is after now;
 *   2. the appointment lies inside one working period W of the employee, on W's grid
 *      (W.start + k × interval; the interval is the service's duration);
 *   3. for every non-canceled appointment B of the employee: the appointment padded with this
 *      service's buffers does not overlap B, and the appointment does not overlap B padded with
 *      B's own service's buffers.
 */
export interface SlotRules { durationMs: number; bufferBeforeMs: number; bufferAfterMs: number; intervalMs: number }
export interface Busy { startMs: number; endMs: number; bufferBeforeMs: number; bufferAfterMs: number }
export interface EmployeeSchedule { employeeId: number; working: readonly UtcInterval[]; busy: readonly Busy[] }
export interface FreeSlot { startMs: number; endMs: number; employeeIds: number[] }

const overlaps = (a0: number, a1: number, b0: number, b1: number): boolean => a0 < b1 && b0 < a1;

export function isSlotFree(rules: SlotRules, e: EmployeeSchedule, startMs: number, nowMs: number): boolean {
  if (startMs <= nowMs) return false;
  const endMs = startMs + rules.durationMs;
  const inPeriod = e.working.some((w) => startMs >= w.startMs && endMs <= w.endMs && (startMs - w.startMs) % rules.intervalMs === 0);
  if (!inPeriod) return false;
  return !e.busy.some((b) =>
    overlaps(startMs - rules.bufferBeforeMs, endMs + rules.bufferAfterMs, b.startMs, b.endMs)
    || overlaps(startMs, endMs, b.startMs - b.bufferBeforeMs, b.endMs + b.bufferAfterMs));
}

/** The employees (in the given order) for whom `startMs` is free. */
export function freeEmployeesAt(rules: SlotRules, employees: readonly EmployeeSchedule[], startMs: number, nowMs: number): number[] {
  return employees.filter((e) => isSlotFree(rules, e, startMs, nowMs)).map((e) => e.employeeId);
}

/** Every free start in [fromMs, toMs), ascending, with the employees free at it. */
export function listFreeSlots(rules: SlotRules, employees: readonly EmployeeSchedule[], fromMs: number, toMs: number, nowMs: number): FreeSlot[] {
  const candidates = new Set<number>();
  for (const e of employees) {
    for (const w of e.working) {
      for (let s = w.startMs; s + rules.durationMs <= w.endMs; s += rules.intervalMs) if (s >= fromMs && s < toMs) candidates.add(s);
    }
  }
  const out: FreeSlot[] = [];
  for (const startMs of [...candidates].sort((a, b) => a - b)) {
    const employeeIds = freeEmployeesAt(rules, employees, startMs, nowMs);
    if (employeeIds.length > 0) out.push({ startMs, endMs: startMs + rules.durationMs, employeeIds });
  }
  return out;
}
