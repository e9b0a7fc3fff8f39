import type Router from '@koa/router';
import { readJson, type SandboxKit } from '../../../src/provider-sdk';
import { addEdge, archiveOrphanLeads, removeAssociation, resolveAssociationType } from './associations';
import { crmRoute } from './auth-guard';
import { notFound, validationError } from './errors';
import { OBJECT_PREFIXES } from './objects-routes';
import { toWire } from './serialize';
import { findRecord, resolveObjectType, type HsRecord, type ObjectType } from './state';

/**
 * POST …/batch/read (§1.3: max 100 inputs; `idProperty: "email"`; 200 when every id was found,
 * 207 with `errors` otherwise) and the v3 association endpoints PUT/DELETE
 * …/{id}/associations/{toObjectType}/{toObjectId}/{associationTypeId} (§1.5).
 */
const BATCH_MAX = 100;
const OBJECT_NAME: Record<ObjectType, string> = { contacts: 'CONTACT', leads: 'LEAD', meetings: 'MEETING_EVENT' };

interface BatchReadBody { inputs?: { id?: unknown }[]; properties?: string[]; idProperty?: string }

export function registerBatchRoutes(router: Router, kit: SandboxKit): void {
  for (const prefix of OBJECT_PREFIXES) {
    router.post(`${prefix}/:objectType/batch/read`, crmRoute(kit, { access: 'read' }, async (ctx, req) => {
      const b = ((await readJson(ctx)) ?? {}) as BatchReadBody;
      if (!Array.isArray(b.inputs)) return validationError(ctx, 'inputs must be an array of {id}');
      if (b.inputs.length > BATCH_MAX) return validationError(ctx, `Batch input limit exceeded: ${b.inputs.length} inputs, the maximum is ${BATCH_MAX}.`);
      const startedAt = new Date(req.kit.clock.now()).toISOString();
      const found: HsRecord[] = [];
      const missing: string[] = [];
      for (const id of new Set(b.inputs.map((i) => String(i?.id ?? '')))) {
        const r = findRecord(req.state, req.type, id, b.idProperty);
        if (r) { if (!found.includes(r)) found.push(r); } else missing.push(id);
      }
      const results = found.map((r) => toWire(req.state, req.type, r, { properties: Array.isArray(b.properties) ? b.properties : [] }));
      const completedAt = new Date(req.kit.clock.now()).toISOString();
      if (missing.length === 0) {
        ctx.body = { status: 'COMPLETE', results, startedAt, completedAt };
        return;
      }
      ctx.status = 207;
      ctx.body = {
        status: 'COMPLETE', results, numErrors: 1,
        errors: [{
          status: 'error', category: 'OBJECT_NOT_FOUND',
          message: `Could not get some ${OBJECT_NAME[req.type]} objects, they may be deleted or not exist. Check that ids are valid.`,
          context: { ids: missing },
        }],
        startedAt, completedAt,
      };
    }));

    const assocPath = `${prefix}/:objectType/:objectId/associations/:toObjectType/:toObjectId/:associationType`;
    router.put(assocPath, crmRoute(kit, { access: 'write' }, (ctx, req) => {
      const from = findRecord(req.state, req.type, ctx.params.objectId);
      if (!from) return notFound(ctx, ctx.params.objectId);
      const toType = resolveObjectType(ctx.params.toObjectType);
      if (!toType) return validationError(ctx, `Unable to infer object type from: ${ctx.params.toObjectType}`);
      const typeId = resolveAssociationType(req.type, toType, ctx.params.associationType);
      if (typeId === null) return validationError(ctx, `${ctx.params.associationType} is not a valid association type from ${req.type} to ${toType}`);
      if (!findRecord(req.state, toType, ctx.params.toObjectId)) return notFound(ctx, ctx.params.toObjectId);
      addEdge(req.state, { fromType: req.type, fromId: from.id, toType, toId: ctx.params.toObjectId, typeId });
      ctx.body = toWire(req.state, req.type, from, { associations: [toType] });
    }));

    router.delete(assocPath, crmRoute(kit, { access: 'write' }, (ctx, req) => {
      const toType = resolveObjectType(ctx.params.toObjectType);
      const typeId = toType ? resolveAssociationType(req.type, toType, ctx.params.associationType) : null;
      if (!toType || typeId === null) return validationError(ctx, `${ctx.params.associationType} is not a valid association type`);
      removeAssociation(req.state, { type: req.type, id: ctx.params.objectId }, { type: toType, id: ctx.params.toObjectId }, typeId);
      archiveOrphanLeads(req.state, new Date(req.kit.clock.now()).toISOString());
      ctx.status = 204;
    }));
  }
}
