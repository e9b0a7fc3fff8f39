import type { Context } from 'koa';
import type { SandboxKit } from '../../../src/provider-sdk';
import { apiState } from './api-auth';
import { sendOk } from './envelope';
import { boolParam, intParam, invalid, stringParam, type Query } from './input';
import type { CompanyState, Person } from './model';
import { offsetCursorPage, v2Limit } from './pagination';

/**
 * `GET /api/v2/persons/search?term=&fields=&exact_match=&organization_id=&limit=&cursor=`
 * (reference/providers.md §3.2). `term` needs 2 characters (1 with exact_match); exact match is
 * case-insensitive. Item shape per the v2 API reference example: `phones`/`emails` are plain
 * strings, `owner:{id}`, `organization:{id,name,address}|null`. The relevance score is our own
 * (1 for an exact match, less for a partial one); Pipedrive's scoring is not documented.
 */
const SEARCH_FIELDS = ['name', 'email', 'phone', 'notes', 'custom_fields'] as const;
type SearchField = (typeof SEARCH_FIELDS)[number];

export function searchPersons(ctx: Context, kit: SandboxKit): void {
  const { company } = apiState(ctx);
  const q = ctx.query as Query;
  const term = (stringParam(q, 'term') ?? '').trim();
  const exact = boolParam(q, 'exact_match') ?? false;
  if (term.length < (exact ? 1 : 2)) throw invalid('term', "Parameter 'term' must be at least 2 characters long (1 with exact_match)");
  const fields = fieldsParam(q);
  const org = intParam(q, 'organization_id', 1);
  const limit = v2Limit(q);
  const needle = term.toLowerCase();
  const ranked: { score: number; person: Person }[] = [];
  for (const person of company.persons.values()) {
    if (org !== undefined && person.org_id !== org) continue;
    const score = bestScore(valuesOf(person, fields), needle, exact);
    if (score > 0) ranked.push({ score, person });
  }
  ranked.sort((a, b) => b.score - a.score || a.person.id - b.person.id);
  const page = offsetCursorPage(kit, ranked, 'persons/search', limit, stringParam(q, 'cursor'));
  sendOk(ctx, { items: page.data.map((r) => ({ result_score: r.score, item: searchItem(company, r.person) })) }, { next_cursor: page.nextCursor });
}

function fieldsParam(q: Query): readonly SearchField[] {
  const raw = stringParam(q, 'fields');
  if (raw === undefined || raw === '') return SEARCH_FIELDS;
  const asked = raw.split(',').map((s) => s.trim());
  if (asked.some((f) => !(SEARCH_FIELDS as readonly string[]).includes(f))) throw invalid('fields', `Parameter 'fields' must be any of ${SEARCH_FIELDS.join(', ')}`);
  return asked as SearchField[];
}

function valuesOf(p: Person, fields: readonly SearchField[]): string[] {
  const out: string[] = [];
  if (fields.includes('name')) out.push(p.name);
  if (fields.includes('email')) out.push(...p.emails.map((e) => e.value));
  if (fields.includes('phone')) out.push(...p.phones.map((e) => e.value));
  if (fields.includes('custom_fields')) out.push(...Object.values(p.custom_fields).filter((v): v is string => typeof v === 'string'));
  return out;
}

function bestScore(values: string[], needle: string, exact: boolean): number {
  let best = 0;
  for (const v of values) {
    const hay = v.toLowerCase();
    if (hay === needle) return 1;
    if (!exact && hay.startsWith(needle)) best = Math.max(best, 0.75);
    else if (!exact && hay.includes(needle)) best = Math.max(best, 0.5);
  }
  return best;
}

function searchItem(company: CompanyState, p: Person): Record<string, unknown> {
  const org = p.org_id === null ? undefined : company.organizations.get(p.org_id);
  return {
    id: p.id, type: 'person', name: p.name,
    phones: p.phones.map((x) => x.value), emails: p.emails.map((x) => x.value),
    visible_to: p.visible_to, owner: { id: p.owner_id },
    organization: org ? { id: org.id, name: org.name, address: org.address?.value ?? null } : null,
    custom_fields: [], notes: [],
  };
}
