import nock from 'nock';
import { liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { exchanges, fixture } from '../fixtures/load';
import { meetings } from './meetings.adapter';
import { expectExchanges, HOST } from '../fixtures/nock';

describe('salesforce meetings adapter (nock, real host)', () => {
  let h: LiveHarness;
  beforeAll(async () => {
    nock.disableNetConnect();
    h = await liveAdapterContext('salesforce', { metadata: { instance_url: HOST } });
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

  it('list: Events, then one EventRelation query for the page; relations become attendees', async () => {
    const list = exchanges('meetings-list');
    const scope = expectExchanges(list);
    const page = await meetings.list!(h.ctx, { limit: 3, cursor: null, filters: {} });
    expect(page.items).toHaveLength(3);
    expect(list[1].request.query.q).toMatch(/FROM EventRelation WHERE EventId IN \('00U\w+', '00U\w+', '00U\w+'\)/);
    expect(JSON.parse(page.nextCursor!)).toEqual({ batch: null, skip: 3 });
    const withRelations = page.items.find((m) => m.attendees.length > 1)!;
    expect(withRelations.contactIds.length).toBeGreaterThan(0);
    scope.done();
  });

  it('list: contactId → EventRelation look-up, then WhoId OR Id IN (…); startDate/endDate on StartDateTime', async () => {
    const byContact = exchanges('meetings-list-contact');
    const byDates = exchanges('meetings-list-dates');
    const scope = expectExchanges([...byContact, ...byDates]);
    const contactId = /RelationId = '(\w+)'/.exec(byContact[0].request.query.q)![1];
    expect(byContact[1].request.query.q).toContain(`WHERE (WhoId = '${contactId}' OR Id IN (`);
    const r = await meetings.list!(h.ctx, { limit: 10, cursor: null, filters: { contactId } });
    for (const m of r.items) expect(m.contactIds).toContain(contactId);
    expect(byDates[0].request.query.q).toContain('WHERE StartDateTime >= 2026-06-01T00:00:00Z AND StartDateTime < 2026-07-01T00:00:00Z');
    const d = await meetings.list!(h.ctx, { limit: 5, cursor: null, filters: { startDate: '2026-06-01T00:00:00Z', endDate: '2026-07-01T00:00:00Z' } });
    for (const m of d.items) expect(m.startTime! >= '2026-06-01' && m.startTime! < '2026-07-01').toBe(true);
    scope.done();
  });

  it('get: Event and its relations; a bad id is MEETING_NOT_FOUND without a call', async () => {
    const get = exchanges('meetings-get');
    const scope = expectExchanges(get);
    const id = /Id = '(\w+)'/.exec(get[0].request.query.q)![1];
    const m = await meetings.get!(h.ctx, id);
    expect(m.attendees.length).toBeGreaterThanOrEqual(2);
    await expect(meetings.get!(h.ctx, 'not-an-id')).rejects.toMatchObject({ code: 'MEETING_NOT_FOUND' });
    scope.done();
  });

  it('create: Event with the first contact as WhoId, EventRelation for the second; update; delete', async () => {
    const create = exchanges('meetings-create');
    const update = exchanges('meetings-update');
    const scope = expectExchanges([...create, ...update, fixture('meetings-delete')]);
    const body = create[0].request.body as Record<string, string>;
    const rel = create[2].request.body as Record<string, string>;
    const contactIds = [body.WhoId, rel.RelationId];
    const m = await meetings.create!(h.ctx, {
      title: 'Intro – Zoë', description: 'Agenda', location: 'Zoom', startTime: '2026-12-01T10:00:00Z', endTime: '2026-12-01T10:30:00Z', contactIds,
    });
    expect(body).toEqual({ Subject: 'Intro – Zoë', Description: 'Agenda', Location: 'Zoom', StartDateTime: '2026-12-01T10:00:00Z', EndDateTime: '2026-12-01T10:30:00Z', WhoId: contactIds[0] });
    expect(m).toMatchObject({ title: 'Intro – Zoë', startTime: '2026-12-01T10:00:00.000Z', endTime: '2026-12-01T10:30:00.000Z', contactIds, status: expect.any(String) });
    const u = await meetings.update!(h.ctx, m.id, { startTime: '2026-12-02T10:00:00Z', endTime: '2026-12-02T11:00:00Z', contactIds: [contactIds[1]] });
    expect(u).toMatchObject({ startTime: '2026-12-02T10:00:00.000Z', contactIds: [contactIds[1]] });
    await meetings.delete!(h.ctx, m.id);
    scope.done();
  });
});
