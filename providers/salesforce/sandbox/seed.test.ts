import { SandboxKit, SEED_EPOCH_MS } from '../../../src/provider-sdk';
import { orgOf, SEED_COUNTS } from './seed';
import { sfDateTime } from './ids';
import type { OrgState, SfRecord } from './org-state';

// Seeded data must be deterministic per account id and varied (issue 3 §5).
const kit = (): SandboxKit => new SandboxKit({ providerId: 'salesforce', secret: 's', accessTokenTtlSeconds: 7200 });
const rows = (org: OrgState, name: keyof OrgState['tables']): SfRecord[] => [...org.tables[name].values()];

describe('seeded orgs', () => {
  test('two kits with the same account id yield the same records, whatever the clock says', () => {
    const a = orgOf(kit(), 'acct-1');
    const spy = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2031, 5, 1));
    const b = orgOf(kit(), 'acct-1');
    spy.mockRestore();
    for (const name of ['Contact', 'Lead', 'Event', 'Account', 'User', 'EventRelation'] as const) {
      expect(rows(b, name)).toEqual(rows(a, name));
    }
    expect(b.orgId).toBe(a.orgId);
  });

  test('another account id yields other data and other ids', () => {
    const a = orgOf(kit(), 'acct-1');
    const b = orgOf(kit(), 'acct-2');
    expect(rows(b, 'Contact').map((r) => r.Email)).not.toEqual(rows(a, 'Contact').map((r) => r.Email));
    expect(b.orgId).not.toBe(a.orgId);
    expect(rows(b, 'Contact')[0].Id).not.toBe(rows(a, 'Contact')[0].Id);
  });

  test('at least 230 contacts, 70 leads and 45 events, with varied values', () => {
    const org = orgOf(kit(), 'acct-1');
    const contacts = rows(org, 'Contact');
    expect(contacts.length).toBeGreaterThanOrEqual(230);
    expect(rows(org, 'Lead').length).toBeGreaterThanOrEqual(70);
    expect(rows(org, 'Event').length).toBeGreaterThanOrEqual(45);
    expect(contacts.length).toBe(SEED_COUNTS.contacts);
    expect(contacts.some((c) => /[^\x00-\x7f]/.test(`${String(c.FirstName)}${String(c.LastName)}`))).toBe(true);
    expect(contacts.some((c) => c.Phone === null)).toBe(true);
    expect(contacts.some((c) => c.AccountId === null)).toBe(true);
    expect(new Set(contacts.map((c) => c.OwnerId)).size).toBeGreaterThan(1);
    expect(new Set(contacts.map((c) => c.AccountId)).size).toBeGreaterThan(5);
  });

  test('seeded timestamps sit before SEED_EPOCH_MS; events are spread over past and future', () => {
    const org = orgOf(kit(), 'acct-1');
    const epoch = sfDateTime(SEED_EPOCH_MS);
    for (const c of rows(org, 'Contact')) expect(c.SystemModstamp as string <= epoch).toBe(true);
    const now = sfDateTime(Date.now());
    const starts = rows(org, 'Event').map((e) => e.StartDateTime as string);
    expect(starts.some((s) => s < now)).toBe(true);
    expect(starts.some((s) => s > now)).toBe(true);
    expect(rows(org, 'Event').some((e) => e.IsAllDayEvent === true)).toBe(true);
  });

  test('converted leads reference existing contacts; some events have several attendees', () => {
    const org = orgOf(kit(), 'acct-1');
    const converted = rows(org, 'Lead').filter((l) => l.IsConverted === true);
    expect(converted.length).toBeGreaterThan(0);
    for (const l of converted) expect(org.tables.Contact.has((l.ConvertedContactId as string).slice(0, 15))).toBe(true);
    const perEvent = new Map<string, number>();
    for (const r of rows(org, 'EventRelation')) perEvent.set(r.EventId as string, (perEvent.get(r.EventId as string) ?? 0) + 1);
    expect([...perEvent.values()].some((n) => n >= 3)).toBe(true);
  });
});
