import { SANDBOX_TEAM, seededRng, workingIntervals } from '../../../src/provider-sdk';
import { seedAccount, SEED_APPOINTMENTS, SEED_CUSTOMERS } from './seed';

/** The seed is a function of the account id, and every seeded appointment sits on a slot that was free. */
describe('Schedly sandbox seed', () => {
  const a = seedAccount(seededRng('schedly:acc_seed:seed'));

  it('is deterministic per account and differs between accounts', () => {
    const again = seedAccount(seededRng('schedly:acc_seed:seed'));
    expect([...again.customers.values()]).toEqual([...a.customers.values()]);
    expect([...again.appointments.values()]).toEqual([...a.appointments.values()]);
    const other = seedAccount(seededRng('schedly:acc_other:seed'));
    expect([...other.customers.values()].map((c) => c.email)).not.toEqual([...a.customers.values()].map((c) => c.email));
  });

  it('has the promised sizes, unique emails and the shared team as employees', () => {
    expect(a.customers.size).toBe(SEED_CUSTOMERS);
    expect(a.appointments.size).toBe(SEED_APPOINTMENTS);
    const emails = [...a.customers.values()].map((c) => c.email?.toLowerCase()).filter(Boolean);
    expect(new Set(emails).size).toBe(emails.length);
    expect(a.employees.map((e) => e.member.email)).toEqual(SANDBOX_TEAM.map((m) => m.email));
  });

  it('places every appointment inside its employee\'s working hours, and no two non-canceled ones (with buffers) overlap', () => {
    const live = [...a.appointments.values()].filter((x) => x.status !== 'canceled');
    for (const x of a.appointments.values()) {
      const e = a.employees.find((m) => m.id === x.employeeId)!;
      const periods = workingIntervals(e.member.workingHours, e.member.timezone, x.startMs - 86_400_000, x.endMs + 86_400_000);
      expect(periods.some((w) => x.startMs >= w.startMs && x.endMs <= w.endMs)).toBe(true);
      expect(a.services.get(x.serviceId)!.employeeIds).toContain(x.employeeId);
    }
    const buffers = (id: number) => a.services.get(id)!;
    for (const x of live) {
      for (const y of live) {
        if (x.id >= y.id || x.employeeId !== y.employeeId) continue;
        const sx = buffers(x.serviceId);
        const sy = buffers(y.serviceId);
        const [x0, x1] = [x.startMs - sx.bufferTimeBefore * 60_000, x.endMs + sx.bufferTimeAfter * 60_000];
        const [y0, y1] = [y.startMs - sy.bufferTimeBefore * 60_000, y.endMs + sy.bufferTimeAfter * 60_000];
        // The slot rule, symmetric in the pair: each one padded with its buffers misses the other one.
        expect(x0 < y.endMs && y.startMs < x1).toBe(false);
        expect(y0 < x.endMs && x.startMs < y1).toBe(false);
      }
    }
    expect(new Set([...a.appointments.values()].map((x) => x.status))).toEqual(new Set(['pending', 'approved', 'canceled', 'completed']));
  });
});
