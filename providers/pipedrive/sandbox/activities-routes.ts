import type Router from '@koa/router';
import type { SandboxKit } from '../../../src/provider-sdk';
import { apiState, requireScope, SCOPES } from './api-auth';
import { notFound, sendOk } from './envelope';
import { boolParam, intParam, invalid, readBody, stringParam, type Query } from './input';
import type { Activity } from './model';
import { rfc3339 } from './model';
import { applyActivityFields, ACTIVITY_TYPES } from './activity-fields';
import { numericId, sendV2List } from './v2-list';
import { emitChange } from './webhooks';

/**
 * `/api/v2/activities` (reference/providers.md §3.4). Meetings are activities with
 * `type: "meeting"`; v2 has no type filter, so lists mix meetings with calls, tasks and the rest.
 * Lists leave `attendees` out unless `include_fields=attendees` asks for them (§3.4 list params).
 */
const withoutAttendees = (a: Activity): Omit<Activity, 'attendees'> => {
  const { attendees: _omitted, ...rest } = a;
  return rest;
};

export function activitiesRoutes(router: Router, kit: SandboxKit): void {
  router.get('/api/v2/activities', requireScope(...SCOPES.activitiesRead), (ctx) => {
    const { company } = apiState(ctx);
    const q = ctx.query as Query;
    const person = intParam(q, 'person_id', 1);
    const org = intParam(q, 'org_id', 1);
    const deal = intParam(q, 'deal_id', 1);
    const lead = stringParam(q, 'lead_id');
    const done = boolParam(q, 'done');
    const includeAttendees = (stringParam(q, 'include_fields') ?? '').split(',').includes('attendees');
    const items = [...company.activities.values()].filter((a) =>
      (person === undefined || a.person_id === person || a.participants.some((p) => p.person_id === person))
      && (org === undefined || a.org_id === org)
      && (deal === undefined || a.deal_id === deal)
      && (lead === undefined || lead === '' || a.lead_id === lead)
      && (done === undefined || a.done === done));
    sendV2List(ctx, kit, 'activities', items, {
      extraSorts: { due_date: (a) => `${a.due_date ?? ''}T${a.due_time ?? ''}` },
      present: includeAttendees ? undefined : withoutAttendees,
    });
  });

  router.get('/api/v2/activities/:id', requireScope(...SCOPES.activitiesRead), (ctx) => {
    sendOk(ctx, findActivity(apiState(ctx).company.activities, numericId(ctx)));
  });

  router.post('/api/v2/activities', requireScope(...SCOPES.activitiesWrite), async (ctx) => {
    const { company, me } = apiState(ctx);
    const b = await readBody(ctx);
    const now = kit.clock.now();
    const type = b.type === undefined ? 'task' : b.type;
    if (typeof type !== 'string' || !ACTIVITY_TYPES.includes(type)) throw invalid('type', `Parameter 'type' must be one of ${ACTIVITY_TYPES.join(', ')}`);
    const activity: Activity = {
      id: company.nextIds.activity++, subject: type.charAt(0).toUpperCase() + type.slice(1), type, owner_id: me.id, creator_user_id: me.id,
      is_deleted: false, add_time: rfc3339(now), update_time: rfc3339(now), deal_id: null, lead_id: null, person_id: null, org_id: null,
      project_id: null, due_date: null, due_time: null, duration: null, busy: false, done: false, marked_as_done_time: null,
      location: null, participants: [], attendees: [], public_description: null, priority: null, note: null,
    };
    applyActivityFields(company, activity, b, now);
    company.activities.set(activity.id, activity);
    sendOk(ctx, activity, undefined, 201);
    emitChange(kit, company, 'activity', 'create', activity.id, { ...activity });
  });

  router.patch('/api/v2/activities/:id', requireScope(...SCOPES.activitiesWrite), async (ctx) => {
    const { company } = apiState(ctx);
    const activity = findActivity(company.activities, numericId(ctx));
    const b = await readBody(ctx);
    const now = kit.clock.now();
    const previous = { ...activity };
    applyActivityFields(company, activity, b, now);
    activity.update_time = rfc3339(now);
    sendOk(ctx, activity);
    emitChange(kit, company, 'activity', 'change', activity.id, { ...activity }, previous);
  });

  router.delete('/api/v2/activities/:id', requireScope(...SCOPES.activitiesWrite), (ctx) => {
    const { company } = apiState(ctx);
    const activity = findActivity(company.activities, numericId(ctx));
    company.activities.delete(activity.id);
    sendOk(ctx, { id: activity.id });
    emitChange(kit, company, 'activity', 'delete', activity.id, null, { ...activity });
  });
}

function findActivity(activities: Map<number, Activity>, id: number): Activity {
  const a = activities.get(id);
  if (!a) throw notFound('Activity not found');
  return a;
}
