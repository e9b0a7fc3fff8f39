import { fail, requiredMissing } from './errors';
import { parseDate, parseDateTime, sfDate, sfDateTime } from './ids';
import { findAny, type OrgState, type SfRecord } from './org-state';
import { objectDef, type ObjectDef } from './schema';

/**
 * Event's time rules (reference/providers.md §2.5, object reference): if IsAllDayEvent is false, a
 * start and either DurationInMinutes or EndDateTime are required; both may be given when they add
 * up. Start, end, duration, ActivityDateTime and ActivityDate are kept consistent, and the read-only
 * AccountId is derived from WhatId (an Account) or the Who contact's account.
 */
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

const ms = (v: unknown): number | null => (typeof v === 'string' ? parseDateTime(v) : null);

export function normalizeEvent(org: OrgState, rec: SfRecord, changes: SfRecord): void {
  const given = (k: string): boolean => k in changes && changes[k] !== null;
  if (rec.IsAllDayEvent === true) {
    const day = typeof rec.ActivityDate === 'string' && (given('ActivityDate') || !given('StartDateTime'))
      ? parseDate(rec.ActivityDate) : ms(rec.StartDateTime);
    if (day === null) throw requiredMissing(['ActivityDate']);
    const start = Math.floor(day / DAY) * DAY;
    setTimes(rec, start, 1440);
  } else {
    const start = ms(given('StartDateTime') ? rec.StartDateTime : given('ActivityDateTime') ? rec.ActivityDateTime : rec.StartDateTime);
    if (start === null) throw requiredMissing(['StartDateTime']);
    const end = ms(rec.EndDateTime);
    const duration = typeof rec.DurationInMinutes === 'number' ? rec.DurationInMinutes : null;
    let minutes: number;
    if (given('EndDateTime') && given('DurationInMinutes')) {
      if (end === null || (end - start) / MINUTE !== duration) {
        throw fail(400, 'FIELD_INTEGRITY_EXCEPTION', 'Duration and End Date/Time do not match: supply one, or values that add up.', ['DurationInMinutes', 'EndDateTime']);
      }
      minutes = duration as number;
    } else if (given('EndDateTime') && end !== null) minutes = (end - start) / MINUTE;
    else if (duration !== null) minutes = duration;
    else if (end !== null) minutes = (end - start) / MINUTE;
    else throw requiredMissing(['DurationInMinutes']);
    if (minutes < 0) throw fail(400, 'FIELD_INTEGRITY_EXCEPTION', 'End Date/Time: The end time must be after the start time.', ['EndDateTime']);
    setTimes(rec, start, Math.round(minutes));
  }
  rec.AccountId = accountOf(org, rec);
}

function setTimes(rec: SfRecord, start: number, minutes: number): void {
  rec.StartDateTime = sfDateTime(start);
  rec.ActivityDateTime = sfDateTime(start);
  rec.ActivityDate = sfDate(start);
  rec.DurationInMinutes = minutes;
  rec.EndDateTime = sfDateTime(start + minutes * MINUTE);
}

function accountOf(org: OrgState, rec: SfRecord): string | null {
  const account = objectDef('Account') as ObjectDef;
  if (typeof rec.WhatId === 'string' && rec.WhatId.startsWith(account.keyPrefix)) return rec.WhatId;
  if (typeof rec.WhoId === 'string') {
    const who = findAny(org, [objectDef('Contact') as ObjectDef], rec.WhoId);
    if (who && typeof who.rec.AccountId === 'string') return who.rec.AccountId;
  }
  return null;
}
