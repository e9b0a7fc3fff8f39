import type Router from '@koa/router';
import { readJson, type SandboxKit } from '../../../src/provider-sdk';
import { v4AssociationsOf } from './associations';
import { crmRoute } from './auth-guard';
import { validationError } from './errors';
import { findRecord, resolveObjectType, type ObjectType } from './state';

/**
 * POST /crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read (official spec
 * CRM/Associations/Rollouts/130902/v4/associations.json): `{inputs:[{id, after?}]}` →
 * `{status, results:[{from:{id}, to:[{toObjectId, associationTypes:[{category, typeId, label}]}], paging?}]}`.
 * At most 1000 inputs (changelog "Batch Read Limit for HubSpot Associations API", 2025-02-10).
 * An input with no associations (or an unknown id) is not an error of the call: the answer is 207
 * with one `crm.associations.NO_ASSOCIATIONS_FOUND` entry per such input (⚠️ community logs).
 */
const BATCH_MAX = 1000;
/** Associations per input per page; the size is UNCONFIRMED, `after` is an offset here. */
export const V4_PAGE = 500;
/** v4 error texts use the singular object name ("No company is associated with contact 1."). */
const SINGULAR: Record<ObjectType, string> = { contacts: 'contact', leads: 'lead', meetings: 'meeting' };

interface BatchBody { inputs?: { id?: unknown; after?: unknown }[] }

export function registerV4AssociationRoutes(router: Router, kit: SandboxKit): void {
  // `:objectType` is the from-type, so crmRoute resolves it and checks its read scope.
  router.post('/crm/v4/associations/:objectType/:toObjectType/batch/read', crmRoute(kit, { access: 'read' }, async (ctx, req) => {
    const toType = resolveObjectType(ctx.params.toObjectType);
    if (!toType) return validationError(ctx, `Unable to infer object type from: ${ctx.params.toObjectType}`);
    const b = ((await readJson(ctx)) ?? {}) as BatchBody;
    if (!Array.isArray(b.inputs)) return validationError(ctx, 'inputs must be an array of {id}');
    if (b.inputs.length > BATCH_MAX) return validationError(ctx, `Batch input limit exceeded: ${b.inputs.length} inputs, the maximum is ${BATCH_MAX}.`);
    const startedAt = new Date(req.kit.clock.now()).toISOString();
    const results: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    for (const input of b.inputs) {
      const id = String(input?.id ?? '');
      const from = findRecord(req.state, req.type, id);
      const all = from ? [...v4AssociationsOf(req.state, req.type, from, toType)] : [];
      const offset = typeof input?.after === 'string' && /^\d+$/.test(input.after) ? Number(input.after) : 0;
      const page = all.slice(offset, offset + V4_PAGE);
      if (page.length === 0) {
        errors.push({
          status: 'error', category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
          message: `No ${SINGULAR[toType]} is associated with ${SINGULAR[req.type]} ${id}.`,
          context: { fromObjectId: [id], fromObjectType: [SINGULAR[req.type]], toObjectType: [SINGULAR[toType]] },
        });
        continue;
      }
      // The spec types toObjectId as a string (live responses are often numbers; clients should accept both).
      const result: Record<string, unknown> = { from: { id }, to: page.map(([toObjectId, associationTypes]) => ({ toObjectId, associationTypes })) };
      if (offset + V4_PAGE < all.length) result.paging = { next: { after: String(offset + V4_PAGE) } };
      results.push(result);
    }
    const completedAt = new Date(req.kit.clock.now()).toISOString();
    if (errors.length === 0) {
      ctx.body = { status: 'COMPLETE', results, startedAt, completedAt };
      return;
    }
    ctx.status = 207;
    ctx.body = { status: 'COMPLETE', results, numErrors: errors.length, errors, startedAt, completedAt };
  }));
}
