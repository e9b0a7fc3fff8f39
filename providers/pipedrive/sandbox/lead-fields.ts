import { body, invalid, matchOrThrow } from './input';
import type { CompanyState, Lead } from './model';

/**
 * Writing an AddLeadRequest / UpdateLeadRequest body (SDK v1 `leads-api.ts`, reference/providers.md
 * §3.3) onto a lead: `label_ids` are lead-label UUIDs, `value {amount, currency}|null`,
 * `expected_close_date` YYYY-MM-DD, `visible_to` a string.
 */
export function applyLeadFields(company: CompanyState, lead: Lead, b: Record<string, unknown>): void {
  const title = body.string(b, 'title');
  if (title !== undefined && title !== null) {
    if (title.trim() === '') throw invalid('title', "Parameter 'title' must be a non-empty string");
    lead.title = title;
  }
  const owner = body.int(b, 'owner_id');
  if (owner !== undefined && owner !== null) {
    if (!company.users.some((u) => u.id === owner)) throw invalid('owner_id', 'User not found');
    lead.owner_id = owner;
  }
  const person = body.int(b, 'person_id', true);
  if (person !== undefined) {
    if (person !== null && !company.persons.has(person)) throw invalid('person_id', 'Person not found');
    lead.person_id = person;
  }
  const org = body.int(b, 'organization_id', true);
  if (org !== undefined) {
    if (org !== null && !company.organizations.has(org)) throw invalid('organization_id', 'Organization not found');
    lead.organization_id = org;
  }
  const labels = body.array(b, 'label_ids');
  if (labels) {
    const known = new Set(company.leadLabels.map((l) => l.id));
    if (labels.some((l) => typeof l !== 'string' || !known.has(l))) throw invalid('label_ids', "Parameter 'label_ids' must be an array of lead label ids");
    lead.label_ids = labels as string[];
  }
  const value = body.object(b, 'value', true);
  if (value !== undefined) {
    if (value !== null && (typeof value.amount !== 'number' || typeof value.currency !== 'string')) {
      throw invalid('value', "Parameter 'value' must be an object with a numeric amount and a currency");
    }
    lead.value = value === null ? null : { amount: value.amount as number, currency: value.currency as string };
  }
  const close = body.string(b, 'expected_close_date', true);
  matchOrThrow(close, 'expected_close_date', /^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
  if (close !== undefined) lead.expected_close_date = close;
  const visible = body.string(b, 'visible_to');
  if (visible !== undefined && visible !== null) lead.visible_to = visible;
  const seen = body.bool(b, 'was_seen');
  if (seen !== undefined) lead.was_seen = seen;
  const archived = body.bool(b, 'is_archived');
  if (archived !== undefined) lead.is_archived = archived;
  const originId = body.string(b, 'origin_id', true);
  if (originId !== undefined) lead.origin_id = originId;
  const channel = body.int(b, 'channel', true);
  if (channel !== undefined) lead.channel = channel;
  const channelId = body.string(b, 'channel_id', true);
  if (channelId !== undefined) lead.channel_id = channelId;
}
