import type Router from '@koa/router';
import type { SandboxKit } from '../../../src/provider-sdk';
import { apiState, requireScope, SCOPES } from './api-auth';
import { intParam, invalid, readBody, body, type Query } from './input';
import { notFound, sendOk } from './envelope';
import type { CompanyState, ContactPoint, Person } from './model';
import { rfc3339 } from './model';
import { numericId, sendV2List } from './v2-list';
import { searchPersons } from './person-search';
import { emitChange } from './webhooks';

/**
 * `/api/v2/persons` (reference/providers.md §3.2): list with cursor, get, create (201), PATCH,
 * DELETE → `{"success":true,"data":{"id":1}}`. v1 person CRUD is deprecated and not served.
 */
export function personsRoutes(router: Router, kit: SandboxKit): void {
  router.get('/api/v2/persons', requireScope(...SCOPES.contactsRead), (ctx) => {
    const { company } = apiState(ctx);
    const q = ctx.query as Query;
    const org = intParam(q, 'org_id', 1);
    const items = [...company.persons.values()].filter((p) => org === undefined || p.org_id === org);
    sendV2List(ctx, kit, 'persons', items);
  });

  // Registered before /:id so "search" is not read as an id.
  router.get('/api/v2/persons/search', requireScope(...SCOPES.personSearch), (ctx) => searchPersons(ctx, kit));

  router.get('/api/v2/persons/:id', requireScope(...SCOPES.contactsRead), (ctx) => {
    sendOk(ctx, findPerson(apiState(ctx).company, numericId(ctx)));
  });

  router.post('/api/v2/persons', requireScope(...SCOPES.contactsWrite), async (ctx) => {
    const { company, me } = apiState(ctx);
    const b = await readBody(ctx);
    if (typeof b.name !== 'string' || b.name.trim() === '') throw invalid('name', "Parameter 'name' is required");
    const now = rfc3339(kit.clock.now());
    const person: Person = {
      id: company.nextIds.person++, name: b.name, first_name: null, last_name: null, owner_id: me.id, org_id: null,
      add_time: now, update_time: now, emails: [], phones: [], is_deleted: false, visible_to: 3, label_ids: [], picture_id: null, custom_fields: {},
    };
    applyPersonFields(company, person, b);
    company.persons.set(person.id, person);
    sendOk(ctx, person, undefined, 201);
    emitChange(kit, company, 'person', 'create', person.id, { ...person });
  });

  router.patch('/api/v2/persons/:id', requireScope(...SCOPES.contactsWrite), async (ctx) => {
    const { company } = apiState(ctx);
    const person = findPerson(company, numericId(ctx));
    const b = await readBody(ctx);
    if (b.name !== undefined && (typeof b.name !== 'string' || b.name.trim() === '')) throw invalid('name', "Parameter 'name' must be a non-empty string");
    const previous = { ...person };
    applyPersonFields(company, person, b);
    person.update_time = rfc3339(kit.clock.now());
    sendOk(ctx, person);
    emitChange(kit, company, 'person', 'change', person.id, { ...person }, previous);
  });

  router.delete('/api/v2/persons/:id', requireScope(...SCOPES.contactsWrite), (ctx) => {
    const { company } = apiState(ctx);
    const person = findPerson(company, numericId(ctx));
    // Pipedrive marks the person deleted (purged after 30 days); it leaves lists and gets at once.
    company.persons.delete(person.id);
    sendOk(ctx, { id: person.id });
    emitChange(kit, company, 'person', 'delete', person.id, null, { ...person });
  });
}

export function findPerson(company: CompanyState, id: number): Person {
  const person = company.persons.get(id);
  if (!person) throw notFound('Person not found');
  return person;
}

/** Writes the fields of an AddPersonRequest / UpdatePersonRequest body (SDK v2) onto a person. */
function applyPersonFields(company: CompanyState, p: Person, b: Record<string, unknown>): void {
  const name = body.string(b, 'name');
  if (name) p.name = name;
  const first = body.string(b, 'first_name', true);
  if (first !== undefined) p.first_name = first;
  const last = body.string(b, 'last_name', true);
  if (last !== undefined) p.last_name = last;
  const owner = body.int(b, 'owner_id');
  if (owner !== undefined && owner !== null) {
    if (!company.users.some((u) => u.id === owner)) throw invalid('owner_id', 'User not found');
    p.owner_id = owner;
  }
  const org = body.int(b, 'org_id', true);
  if (org !== undefined) {
    if (org !== null && !company.organizations.has(org)) throw invalid('org_id', 'Organization not found');
    p.org_id = org;
  }
  const emails = body.array(b, 'emails');
  if (emails) p.emails = contactPoints(emails, 'emails');
  const phones = body.array(b, 'phones');
  if (phones) p.phones = contactPoints(phones, 'phones');
  const visible = body.int(b, 'visible_to');
  if (visible !== undefined && visible !== null) p.visible_to = visible;
  const labels = body.array(b, 'label_ids');
  if (labels) {
    if (labels.some((l) => !Number.isInteger(l))) throw invalid('label_ids', "Parameter 'label_ids' must be an array of integers");
    p.label_ids = labels as number[];
  }
  const custom = body.object(b, 'custom_fields');
  if (custom) p.custom_fields = { ...p.custom_fields, ...custom };
}

/** `[{value, primary?, label?}]`; the first entry becomes primary when none is marked. */
function contactPoints(items: unknown[], key: string): ContactPoint[] {
  const out = items.map((raw) => {
    if (!raw || typeof raw !== 'object' || typeof (raw as { value?: unknown }).value !== 'string') {
      throw invalid(key, `Parameter '${key}' must be an array of objects with a string value`);
    }
    const r = raw as { value: string; primary?: unknown; label?: unknown };
    if (r.primary !== undefined && typeof r.primary !== 'boolean') throw invalid(key, `Parameter '${key}[].primary' must be a boolean`);
    return { value: r.value, primary: r.primary === true, label: typeof r.label === 'string' ? r.label : 'work' };
  });
  if (out.length > 0 && !out.some((c) => c.primary)) out[0].primary = true;
  return out;
}
