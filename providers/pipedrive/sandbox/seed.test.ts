/**
 * Seeded data is deterministic per account id (same records from two independent sandboxes, so a
 * restart changes nothing), differs between accounts, and is large enough to cross several pages.
 */
import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { allV1, allV2, api, connect, start } from './test-support';

async function snapshot(sb: RunningSandbox, account: string): Promise<Record<string, unknown>> {
  sb.kit.limits.configure('*', 'burst', { max: 100_000, windowMs: 2000 });
  const t = (await connect(sb.url, account)).access_token;
  return {
    persons: (await allV2(sb.url, t, '/api/v2/persons', { limit: '500' })).items,
    organizations: (await allV2(sb.url, t, '/api/v2/organizations', { limit: '500' })).items,
    activities: (await allV2(sb.url, t, '/api/v2/activities', { limit: '500', include_fields: 'attendees' })).items,
    leads: (await allV1(sb.url, t, '/api/v1/leads', { limit: '500' })).items,
    archived: (await allV1(sb.url, t, '/api/v1/leads/archived', { limit: '500' })).items,
    me: (await api(sb.url, t, '/api/v1/users/me')).body.data,
    fields: (await api(sb.url, t, '/api/v1/personFields')).body.data,
  };
}

describe('seeded data', () => {
  it('is the same for the same account id across two sandboxes (a restart), and differs between accounts', async () => {
    const a = await start();
    const b = await start();
    try {
      const first = await snapshot(a, 'seed-acct');
      jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 86_400_000 * 3);
      const second = await snapshot(b, 'seed-acct');
      jest.restoreAllMocks();
      expect(second).toEqual(first);
      const other = await snapshot(a, 'another-acct');
      expect(other.persons).not.toEqual(first.persons);
    } finally {
      jest.restoreAllMocks();
      await a.close();
      await b.close();
    }
  });

  it('has at least 230 persons, 70 leads and 45 meetings', async () => {
    const sb = await start();
    try {
      const s = await snapshot(sb, 'sizes') as { persons: unknown[]; leads: { person_id: number | null }[]; activities: { type: string }[] };
      expect(s.persons.length).toBeGreaterThanOrEqual(230);
      expect(s.leads.length).toBeGreaterThanOrEqual(70);
      expect(s.activities.filter((x) => x.type === 'meeting').length).toBeGreaterThanOrEqual(45);
      expect(s.leads.some((l) => l.person_id === null)).toBe(true);
    } finally {
      await sb.close();
    }
  });
});
