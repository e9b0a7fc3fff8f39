import { zonedToUtc } from '../../../src/provider-sdk';

/** The UTC bounds of a calendar day (`YYYY-MM-DD`) in a zone, or null when it is no real date (GET /api/v1/availability's `date`). */
export function dayRange(date: string, timeZone: string): { fromMs: number; toMs: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const midnight = Date.UTC(y, mo, d);
  const check = new Date(midnight);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo || check.getUTCDate() !== d) return null;
  return { fromMs: zonedToUtc(midnight, timeZone), toMs: zonedToUtc(Date.UTC(y, mo, d + 1), timeZone) };
}
