import { InvalidInputError, type AdapterContext, type ResourceName } from '../../../src/provider-sdk';

/**
 * The SOQL SELECT list of a read: the adapter's own fields plus the mapped custom fields the core
 * asks for in `ctx.extraFields` (field mappings). SOQL returns only the fields it is asked for, so a
 * mapped field that is not selected would never reach `customFields`.
 *
 * `ctx.extraFields` names the fields of the resource being read. `findByEmails` reads contacts and
 * leads in one call, so there the core gives them per resource (`ctx.extraFieldsByResource`):
 * Salesforce refuses a whole query over a field the object lacks.
 */

/** A Salesforce API field name, or a relationship path (`Account.Name`): the only shapes allowed into SOQL. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;
export function extraFieldsFor(ctx: AdapterContext, resource: ResourceName): string[] {
  const out: string[] = [];
  for (const name of ctx.extraFieldsByResource?.[resource] ?? ctx.extraFields ?? []) {
    // Field names are interpolated into SOQL unquoted, so anything but an identifier path is refused.
    if (!FIELD_NAME.test(name)) throw new InvalidInputError([{ field: 'customFields', message: `"${name}" is not a Salesforce field name` }]);
    out.push(name);
  }
  return out;
}

/** `base` followed by the extras it lacks, compared case-insensitively: Salesforce rejects a field selected twice. */
export function selectList(base: readonly string[], extras: readonly string[]): string[] {
  const seen = new Set(base.map((f) => f.toLowerCase()));
  const out = [...base];
  for (const f of extras) {
    if (seen.has(f.toLowerCase())) continue;
    seen.add(f.toLowerCase());
    out.push(f);
  }
  return out;
}

/** The SELECT list of `resource`'s reads for this call. */
export function fieldsFor(ctx: AdapterContext, resource: ResourceName, base: readonly string[]): string[] {
  return selectList(base, extraFieldsFor(ctx, resource));
}
