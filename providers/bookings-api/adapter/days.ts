/**
 * The calendar days (`YYYY-MM-DD`) of a time zone that [startIso, endIso) touches, in order: the
 * bookings API answers availability one day at a time, and the caller's zone says where days begin.
 * Pure.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localDate(ms: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const nextDate = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

export function daysCovering(startIso: string, endIso: string, timeZone: string | null): string[] {
  const zone = timeZone ?? 'UTC';
  const startMs = Date.parse(startIso);
  const endMs = Date.parse(endIso);
  if (!(endMs > startMs)) return [];
  const last = localDate(endMs - 1, zone);
  const out: string[] = [];
  for (let d = localDate(startMs, zone); d <= last; d = nextDate(d)) out.push(d);
  return out;
}

/** Runs `fn` over `items` with at most `concurrency` in flight; results in the items' order. */
export async function mapLimited<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}
