import type Router from '@koa/router';
import { SEED_EPOCH_MS } from '../../../src/provider-sdk';
import { apiState, requireScope, SCOPES, type ApiState } from './api-auth';
import { sendOk } from './envelope';
import type { CompanyState, User } from './model';
import { offsetPage } from './pagination';
import type { Query } from './input';

/**
 * Field catalogs and users, all v1 (reference/providers.md §3.1 scopes table):
 * `/api/v1/personFields`, `/api/v1/activityFields`, `/api/v1/dealFields` (leads inherit deal fields,
 * §3.3; there is no leadFields endpoint), `/api/v1/users`, `/api/v1/users/me` (the installing
 * user, with `company_id` / `company_domain` to identify the company).
 */
interface FieldDef { key: string; name: string; field_type: string; options?: { id: number; label: string }[]; custom?: boolean; mandatory?: boolean }

function fieldRecords(defs: FieldDef[], company: CompanyState): Record<string, unknown>[] {
  const t = new Date(SEED_EPOCH_MS - 400 * 86_400_000).toISOString().replace('T', ' ').slice(0, 19);
  return defs.map((d, i) => ({
    id: 9000 + i, key: d.key, name: d.name, order_nr: i, field_type: d.field_type,
    add_time: t, update_time: t, last_updated_by_user_id: d.custom ? company.users[0].id : null,
    active_flag: true, edit_flag: d.custom === true, mandatory_flag: d.mandatory === true,
    bulk_edit_allowed: true, filtering_allowed: true, sortable_flag: true, searchable_flag: d.field_type === 'varchar',
    ...(d.options ? { options: d.options } : {}),
  }));
}

const personFields = (c: CompanyState): FieldDef[] => [
  { key: 'id', name: 'ID', field_type: 'int' },
  { key: 'name', name: 'Name', field_type: 'varchar', mandatory: true },
  { key: 'first_name', name: 'First name', field_type: 'varchar' },
  { key: 'last_name', name: 'Last name', field_type: 'varchar' },
  { key: 'org_id', name: 'Organization', field_type: 'org' },
  { key: 'owner_id', name: 'Owner', field_type: 'user' },
  { key: 'email', name: 'Email', field_type: 'varchar' },
  { key: 'phone', name: 'Phone', field_type: 'phone' },
  { key: 'label_ids', name: 'Labels', field_type: 'set', options: [{ id: 1, label: 'Customer' }, { id: 2, label: 'Hot lead' }, { id: 3, label: 'Cold lead' }] },
  { key: 'visible_to', name: 'Visible to', field_type: 'visible_to' },
  { key: 'add_time', name: 'Person created', field_type: 'date' },
  { key: 'update_time', name: 'Update time', field_type: 'date' },
  { key: c.customFields.personLinkedIn, name: 'LinkedIn profile', field_type: 'varchar', custom: true },
  { key: c.customFields.personSource, name: 'Contact source', field_type: 'enum', custom: true, options: [{ id: 1, label: 'Website' }, { id: 2, label: 'Referral' }, { id: 3, label: 'Event' }] },
];

const activityFields = (): FieldDef[] => [
  { key: 'subject', name: 'Subject', field_type: 'varchar', mandatory: true },
  { key: 'type', name: 'Type', field_type: 'varchar_options', options: ['call', 'meeting', 'task', 'deadline', 'email', 'lunch'].map((label, i) => ({ id: i + 1, label })) },
  { key: 'due_date', name: 'Due date', field_type: 'date' },
  { key: 'due_time', name: 'Due time', field_type: 'time' },
  { key: 'duration', name: 'Duration', field_type: 'time' },
  { key: 'owner_id', name: 'Assigned to user', field_type: 'user' },
  { key: 'person_id', name: 'Contact person', field_type: 'people' },
  { key: 'org_id', name: 'Organization', field_type: 'org' },
  { key: 'deal_id', name: 'Deal', field_type: 'deal' },
  { key: 'lead_id', name: 'Lead', field_type: 'lead' },
  { key: 'done', name: 'Done', field_type: 'enum', options: [{ id: 0, label: 'To do' }, { id: 1, label: 'Done' }] },
  { key: 'busy', name: 'Free/busy', field_type: 'enum', options: [{ id: 0, label: 'Free' }, { id: 1, label: 'Busy' }] },
  { key: 'location', name: 'Location', field_type: 'address' },
  { key: 'public_description', name: 'Description', field_type: 'text' },
  { key: 'note', name: 'Note', field_type: 'text' },
];

const dealFields = (c: CompanyState): FieldDef[] => [
  { key: 'title', name: 'Title', field_type: 'varchar', mandatory: true },
  { key: 'value', name: 'Value', field_type: 'monetary' },
  { key: 'person_id', name: 'Contact person', field_type: 'people' },
  { key: 'org_id', name: 'Organization', field_type: 'org' },
  { key: 'user_id', name: 'Owner', field_type: 'user' },
  { key: 'expected_close_date', name: 'Expected close date', field_type: 'date' },
  { key: 'label', name: 'Label', field_type: 'set', options: c.leadLabels.map((l, i) => ({ id: i + 1, label: l.name })) },
  { key: c.customFields.dealChannel, name: 'Acquisition channel', field_type: 'enum', custom: true, options: [{ id: 1, label: 'Inbound' }, { id: 2, label: 'Outbound' }, { id: 3, label: 'Partner' }] },
];

function userView(u: User, s: ApiState): Record<string, unknown> {
  const created = new Date(SEED_EPOCH_MS - 500 * 86_400_000).toISOString().replace('T', ' ').slice(0, 19);
  return {
    id: u.id, name: u.name, email: u.email, default_currency: 'USD', locale: 'en_US', lang: 1, phone: null,
    activated: true, last_login: created, created, modified: created, has_created_company: u.is_admin,
    active_flag: u.active_flag, is_admin: u.is_admin ? 1 : 0, timezone_name: 'UTC', timezone_offset: '+00:00',
    role_id: 1, icon_url: null, is_you: u.id === s.me.id, is_deleted: false,
  };
}

export function catalogRoutes(router: Router): void {
  const catalog = (path: string, scopes: readonly string[], defs: (c: CompanyState) => FieldDef[]): void => {
    router.get(path, requireScope(...scopes), (ctx) => {
      const { company } = apiState(ctx);
      const page = offsetPage(fieldRecords(defs(company), company), ctx.query as Query);
      sendOk(ctx, page.data, { pagination: page.pagination });
    });
  };
  catalog('/api/v1/personFields', SCOPES.contactsRead, personFields);
  catalog('/api/v1/activityFields', SCOPES.activitiesRead, activityFields);
  catalog('/api/v1/dealFields', SCOPES.dealFields, dealFields);

  router.get('/api/v1/users', requireScope(...SCOPES.usersRead), (ctx) => {
    const s = apiState(ctx);
    sendOk(ctx, s.company.users.map((u) => userView(u, s)));
  });

  router.get('/api/v1/users/me', requireScope(...SCOPES.base), (ctx) => {
    const s = apiState(ctx);
    sendOk(ctx, {
      ...userView(s.me, s), company_id: s.company.companyId, company_name: s.company.companyName,
      company_domain: s.company.companyDomain, company_country: 'US', language: { language_code: 'en', country_code: 'US' },
    });
  });
}
