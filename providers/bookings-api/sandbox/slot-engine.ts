import { zonedToUtc, type UtcInterval } from '../../../src/provider-sdk';

/**
 * The one rule for "can this link be booked at this time with this host", used both to answer
 * GET /api/v1/availability and to accept POST /api/v1/bookings: what is offered is exactly what is
 * accepted. Pure: plain numbers (UTC milliseconds) in, no state, no clock.
 *
 * A start S (meeting [S, S + duration)) is free for a host when
 *   1. S is at least the link's minimum notice after now;
 *   2. the meeting lies inside one of the host's availability windows W, on its grid (W.start + k × interval);
 *   3. for every confirmed booking B of the host: the meeting padded with this link's buffers does not
 *      overlap B, and the meeting does not overlap B padded with B's own link's buffers.
 */
export interface SlotRules { durationMs: number; bufferBeforeMs: number; bufferAfterMs: number; intervalMs: number; minimumNoticeMs: number }
export interface Busy { startMs: number; endMs: number; bufferBeforeMs: number; bufferAfterMs: number }
export interface HostSchedule { hostId: string; working: readonly UtcInterval[]; busy: readonly Busy[] }
export interface FreeSlot { startMs: number; endMs: number; hostIds: string[] }

const overlaps = (a0: number, a1: number, b0: number, b1: number): boolean => a0 < b1 && b0 < a1;

export function isSlotFree(rules: SlotRules, host: HostSchedule, startMs: number, nowMs: number): boolean {
  if (startMs <= nowMs || startMs < nowMs + rules.minimumNoticeMs) return false;
  const endMs = startMs + rules.durationMs;
  const onGrid = host.working.some((w) => startMs >= w.startMs && endMs <= w.endMs && (startMs - w.startMs) % rules.intervalMs === 0);
  if (!onGrid) return false;
  return !host.busy.some((b) =>
    overlaps(startMs - rules.bufferBeforeMs, endMs + rules.bufferAfterMs, b.startMs, b.endMs)
    || overlaps(startMs, endMs, b.startMs - b.bufferBeforeMs, b.endMs + b.bufferAfterMs));
}

export function freeHostsAt(rules: SlotRules, hosts: readonly HostSchedule[], startMs: number, nowMs: number): string[] {
  return hosts.filter((h) => isSlotFree(rules, h, startMs, nowMs)).map((h) => h.hostId);
}

/** Every free start in [fromMs, toMs), ascending, with the hosts free at it. */
export function listFreeSlots(rules: SlotRules, hosts: readonly HostSchedule[], fromMs: number, toMs: number, nowMs: number): FreeSlot[] {
  const candidates = new Set<number>();
  for (const h of hosts) {
    for (const w of h.working) {
      for (let s = w.startMs; s + rules.durationMs <= w.endMs; s += rules.intervalMs) if (s >= fromMs && s < toMs) candidates.add(s);
    }
  }
  const out: FreeSlot[] = [];
  for (const startMs of [...candidates].sort((a, b) => a - b)) {
    const hostIds = freeHostsAt(rules, hosts, startMs, nowMs);
    if (hostIds.length > 0) out.push({ startMs, endMs: startMs + rules.durationMs, hostIds });
  }
  return out;
}

/** The UTC bounds of a calendar day (`YYYY-MM-DD`) in a zone, or null when it is no real date. */
export function dayRange(date: string, timeZone: string): { fromMs: number; toMs: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const midnight = Date.UTC(y, mo, d);
  const check = new Date(midnight);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo || check.getUTCDate() !== d) return null;
  return { fromMs: zonedToUtc(midnight, timeZone), toMs: zonedToUtc(Date.UTC(y, mo, d + 1), timeZone) };
}
