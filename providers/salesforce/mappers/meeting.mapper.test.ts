import { golden, recordsOf, schemaErrors, withoutRemoteData } from '../fixtures/load';
import { toProviderMeeting, toUnifiedMeeting } from './meeting.mapper';
import type { SfEvent, SfEventRelation } from './wire';

/** The golden file is mapped as of this instant: events ending before it are `completed`. */
const NOW = new Date('2026-11-21T00:00:00Z');

function withRelations(events: SfEvent[], relations: SfEventRelation[]): SfEvent[] {
  return events.map((e) => {
    const records = relations.filter((r) => r.EventId === e.Id);
    return { ...e, EventRelations: { totalSize: records.length, done: true, records } };
  });
}

describe('salesforce meeting mapper', () => {
  const raw = [
    ...withRelations(recordsOf<SfEvent>('meetings-list').slice(0, 3), recordsOf<SfEventRelation>('meetings-list-2')),
    ...withRelations(recordsOf<SfEvent>('meetings-get'), recordsOf<SfEventRelation>('meetings-get-2')),
    ...withRelations(recordsOf<SfEvent>('meetings-create-4'), recordsOf<SfEventRelation>('meetings-create-5')),
  ];
  const mapped = raw.map((e) => toUnifiedMeeting(e, NOW));

  it('maps every recorded Event to a schema-valid record matching golden/meetings.json', () => {
    for (const m of mapped) expect(schemaErrors('meetings', withoutRemoteData(m))).toBe('');
    expect(mapped.map(withoutRemoteData)).toEqual(golden('meetings', mapped.map(withoutRemoteData)));
  });

  it('attendees: the Who first, then EventRelation people (users and leads without contactId); contactIds only 003', () => {
    const m = toUnifiedMeeting(withRelations(recordsOf<SfEvent>('meetings-get'), recordsOf<SfEventRelation>('meetings-get-2'))[0], NOW);
    expect(m.attendees.length).toBeGreaterThanOrEqual(2);
    expect(m.attendees[0].contactId).toBe(raw[3].WhoId?.startsWith('003') ? raw[3].WhoId : null);
    expect(m.attendees.some((a) => a.contactId === null && a.name !== null)).toBe(true);
    for (const id of m.contactIds) expect(id).toMatch(/^003/);
    expect(new Set(m.attendees.map((a) => a.email)).size).toBe(m.attendees.length);
  });

  it('status: completed once the end is past, else scheduled; timezone null (UTC instants)', () => {
    const ev = raw[0];
    expect(toUnifiedMeeting({ ...ev, EndDateTime: '2020-01-01T00:00:00.000+0000' }, NOW).status).toBe('completed');
    expect(toUnifiedMeeting({ ...ev, EndDateTime: '2030-01-01T00:00:00.000+0000' }, NOW).status).toBe('scheduled');
    expect(mapped[0].timezone).toBeNull();
  });

  it('writes the first contact as WhoId; refuses cancelled and attendees without contactId', () => {
    expect(toProviderMeeting({ title: 'T', startTime: '2026-01-01T10:00:00Z', contactIds: ['003A', '003B'], timezone: 'Europe/Berlin' }))
      .toEqual({ Subject: 'T', StartDateTime: '2026-01-01T10:00:00Z', WhoId: '003A' });
    expect(toProviderMeeting({ contactIds: [] })).toEqual({ WhoId: null });
    expect(() => toProviderMeeting({ status: 'cancelled' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => toProviderMeeting({ attendees: [{ email: 'a@b.co' }] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
