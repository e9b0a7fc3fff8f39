import { SANDBOX_TEAM, TEAM_EMAIL_DOMAIN, teamUuid, workingIntervals, zonedToUtc } from '../../src/provider-sdk';

/** The shared sandbox team (issue 13 §4) and the working-hours conversion the scheduling sandboxes use. */
const iso = (ms: number): string => new Date(ms).toISOString();

describe('the shared sandbox team', () => {
  it('has distinct members with ascii emails on one example domain and valid time zones', () => {
    expect(SANDBOX_TEAM.length).toBeGreaterThanOrEqual(6);
    expect(new Set(SANDBOX_TEAM.map((m) => m.email)).size).toBe(SANDBOX_TEAM.length);
    for (const m of SANDBOX_TEAM) {
      expect(m.email).toMatch(new RegExp(`^[a-z]+\\.[a-z]+@${TEAM_EMAIL_DOMAIN.replace(/\./g, '\\.')}$`));
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: m.timezone })).not.toThrow();
    }
  });

  it('teamUuid is stable per namespace and differs across namespaces', () => {
    const ada = SANDBOX_TEAM[0];
    expect(teamUuid(ada, 'a')).toBe(teamUuid(ada, 'a'));
    expect(teamUuid(ada, 'a')).not.toBe(teamUuid(ada, 'b'));
    expect(teamUuid(ada, 'a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('working hours in UTC', () => {
  it('converts local wall-clock times with the zone\'s offset, DST included', () => {
    expect(iso(zonedToUtc(Date.UTC(2030, 0, 7, 9), 'Europe/London'))).toBe('2030-01-07T09:00:00.000Z');
    expect(iso(zonedToUtc(Date.UTC(2030, 6, 8, 9), 'Europe/London'))).toBe('2030-07-08T08:00:00.000Z');
    expect(iso(zonedToUtc(Date.UTC(2030, 0, 7, 9), 'Asia/Tokyo'))).toBe('2030-01-07T00:00:00.000Z');
    expect(iso(zonedToUtc(Date.UTC(2030, 0, 7, 9), 'America/New_York'))).toBe('2030-01-07T14:00:00.000Z');
    // Fall-back overlap (01:30 happens twice): the first occurrence.
    expect(iso(zonedToUtc(Date.UTC(2026, 9, 25, 1, 30), 'Europe/London'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('lists whole periods overlapping the range, on the rule\'s weekdays, across a DST change', () => {
    const berlin = workingIntervals([{ days: [1, 2], start: '08:00', end: '12:00' }], 'Europe/Berlin', Date.UTC(2030, 0, 7, 10), Date.UTC(2030, 0, 10));
    expect(berlin.map((i) => [iso(i.startMs), iso(i.endMs)])).toEqual([
      ['2030-01-07T07:00:00.000Z', '2030-01-07T11:00:00.000Z'],
      ['2030-01-08T07:00:00.000Z', '2030-01-08T11:00:00.000Z'],
    ]);
    // Sunday 29 March 2026 → Monday 30: London moves to BST overnight.
    const london = workingIntervals([{ days: [5, 1], start: '09:00', end: '17:00' }], 'Europe/London', Date.UTC(2026, 2, 27), Date.UTC(2026, 2, 31));
    expect(london.map((i) => iso(i.startMs))).toEqual(['2026-03-27T09:00:00.000Z', '2026-03-30T08:00:00.000Z']);
  });
});
