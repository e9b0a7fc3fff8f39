import type { WorkingHoursRule } from './team';

/**
 * Weekly working hours (local wall-clock rules in an IANA zone) turned into UTC intervals, DST
 * included, for the scheduling sandboxes' slot computations. Intervals are whole local periods
 * (never clipped to the asked range), so a slot grid anchored at a period's start is the same
 * whichever range a caller asks about.
 */
export interface UtcInterval { startMs: number; endMs: number }

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's local wall-clock time at `utcMs`, as if it were UTC (so `local - utc` is the offset). */
function wallClockMs(utcMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
}

/**
 * The UTC instant of a local wall-clock time: tries the zone's offsets around it. In a fall-back
 * overlap the first occurrence wins; a time in a spring-forward gap moves forward by the gap.
 */
export function zonedToUtc(localMs: number, timeZone: string): number {
  const offsets = new Set([localMs - DAY_MS, localMs, localMs + DAY_MS].map((x) => wallClockMs(x, timeZone) - x));
  const candidates = [...offsets].map((o) => localMs - o);
  const valid = candidates.filter((t) => wallClockMs(t, timeZone) === localMs);
  return valid.length > 0 ? Math.min(...valid) : Math.max(...candidates);
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Every working period, in UTC, that overlaps [fromMs, toMs), sorted by start. */
export function workingIntervals(rules: readonly WorkingHoursRule[], timeZone: string, fromMs: number, toMs: number): UtcInterval[] {
  const out: UtcInterval[] = [];
  // Local calendar days that could hold a period overlapping the range (zones are within ±14 h).
  const firstDay = Math.floor((wallClockMs(fromMs, timeZone) - DAY_MS) / DAY_MS) * DAY_MS;
  const lastDay = Math.floor((wallClockMs(toMs, timeZone) + DAY_MS) / DAY_MS) * DAY_MS;
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    for (const rule of rules) {
      if (!rule.days.includes(weekday)) continue;
      const startMs = zonedToUtc(day + minutesOf(rule.start) * 60_000, timeZone);
      const endMs = zonedToUtc(day + minutesOf(rule.end) * 60_000, timeZone);
      if (endMs > fromMs && startMs < toMs && endMs > startMs) out.push({ startMs, endMs });
    }
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}
