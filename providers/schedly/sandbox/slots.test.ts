import { seededRng } from '../../../src/provider-sdk';
import { call, issueKey, listAll, startSchedly, testClock, T0 } from './test-support';

/**
 * Slots (GET /api/extension/slots) and appointment acceptance agree: one rule, the shared team's
 * working hours, the service's duration grid and buffers, non-canceled appointments.
 * Ada (employee 1) works 09:00–17:00 Europe/London, Mon–Fri; in January 2030 that is UTC.
 */
describe('Schedly sandbox slots and appointment acceptance', () => {
  let s: Awaited<ReturnType<typeof startSchedly>>;
  let key: string;
  beforeAll(async () => {
    s = await startSchedly(testClock(T0));
    key = await issueKey(s.url, 'acc_slots');
    s.kit.limits.configure('acc_slots', 'minute', { max: 100_000, windowMs: 60_000 });
  });
  afterAll(() => s.close());

  const slots = async (query: string) => {
    const r = await call(s.url, `/api/extension/slots?${query}`, { key });
    expect(r.status).toBe(200);
    return r.body.data as { start: string; end: string; employeeIds: number[] }[];
  };
  const book = (json: Record<string, unknown>) => call(s.url, '/api/services/appointments', { method: 'POST', key, json });

  it('lists a whole week in one call on the service grid inside working hours', async () => {
    const week = await slots('serviceId=1&employeeId=1&startDate=2030-01-07&endDate=2030-01-11');
    expect(week).toHaveLength(5 * 16);
    expect(week[0]).toEqual({ start: '2030-01-07T09:00:00.000Z', end: '2030-01-07T09:30:00.000Z', employeeIds: [1] });
    expect(week.at(-1)!.start).toBe('2030-01-11T16:30:00.000Z');
    // A date-only range is read in `timezone`: Monday in Tokyo ends at 15:00 UTC, so Ada's last six slots fall outside it.
    const tokyoMonday = await slots('serviceId=1&employeeId=1&startDate=2030-01-07&endDate=2030-01-07&timezone=Asia/Tokyo');
    expect(tokyoMonday.map((x) => x.start)).toEqual(week.slice(0, 12).map((x) => x.start));
    expect((await call(s.url, '/api/extension/slots?serviceId=1&startDate=2030-01-07&endDate=2030-01-07&timezone=Mars/Olympus', { key })).status).toBe(400);
    const all = await slots('serviceId=1&startDate=2030-01-07&endDate=2030-01-07');
    expect(all.find((x) => x.start === '2030-01-07T09:00:00.000Z')!.employeeIds).toEqual([1, 2, 3]); // Björn from 08:00 Berlin, Chloé from 09:30 Paris (on her 30-minute grid)
  });

  it('books a free slot (endTime from the service), then neither it nor a time inside its buffer is offered or accepted', async () => {
    const r = await book({ serviceId: 1, employeeId: 1, customerId: 5, startTime: '2030-01-08T10:00:00Z' });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({ serviceId: 1, employeeId: 1, customerId: 5, status: 'approved', price: 5000, startTime: '2030-01-08T10:00:00.000Z', endTime: '2030-01-08T10:30:00.000Z' });
    const day = (await slots('serviceId=1&employeeId=1&startDate=2030-01-08&endDate=2030-01-08')).map((x) => x.start.slice(11, 16));
    expect(day).not.toContain('10:00');
    expect(day).not.toContain('10:30'); // inside the 10-minute buffer after 10:00–10:30
    expect(day).toContain('11:00');
    const again = await book({ serviceId: 1, employeeId: 1, startTime: '2030-01-08T10:00:00Z' });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ status: 'error', error: 'CONFLICT', message: 'slot not available' });
    expect((await book({ serviceId: 1, employeeId: 1, startTime: '2030-01-08T10:30:00Z' })).status).toBe(409);
  });

  it('refuses off-grid, out-of-hours and past times with 409; an inactive service, a foreign employee and a wrong endTime with 422', async () => {
    for (const startTime of ['2030-01-09T10:15:00Z', '2030-01-09T07:00:00Z', '2030-01-12T10:00:00Z', '2026-05-29T10:00:00Z']) {
      expect((await book({ serviceId: 1, employeeId: 1, startTime })).status).toBe(409);
    }
    const inactive = await book({ serviceId: 6, startTime: '2030-01-09T09:00:00Z' });
    expect([inactive.status, inactive.body.details]).toEqual([422, [{ field: 'serviceId', message: 'Service is not active' }]]);
    expect((await book({ serviceId: 1, employeeId: 8, startTime: '2030-01-09T09:00:00Z' })).body.details[0].field).toBe('employeeId');
    expect((await book({ serviceId: 1, employeeId: 1, startTime: '2030-01-09T09:00:00Z', endTime: '2030-01-09T10:00:00Z' })).body.details[0].field).toBe('endTime');
    const missing = await book({});
    expect(missing.body.details).toEqual([{ field: 'serviceId', message: 'Required field' }, { field: 'startTime', message: 'Required field' }]);
    expect((await call(s.url, '/api/extension/slots?serviceId=1&startDate=2030-01-01&endDate=2030-02-15', { key })).status).toBe(400);
  });

  it('cancel frees the slot; a reschedule is checked by the same rule; a canceled appointment cannot change', async () => {
    const a = (await book({ serviceId: 2, employeeId: 1, startTime: '2030-01-10T09:00:00Z' })).body.data;
    const b = (await book({ serviceId: 2, employeeId: 1, startTime: '2030-01-10T09:40:00Z' })).body.data;
    const moveOnto = await call(s.url, `/api/services/appointments?id=${b.id}`, { method: 'PUT', key, json: { startTime: '2030-01-10T09:00:00Z' } });
    expect([moveOnto.status, moveOnto.body.message]).toEqual([409, 'slot not available']);
    const cancel = await call(s.url, `/api/services/appointments?id=${a.id}`, { method: 'PUT', key, json: { status: 'canceled', cancellationReason: 'Schedule conflict' } });
    expect(cancel.body.data).toMatchObject({ status: 'canceled', cancellationReason: 'Schedule conflict' });
    const day = (await slots('serviceId=2&employeeId=1&startDate=2030-01-10&endDate=2030-01-10')).map((x) => x.start.slice(11, 16));
    expect(day).toContain('09:00');
    const moved = await call(s.url, `/api/services/appointments?id=${b.id}`, { method: 'PUT', key, json: { startTime: '2030-01-10T09:00:00Z' } });
    expect(moved.body.data).toMatchObject({ startTime: '2030-01-10T09:00:00.000Z', endTime: '2030-01-10T09:20:00.000Z' });
    // Its own old time never blocks a reschedule: moving back is accepted.
    expect((await call(s.url, `/api/services/appointments?id=${b.id}`, { method: 'PUT', key, json: { startTime: '2030-01-10T09:40:00Z' } })).status).toBe(200);
    expect((await call(s.url, `/api/services/appointments?id=${a.id}`, { method: 'PUT', key, json: { status: 'approved' } })).status).toBe(409);
  });

  it('20 concurrent creates of one slot give exactly one 201', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, () => book({ serviceId: 1, employeeId: 1, startTime: '2030-01-11T13:00:00Z' })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(19);
  });

  it('property: over seeded June 2026 days, a time is offered exactly when it is accepted, and nothing offered touches a booking or its buffers', async () => {
    const rng = seededRng('schedly-slot-property');
    const services = (await call(s.url, '/api/services/services', { key })).body.data.filter((x: { active: boolean }) => x.active);
    const buffers = new Map<number, { before: number; after: number }>(services.map((x: any) => [x.id, { before: x.bufferTimeBefore * 60_000, after: x.bufferTimeAfter * 60_000 }]));
    let accepted = 0;
    for (let i = 0; i < 120; i += 1) {
      const service = rng.pick(services) as { id: number; duration: number; employeeIds: number[] };
      const employeeId = rng.pick(service.employeeIds);
      const day = Date.UTC(2026, 5, rng.int(2, 29));
      const date = new Date(day).toISOString().slice(0, 10);
      const offered = await slots(`serviceId=${service.id}&employeeId=${employeeId}&startDate=${date}&endDate=${date}`);
      const busy = (await listAll(s.url, key, `/api/services/appointments?employeeId=${employeeId}&startDate=${new Date(day - 86_400_000).toISOString()}&endDate=${new Date(day + 2 * 86_400_000).toISOString()}`))
        .items.filter((a) => a.status !== 'canceled');
      const b = buffers.get(service.id)!;
      for (const slot of offered) {
        const [s0, s1] = [Date.parse(slot.start), Date.parse(slot.end)];
        for (const a of busy) {
          const [a0, a1] = [Date.parse(a.startTime), Date.parse(a.endTime)];
          const ab = buffers.get(a.serviceId) ?? { before: 0, after: 0 };
          expect(s0 - b.before < a1 && a0 < s1 + b.after).toBe(false);
          expect(s0 < a1 + ab.after && a0 - ab.before < s1).toBe(false);
        }
      }
      const start = offered.length > 0 && rng.chance(0.5)
        ? Date.parse(rng.pick(offered).start)
        : day + rng.int(4 * 12, 22 * 12) * 5 * 60_000;
      const isOffered = offered.some((x) => Date.parse(x.start) === start);
      const r = await book({ serviceId: service.id, employeeId, startTime: new Date(start).toISOString() });
      expect([new Date(start).toISOString(), r.status]).toEqual([new Date(start).toISOString(), isOffered ? 201 : 409]);
      if (r.status === 201) accepted += 1;
    }
    expect(accepted).toBeGreaterThan(20);
  });
});
