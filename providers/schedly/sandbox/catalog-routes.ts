import type Router from '@koa/router';
import { zonedToUtc, type SandboxKit } from '../../../src/provider-sdk';
import { ApiError, sendData, sendList } from './envelope';
import { employeeView, iso, serviceView, type AccountState } from './model';
import { dateQuery, idQuery, pageQuery, paginate, q } from './query';
import { slotsOf } from './slots';

/**
 * Read-only catalog of the practice: services, employees (the shared sandbox team), the custom
 * field catalog, and the extension endpoints event types and slots (seed 002 lists the paths; their
 * shapes and parameters are UNCONFIRMED, see the README).
 */
type StateOf = (ctx: { state: unknown }) => AccountState;
const MAX_RANGE_MS = 31 * 86_400_000;

function isTimezone(v: string): boolean {
  try { new Intl.DateTimeFormat('en-US', { timeZone: v }); return true; } catch { return false; }
}

export function registerCatalogRoutes(router: Router, kit: SandboxKit, stateOf: StateOf): void {
  router.get('/api/services/services', (ctx) => {
    const state = stateOf(ctx);
    const one = idQuery(ctx, 'id');
    if (one !== undefined) {
      const s = state.services.get(one);
      if (!s) throw ApiError.notFound();
      return sendData(ctx, serviceView(s));
    }
    const since = dateQuery(ctx, 'updatedSince');
    const { items, pagination } = paginate([...state.services.values()].filter((s) => since === undefined || s.updatedAt >= since), pageQuery(ctx), since !== undefined);
    sendList(ctx, items.map(serviceView), pagination);
  });

  router.get('/api/services/employees', (ctx) => {
    const state = stateOf(ctx);
    const one = idQuery(ctx, 'id');
    if (one !== undefined) {
      const e = state.employees.find((x) => x.id === one);
      if (!e) throw ApiError.notFound();
      return sendData(ctx, employeeView(state, e));
    }
    const { items, pagination } = paginate(state.employees, pageQuery(ctx), false);
    sendList(ctx, items.map((e) => employeeView(state, e)), pagination);
  });

  router.get('/api/services/custom-fields', (ctx) => {
    sendData(ctx, stateOf(ctx).customFields.map((f) => ({ ...f, options: [...f.options] })));
  });

  router.get('/api/extension/event-types', (ctx) => {
    sendData(ctx, [...stateOf(ctx).services.values()].map((s) => ({ id: s.id, title: s.name, slug: s.slug, length: s.duration, hidden: !s.active })));
  });

  router.get('/api/extension/slots', (ctx) => {
    const state = stateOf(ctx);
    const timezone = q(ctx, 'timezone') ?? 'UTC';
    if (!isTimezone(timezone)) throw ApiError.query('timezone', 'Must be an IANA time zone');
    const serviceId = idQuery(ctx, 'serviceId');
    if (serviceId === undefined) throw ApiError.query('serviceId', 'Required field');
    const toUtc = (localMs: number): number => zonedToUtc(localMs, timezone);
    const from = dateQuery(ctx, 'startDate', false, toUtc);
    const to = dateQuery(ctx, 'endDate', true, toUtc);
    if (from === undefined) throw ApiError.query('startDate', 'Required field');
    if (to === undefined) throw ApiError.query('endDate', 'Required field');
    if (to <= from) throw ApiError.query('endDate', 'Must be after startDate');
    if (to - from > MAX_RANGE_MS) throw ApiError.query('endDate', 'The range must be at most 31 days');
    const service = state.services.get(serviceId);
    if (!service) throw ApiError.notFound();
    const employeeId = idQuery(ctx, 'employeeId');
    if (employeeId !== undefined && !service.employeeIds.includes(employeeId)) throw ApiError.query('employeeId', 'Employee does not offer this service');
    const slots = service.active ? slotsOf(state, service, from, to, kit.clock.now(), employeeId) : [];
    sendData(ctx, slots.map((s) => ({ start: iso(s.startMs), end: iso(s.endMs), employeeIds: s.ids })));
  });
}
