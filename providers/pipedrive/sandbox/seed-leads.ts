import { SEED_EPOCH_MS, type Rng } from '../../../src/provider-sdk';
import type { CompanyState } from './model';
import { iso8601 } from './model';

const DAY = 86_400_000;
const SUFFIXES = ['inbound', 'referral', 'webinar', 'trade show', 'cold outreach', 'renewal', 'upsell'];
const ORIGINS = ['ManuallyCreated', 'API', 'WebForms', 'Prospector', 'LiveChat'];

/** 75 active and 6 archived leads; each links a person, an organization, or both (§3.3). */
export function seedLeads(rng: Rng, state: CompanyState): void {
  const persons = [...state.persons.values()];
  const total = 75 + 6;
  for (let i = 0; i < total; i += 1) {
    const person = rng.pick(persons);
    const shape = rng.int(0, 2); // 0: person only, 1: organization only, 2: both
    const orgId = shape === 0 ? null : person.org_id ?? rng.int(1, state.organizations.size);
    const personId = shape === 1 ? null : person.id;
    const added = SEED_EPOCH_MS - rng.int(1, 300) * DAY - rng.int(0, 86_399) * 1000;
    const updated = added + rng.int(0, 60) * DAY + rng.int(0, 86_399) * 1000;
    const owner = rng.pick(state.users).id;
    const orgName = orgId ? state.organizations.get(orgId)?.name : undefined;
    const origin = rng.pick(ORIGINS);
    const id = rng.uuid();
    state.leads.set(id, {
      id,
      title: `${orgName ?? person.name} – ${rng.pick(SUFFIXES)}`,
      owner_id: owner, creator_id: owner,
      label_ids: rng.chance(0.6) ? [rng.pick(state.leadLabels).id] : [],
      person_id: personId, organization_id: orgId,
      source_name: origin === 'API' ? 'API' : 'Manually created', origin, origin_id: null, channel: null, channel_id: null,
      source_deal_id: null, is_archived: i >= 75, was_seen: rng.chance(0.7),
      value: rng.chance(0.7) ? { amount: rng.int(5, 500) * 100, currency: rng.pick(['USD', 'EUR', 'GBP']) } : null,
      expected_close_date: rng.chance(0.5) ? iso8601(SEED_EPOCH_MS + rng.int(-30, 180) * DAY).slice(0, 10) : null,
      next_activity_id: null, add_time: iso8601(added), update_time: iso8601(updated), visible_to: '3',
      cc_email: `${state.companyDomain}+lead${i + 1}@pipedrivemail.com`,
    });
  }
}
