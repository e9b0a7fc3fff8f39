import { SandboxKit } from '../../../src/provider-sdk';
import { seedAccount } from './seed';

/** Seeded data: deterministic from the account id, varied and realistic (issue 3 §5). */
const kit = () => new SandboxKit({ providerId: '42min', secret: 's', accessTokenTtlSeconds: 60 });
const seeded = (accountId: string) => kit().account(accountId, (rng) => seedAccount(rng));
const bookingsOf = (accountId: string) => [...seeded(accountId).bookings.values()];

describe('seeded bookings', () => {
  it('two kits with the same account id yield the same records', () => {
    expect(bookingsOf('acme')).toEqual(bookingsOf('acme'));
    expect(seeded('acme').eventTypes).toEqual(seeded('acme').eventTypes);
  });

  it('other accounts get other records', () => {
    const a = new Set(bookingsOf('acme').map((b) => b.uid));
    expect(bookingsOf('globex').some((b) => a.has(b.uid))).toBe(false);
  });

  it('has at least 45 varied bookings: past and future, canceled, no-shows, re-booked, guests, unicode names', () => {
    const all = bookingsOf('acme');
    const mid = Date.UTC(2026, 11, 31);
    expect(all.length).toBeGreaterThanOrEqual(45);
    expect(all.some((b) => Date.parse(b.start_at) < mid)).toBe(true);
    expect(all.some((b) => Date.parse(b.start_at) > mid)).toBe(true);
    const canceled = all.filter((b) => b.status === 'canceled');
    expect(canceled.length).toBeGreaterThan(3);
    expect(canceled.every((b) => b.cancelled_at !== null)).toBe(true);
    expect(all.some((b) => b.guests.length > 0)).toBe(true);
    expect(all.some((b) => /[^\x00-\x7f]/.test(b.attendees[0].name))).toBe(true);
    expect(new Set(all.map((b) => b.location.type)).size).toBeGreaterThan(2);
    const rebooked = all.filter((b) => b.rescheduled_from_uid !== null);
    for (const b of rebooked) expect(seeded('acme').bookings.get(b.rescheduled_from_uid!)?.status).toBe('canceled');
  });

  it('timestamps are consistent: end after start, created ≤ updated, canceled before start', () => {
    for (const b of bookingsOf('acme')) {
      expect(Date.parse(b.end_at)).toBeGreaterThan(Date.parse(b.start_at));
      expect(b.created_at <= b.updated_at).toBe(true);
      if (b.cancelled_at) expect(b.cancelled_at < b.start_at).toBe(true);
    }
  });
});
