import Router from '@koa/router';
import type { Context } from 'koa';
import { readJson, type SandboxKit } from '../../../src/provider-sdk';
import { fail, jsonParserError, notFound, sendJson } from './errors';
import { normalizeEvent } from './event-rules';
import { canonicalId } from './ids';
import { findRecord, insert, table, touch, type SfRecord } from './org-state';
import { restState } from './session';
import { attributes } from './soql-eval';
import { describe, fieldDef, objectDef, OBJECTS, type ObjectDef } from './schema';
import { defaultsFor, parseBody, validateWrite } from './writes';

/**
 * sObject CRUD and describe (reference/providers.md §2.3–§2.5): create 201 `{id,success,errors}` with
 * a Location header, GET with `?fields=`, PATCH 204, DELETE 204 (to the recycle bin: later reads are
 * 404 NOT_FOUND, later writes 404 ENTITY_IS_DELETED), describe and describeGlobal.
 */
const BASE = '/services/data/:version/sobjects';

function objectOf(ctx: Context): ObjectDef {
  const obj = objectDef(String(ctx.params.object));
  if (!obj) throw notFound();
  return obj;
}

/**
 * A path id that is not an id at all is read by Salesforce as an external-id field name (404);
 * a well-formed id of another object is MALFORMED_ID (400).
 */
function recordOf(ctx: Context, obj: ObjectDef, forWrite: boolean): SfRecord {
  const raw = String(ctx.params.id);
  const id = canonicalId(raw);
  if (!id) throw fail(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${raw}`);
  if (!id.startsWith(obj.keyPrefix)) throw fail(400, 'MALFORMED_ID', `${obj.label} ID: id value of incorrect type: ${raw}`, ['Id']);
  const rec = findRecord(restState(ctx).org, obj, id);
  if (!rec) throw notFound();
  if (rec.IsDeleted === true) throw forWrite ? fail(404, 'ENTITY_IS_DELETED', 'entity is deleted', []) : notFound();
  return rec;
}

async function body(ctx: Context): Promise<Record<string, unknown>> {
  let raw: unknown;
  try { raw = await readJson(ctx); } catch { throw jsonParserError('Unexpected character: the request body is not valid JSON at [line:1, column:1]'); }
  return parseBody(raw ?? {});
}

function writable(obj: ObjectDef, op: 'inserted' | 'updated' | 'deleted'): void {
  const ok = op === 'inserted' ? obj.createable : op === 'updated' ? obj.updateable : obj.deletable;
  if (!ok) throw fail(400, 'INVALID_TYPE_FOR_OPERATION', `entity type cannot be ${op}: ${obj.label}`);
}

function pick(rec: SfRecord, obj: ObjectDef, fields: string | undefined, version: string): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: attributes(obj.name, rec.Id as string, version) };
  const names = fields ? fields.split(',').map((s) => s.trim()).filter(Boolean) : obj.fields.map((f) => f.name);
  for (const n of names) {
    const f = fieldDef(obj, n);
    if (!f) throw fail(400, 'INVALID_FIELD', `No such column '${n}' on entity '${obj.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
    out[f.name] = rec[f.name] ?? null;
  }
  return out;
}

export function sobjectRoutes(kit: SandboxKit): Router {
  const router = new Router();
  const now = (): number => kit.clock.now();

  router.get(BASE, (ctx) => {
    const { version } = restState(ctx);
    sendJson(ctx, 200, {
      encoding: 'UTF-8', maxBatchSize: 200,
      sobjects: OBJECTS.map((o) => ({ name: o.name, label: o.label, labelPlural: o.labelPlural, keyPrefix: o.keyPrefix, custom: false,
        createable: o.createable, updateable: o.updateable, deletable: o.deletable, queryable: true,
        urls: { sobject: `/services/data/${version}/sobjects/${o.name}`, describe: `/services/data/${version}/sobjects/${o.name}/describe` } })),
    });
  });

  router.get(`${BASE}/:object/describe`, (ctx) => sendJson(ctx, 200, describe(objectOf(ctx), restState(ctx).version)));

  router.get(`${BASE}/:object`, (ctx) => {
    const obj = objectOf(ctx);
    const d = describe(obj, restState(ctx).version);
    delete d.fields;
    sendJson(ctx, 200, { objectDescribe: d, recentItems: [] });
  });

  router.post(`${BASE}/:object`, async (ctx) => {
    const obj = objectOf(ctx);
    writable(obj, 'inserted');
    const { org, version, userId } = restState(ctx);
    const changes = validateWrite(org, obj, await body(ctx), 'create');
    const rec: SfRecord = { ...defaultsFor(obj, userId), ...changes };
    if (obj.name === 'Event') normalizeEvent(org, rec, changes);
    const created = insert(org, obj, rec, now());
    const id = created.Id as string;
    ctx.set('Location', `/services/data/${version}/sobjects/${obj.name}/${id}`);
    sendJson(ctx, 201, { id, success: true, errors: [] });
  });

  router.get(`${BASE}/:object/:id`, (ctx) => {
    const obj = objectOf(ctx);
    const rec = recordOf(ctx, obj, false);
    const fields = typeof ctx.query.fields === 'string' ? ctx.query.fields : undefined;
    sendJson(ctx, 200, pick(rec, obj, fields, restState(ctx).version));
  });

  router.patch(`${BASE}/:object/:id`, async (ctx) => {
    const obj = objectOf(ctx);
    writable(obj, 'updated');
    const rec = recordOf(ctx, obj, true);
    const { org } = restState(ctx);
    // §2.4: converted leads are read-only.
    if (obj.name === 'Lead' && rec.IsConverted === true) throw fail(400, 'CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead', []);
    const changes = validateWrite(org, obj, await body(ctx), 'update');
    const next: SfRecord = { ...rec, ...changes };
    if (obj.name === 'Event') normalizeEvent(org, next, changes);
    Object.assign(rec, next);
    touch(rec, now());
    ctx.status = 204;
  });

  router.delete(`${BASE}/:object/:id`, (ctx) => {
    const obj = objectOf(ctx);
    writable(obj, 'deleted');
    const rec = recordOf(ctx, obj, true);
    const { org } = restState(ctx);
    rec.IsDeleted = true;
    touch(rec, now());
    // An event's invitee rows go with it.
    if (obj.name === 'Event') {
      for (const rel of table(org, objectDef('EventRelation') as ObjectDef).values()) {
        if (rel.EventId === rec.Id && rel.IsDeleted !== true) { rel.IsDeleted = true; touch(rel, now()); }
      }
    }
    ctx.status = 204;
  });

  return router;
}
