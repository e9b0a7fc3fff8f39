import {
  freeIdsAt, listFreeSlots, workingIntervals, type BusyInterval, type FreeSlot, type SlotRules, type SlotSchedule,
} from '../../../src/provider-sdk';
import { ApiError } from './envelope';
import type { AccountState, Service } from './model';

/**
 * The account seen through the sandbox kit's slot engine (keyed by employee id; no minimum notice): a service's rules, each employee's working periods
 * (the shared sandbox team's hours, in their zones) and non-canceled appointments with their own
 * services' buffers. Listing slots and accepting appointments both come through here.
 */
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const rulesOf = (s: Service): SlotRules => ({
  durationMs: s.duration * MINUTE, bufferBeforeMs: s.bufferTimeBefore * MINUTE, bufferAfterMs: s.bufferTimeAfter * MINUTE, intervalMs: s.duration * MINUTE,
});

/** An employee's non-canceled appointments around [fromMs, toMs), each with its own service's buffers. */
export function busyOf(state: AccountState, employeeId: number, fromMs: number, toMs: number, ignoreId?: number): BusyInterval[] {
  const busy: BusyInterval[] = [];
  for (const a of state.appointments.values()) {
    if (a.id === ignoreId || a.status === 'canceled' || a.employeeId !== employeeId) continue;
    if (a.endMs < fromMs - DAY || a.startMs > toMs + DAY) continue;
    const s = state.services.get(a.serviceId);
    busy.push({ startMs: a.startMs, endMs: a.endMs, bufferBeforeMs: (s?.bufferTimeBefore ?? 0) * MINUTE, bufferAfterMs: (s?.bufferTimeAfter ?? 0) * MINUTE });
  }
  return busy;
}

/** One employee's schedule around [fromMs, toMs) (a day either side, so whole periods and nearby buffers count). */
export function scheduleOf(state: AccountState, employeeId: number, fromMs: number, toMs: number, ignoreId?: number): SlotSchedule<number> {
  const e = state.employees.find((x) => x.id === employeeId);
  const working = e ? workingIntervals(e.member.workingHours, e.member.timezone, fromMs - DAY, toMs + DAY) : [];
  return { id: employeeId, working, busy: busyOf(state, employeeId, fromMs, toMs, ignoreId) };
}

/** Free slots of a service in [fromMs, toMs), optionally with one of its employees. */
export function slotsOf(state: AccountState, service: Service, fromMs: number, toMs: number, nowMs: number, employeeId?: number): FreeSlot<number>[] {
  const ids = service.employeeIds.filter((id) => employeeId === undefined || id === employeeId);
  return listFreeSlots(rulesOf(service), ids.map((id) => scheduleOf(state, id, fromMs, toMs)), fromMs, toMs, nowMs);
}

export const slotNotAvailable = (): ApiError => new ApiError('CONFLICT', 'slot not available');

/**
 * The employee who gets an appointment at `startMs`: the first of `candidates` for whom it is free,
 * or 409 CONFLICT "slot not available" (outside working hours, off the grid, in the past, or
 * overlapping another appointment or its buffers).
 */
export function pickFreeEmployee(state: AccountState, service: Service, candidates: readonly number[], startMs: number, nowMs: number, ignoreId?: number): number {
  const schedules = candidates.map((id) => scheduleOf(state, id, startMs, startMs + 1, ignoreId));
  const [first] = freeIdsAt(rulesOf(service), schedules, startMs, nowMs);
  if (first === undefined) throw slotNotAvailable();
  return first;
}
