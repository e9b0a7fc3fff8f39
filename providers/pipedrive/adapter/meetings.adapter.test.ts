import nock from 'nock';
import { liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { API_DOMAIN, exchanges, expectDone, replay } from '../fixtures/replay';
import { meetings } from './meetings.adapter';

let h: LiveHarness;
beforeAll(async () => {
  nock.disableNetConnect();
  h = await liveAdapterContext('pipedrive', { metadata: { api_domain: API_DOMAIN } });
});
afterEach(() => nock.cleanAll());
afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

describe('pipedrive meetings adapter (nock, real api_domain host)', () => {
  let next: string | null = null;

  it('list: keeps fetching activity pages until it has `limit` meetings, skipping other types', async () => {
    const scopes = replay('meetings-list');
    const page = await meetings.list!(h.ctx, { limit: 3, cursor: null, filters: {} });
    expectDone(scopes);
    expect(page.items.map((m) => m.id)).toEqual(['1', '2', '4']);
    const providerCursor = exchanges('meetings-list')[1].request.query.cursor;
    expect(JSON.parse(page.nextCursor!)).toEqual({ c: providerCursor, after: 4 });
    next = page.nextCursor;
  });

  it('list: the next page re-reads the provider page it stopped in and skips what it already returned', async () => {
    const scopes = replay('meetings-list-next');
    const page = await meetings.list!(h.ctx, { limit: 3, cursor: next, filters: {} });
    expectDone(scopes);
    expect(page.items.map((m) => m.id)).toEqual(['6', '8', '9']);
  });

  it('list: contactId → person_id; the last provider page ends the list', async () => {
    const scopes = replay('meetings-list-contact');
    const page = await meetings.list!(h.ctx, { limit: 2, cursor: null, filters: { contactId: '109' } });
    expectDone(scopes);
    expect(page.items.every((m) => m.contactIds.includes('109'))).toBe(true);
    expect(page.nextCursor).toBeNull();
  });

  it('get: GET /api/v2/activities/:id', async () => {
    const scopes = replay('meetings-get');
    const m = await meetings.get!(h.ctx, '1');
    expectDone(scopes);
    expect(m.id).toBe('1');
  });

  it('create: POST /api/v2/activities with type meeting, due_date/due_time/duration, participants and attendees', async () => {
    const scopes = replay('meetings-create');
    const m = await meetings.create!(h.ctx, {
      title: 'Intro meeting', startTime: '2026-03-23T14:00:00Z', endTime: '2026-03-23T14:50:00Z', location: 'Remote',
      contactIds: ['1', '2'], attendees: [{ email: 'bob@acme.com', name: 'Bob', contactId: '2' }],
    });
    expectDone(scopes);
    expect(m).toMatchObject({ id: '81', startTime: '2026-03-23T14:00:00.000Z', endTime: '2026-03-23T14:50:00.000Z', contactIds: ['1', '2'], status: 'scheduled' });
  });

  it('update: reads the activity (must be a meeting), PATCHes a moved start and done', async () => {
    const scopes = replay('meetings-update');
    const m = await meetings.update!(h.ctx, '81', { startTime: '2026-03-24T09:00:00Z', status: 'completed' });
    expectDone(scopes);
    expect(m).toMatchObject({ startTime: '2026-03-24T09:00:00.000Z', endTime: '2026-03-24T09:50:00.000Z', status: 'completed' });
  });

  it('delete: reads the activity (must be a meeting), then DELETE', async () => {
    const scopes = replay('meetings-delete');
    await meetings.delete!(h.ctx, '81');
    expectDone(scopes);
  });

  it('a non-numeric id is MEETING_NOT_FOUND without a call', async () => {
    await expect(meetings.get!(h.ctx, 'abc')).rejects.toMatchObject({ code: 'MEETING_NOT_FOUND' });
  });
});
