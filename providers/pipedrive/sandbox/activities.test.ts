/**
 * Meetings = activities with `type: "meeting"` (reference/providers.md §3.4): v2 cursor pages over
 * every activity type (no type filter), the v2 activity shape, CRUD.
 */
import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { allV2, api, apiError, connect, start } from './test-support';

let sb: RunningSandbox;
let token: string;
beforeAll(async () => {
  sb = await start();
  sb.kit.limits.configure('*', 'burst', { max: 100_000, windowMs: 2000 });
  token = (await connect(sb.url, 'activities-acct')).access_token;
});
afterAll(async () => { await sb.close(); });

describe('GET /api/v2/activities', () => {
  it('pages every activity to the end; meetings are mixed with other types', async () => {
    const { items, pages } = await allV2(sb.url, token, '/api/v2/activities', { limit: '25' });
    expect(pages).toBe(Math.ceil(items.length / 25));
    const ids = items.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const meetings = items.filter((a) => a.type === 'meeting');
    expect(meetings.length).toBeGreaterThanOrEqual(45);
    expect(items.some((a) => a.type !== 'meeting')).toBe(true);
    const now = new Date().toISOString().slice(0, 10);
    expect(meetings.some((m) => m.due_date < now)).toBe(true);
    expect(meetings.some((m) => m.due_date > now)).toBe(true);
    // Lists leave attendees out unless include_fields asks for them.
    expect(items.every((a) => !('attendees' in a))).toBe(true);
    const withAttendees = await api(sb.url, token, '/api/v2/activities?include_fields=attendees&limit=500');
    expect(withAttendees.body.data.filter((a: { type: string }) => a.type === 'meeting').some((a: { attendees: unknown[] }) => a.attendees.length > 0)).toBe(true);
  });

  it('returns the v2 activity shape and formats', async () => {
    const { items } = await allV2(sb.url, token, '/api/v2/activities', { limit: '500' });
    const m = items.find((a) => a.type === 'meeting' && a.due_time !== null && a.location !== null);
    const full = (await api(sb.url, token, `/api/v2/activities/${m.id}`)).body.data;
    expect(full).toEqual(expect.objectContaining({
      id: m.id, subject: expect.any(String), type: 'meeting', owner_id: expect.any(Number), done: expect.any(Boolean), busy: true,
      participants: expect.any(Array), attendees: expect.any(Array), location: { value: expect.any(String) },
    }));
    expect(full.due_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(full.due_time).toMatch(/^\d{2}:\d{2}$/);
    expect(full.duration).toMatch(/^\d{2}:\d{2}$/);
    expect(full.update_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(full.participants[0]).toEqual({ person_id: full.person_id, primary: true });
  });

  it('filters by person_id and done, and sorts by due_date', async () => {
    const { items } = await allV2(sb.url, token, '/api/v2/activities', { limit: '500' });
    const person = items.find((a) => a.person_id !== null).person_id;
    const byPerson = await allV2(sb.url, token, '/api/v2/activities', { person_id: String(person) });
    expect(byPerson.items.length).toBeGreaterThan(0);
    expect(byPerson.items.every((a) => a.person_id === person || a.participants.some((p: { person_id: number }) => p.person_id === person))).toBe(true);
    const done = await allV2(sb.url, token, '/api/v2/activities', { done: 'true' });
    expect(done.items.length).toBe(items.filter((a) => a.done).length);
    const byDue = await allV2(sb.url, token, '/api/v2/activities', { sort_by: 'due_date', limit: '30' });
    const dates = byDue.items.map((a) => a.due_date);
    expect(dates).toEqual([...dates].sort());
  });
});

describe('activity CRUD', () => {
  it('creates a meeting (201), updates it and deletes it (200 {id})', async () => {
    const created = await api(sb.url, token, '/api/v2/activities', {
      method: 'POST',
      body: {
        subject: 'Intro meeting', type: 'meeting', person_id: 1, org_id: 2, due_date: '2027-03-23', due_time: '14:00', duration: '00:50',
        busy: true, done: false, location: { value: 'Remote' }, public_description: 'Agenda', note: 'Bring slides',
        participants: [{ person_id: 1, primary: true }, { person_id: 2, primary: false }],
        attendees: [{ email: 'bob@acme.example.com', name: 'Bob', person_id: 2 }],
      },
    });
    expect(created.status).toBe(201);
    const a = created.body.data;
    expect(a).toMatchObject({ subject: 'Intro meeting', type: 'meeting', person_id: 1, org_id: 2, due_date: '2027-03-23', due_time: '14:00', duration: '00:50', location: { value: 'Remote' } });
    expect(a.participants).toEqual([{ person_id: 1, primary: true }, { person_id: 2, primary: false }]);
    expect(a.attendees[0]).toMatchObject({ email: 'bob@acme.example.com', name: 'Bob', person_id: 2 });
    const patched = await api(sb.url, token, `/api/v2/activities/${a.id}`, { method: 'PATCH', body: { done: true, due_time: '15:30' } });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ done: true, due_time: '15:30', marked_as_done_time: expect.stringMatching(/Z$/) });
    const deleted = await api(sb.url, token, `/api/v2/activities/${a.id}`, { method: 'DELETE' });
    expect(deleted.body).toEqual({ success: true, data: { id: a.id } });
    const gone = await api(sb.url, token, `/api/v2/activities/${a.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(apiError('Activity not found'));
  });

  it('validates formats and types', async () => {
    const badTime = await api(sb.url, token, '/api/v2/activities', { method: 'POST', body: { type: 'meeting', due_time: '2pm' } });
    expect(badTime.status).toBe(400);
    expect(badTime.body).toMatchObject({ success: false, error: expect.stringContaining('due_time'), data: null });
    const badBool = await api(sb.url, token, '/api/v2/activities', { method: 'POST', body: { type: 'meeting', done: 'yes' } });
    expect(badBool.status).toBe(400);
    const badType = await api(sb.url, token, '/api/v2/activities', { method: 'POST', body: { type: 'party' } });
    expect(badType.status).toBe(400);
  });
});
