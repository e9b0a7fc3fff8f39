import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import { readJson, type SandboxKit } from '../../../src/provider-sdk';
import { ApiError, sendData, sendList } from './envelope';
import { APPOINTMENT_STATUSES, appointmentView, type AccountState, type Appointment, type AppointmentStatus, type JsonObject, type Service } from './model';
import { dateQuery, idQuery, pageQuery, paginate, parseIso, q, requiredIdParam, toId } from './query';
import { pickFreeEmployee } from './slots';
import { Checks, optString, requireObject } from './validate';
import { emit } from './webhooks';

/**
 * /api/services/appointments (seed 002): GET list (UNCONFIRMED filters; `?id=` reads one), POST
 * create, PUT ?id= (partial; a new time, service or employee is a reschedule; status "canceled"
 * cancels), DELETE ?id=. Every time taken is checked by the slot engine under the per-slot lock,
 * with no await between the check and the write: of concurrent creates of one slot exactly one wins,
 * the others get 409 CONFLICT "slot not available".
 */
type StateOf = (ctx: { state: unknown }) => AccountState;
const MINUTE = 60_000;
const isStatus = (v: unknown): v is AppointmentStatus => typeof v === 'string' && (APPOINTMENT_STATUSES as readonly string[]).includes(v);
const hasTime = (v: unknown): boolean => typeof v === 'string' && v.includes('T');

interface Parsed { serviceId?: number; startMs?: number; endMs?: number; customerId?: number | null; employeeId?: number }

/** Field-level checks of a create (all required fields) or an update (only those sent). */
function parse(state: AccountState, body: JsonObject, creating: boolean): Parsed {
  const c = new Checks();
  const out: Parsed = {};
  const id = (field: 'serviceId' | 'customerId' | 'employeeId', nullable: boolean): void => {
    const v = body[field];
    if (v === undefined) { if (creating && field === 'serviceId') c.fail(field, 'Required field'); return; }
    if (v === null && nullable) { out.customerId = null; return; }
    const n = toId(v);
    if (n === null) { c.fail(field, 'Must be a positive integer'); return; }
    const known = field === 'serviceId' ? state.services.has(n) : field === 'customerId' ? state.customers.has(n) : state.employees.some((e) => e.id === n);
    if (!known) { c.fail(field, `No ${field.slice(0, -2)} with this id`); return; }
    out[field] = n;
  };
  id('serviceId', false);
  id('customerId', true);
  id('employeeId', false);
  for (const field of ['startTime', 'endTime'] as const) {
    const v = body[field];
    if (v === undefined) { if (creating && field === 'startTime') c.fail(field, 'Required field'); continue; }
    const ms = hasTime(v) ? parseIso(v) : null;
    if (ms === null) c.fail(field, 'Must be a valid ISO 8601 date');
    else if (field === 'startTime') out.startMs = ms; else out.endMs = ms;
  }
  if (body.status !== undefined) {
    const allowed = creating ? ['pending', 'approved'] : APPOINTMENT_STATUSES;
    if (!allowed.includes(body.status as AppointmentStatus)) c.fail('status', `Must be one of: ${allowed.join(', ')}`);
  }
  if (body.price !== undefined && !(Number.isSafeInteger(body.price) && (body.price as number) >= 0)) c.fail('price', 'Must be a non-negative integer (cents)');
  optString(c, body, 'notes', 5000);
  optString(c, body, 'cancellationReason', 1000);
  c.done();
  return out;
}

function checkService(service: Service, employeeId: number | undefined, startMs: number, endMs: number | undefined): void {
  const c = new Checks();
  if (!service.active) c.fail('serviceId', 'Service is not active');
  if (employeeId !== undefined && !service.employeeIds.includes(employeeId)) c.fail('employeeId', 'Employee does not offer this service');
  if (endMs !== undefined && endMs !== startMs + service.duration * MINUTE) c.fail('endTime', `Must be startTime + the service duration (${service.duration} minutes)`);
  c.done();
}

function eventOf(before: AppointmentStatus, after: AppointmentStatus): string {
  if (after !== before && after === 'canceled') return 'SERVICE_BOOKING_CANCELLED';
  if (after !== before && after === 'completed') return 'SERVICE_BOOKING_COMPLETED';
  return 'SERVICE_BOOKING_UPDATED';
}

export function createAppointment(state: AccountState, body: JsonObject, nowMs: number): Appointment {
  const p = parse(state, body, true);
  const service = state.services.get(p.serviceId!)!;
  const startMs = p.startMs!;
  checkService(service, p.employeeId, startMs, p.endMs);
  const candidates = p.employeeId !== undefined ? [p.employeeId] : service.employeeIds;
  return state.locks.withLock(candidates, startMs, () => {
    const employeeId = pickFreeEmployee(state, service, candidates, startMs, nowMs);
    const a: Appointment = {
      id: state.nextId.appointment++, uid: `apt_${randomBytes(4).toString('hex')}`, serviceId: service.id, startMs,
      endMs: startMs + service.duration * MINUTE, customerId: p.customerId ?? null, employeeId, locationId: null,
      status: (body.status as AppointmentStatus | undefined) ?? 'approved', price: (body.price as number | undefined) ?? service.price,
      notes: (body.notes as string | null | undefined) ?? null, cancellationReason: null, createdAt: nowMs, updatedAt: nowMs,
    };
    state.appointments.set(a.id, a);
    return a;
  });
}

export function updateAppointment(state: AccountState, a: Appointment, body: JsonObject, nowMs: number): AppointmentStatus {
  if (a.status === 'canceled') throw new ApiError('CONFLICT', 'This appointment is canceled and cannot be changed.');
  const p = parse(state, body, false);
  const before = a.status;
  const status = (body.status as AppointmentStatus | undefined) ?? a.status;
  const serviceId = p.serviceId ?? a.serviceId;
  const service = state.services.get(serviceId)!;
  const startMs = p.startMs ?? a.startMs;
  const moved = (p.startMs !== undefined && p.startMs !== a.startMs) || (p.serviceId !== undefined && p.serviceId !== a.serviceId)
    || (p.employeeId !== undefined && p.employeeId !== a.employeeId);
  const commit = (employeeId: number): void => {
    Object.assign(a, {
      serviceId, startMs, endMs: startMs + service.duration * MINUTE, employeeId, status,
      customerId: p.customerId !== undefined ? p.customerId : a.customerId,
      price: (body.price as number | undefined) ?? a.price,
      notes: body.notes !== undefined ? (body.notes as string | null) : a.notes,
      cancellationReason: status === 'canceled' ? ((body.cancellationReason as string | null | undefined) ?? a.cancellationReason) : a.cancellationReason,
      // Strictly later than the last change even where the seed dated it in the future: two edits are two update times.
      updatedAt: Math.max(nowMs, a.updatedAt + 1),
    });
  };
  if (!moved || status === 'canceled') {
    if (p.endMs !== undefined && p.endMs !== startMs + service.duration * MINUTE) checkService(service, undefined, startMs, p.endMs);
    commit(p.employeeId ?? a.employeeId);
    return before;
  }
  const employeeId = p.employeeId ?? a.employeeId;
  checkService(service, employeeId, startMs, p.endMs);
  state.locks.withLock([employeeId], startMs, () => commit(pickFreeEmployee(state, service, [employeeId], startMs, nowMs, a.id)));
  return before;
}

export function registerAppointmentRoutes(router: Router, kit: SandboxKit, stateOf: StateOf): void {
  const get = (state: AccountState, id: number): Appointment => {
    const a = state.appointments.get(id);
    if (!a) throw ApiError.notFound();
    return a;
  };

  router.get('/api/services/appointments', (ctx) => {
    const state = stateOf(ctx);
    const one = idQuery(ctx, 'id');
    if (one !== undefined) return sendData(ctx, appointmentView(state, get(state, one)));
    const page = pageQuery(ctx);
    const from = dateQuery(ctx, 'startDate');
    const to = dateQuery(ctx, 'endDate', true);
    const customerId = idQuery(ctx, 'customerId');
    const employeeId = idQuery(ctx, 'employeeId');
    const status = q(ctx, 'status');
    if (status !== undefined && !isStatus(status)) throw ApiError.query('status', `Must be one of: ${APPOINTMENT_STATUSES.join(', ')}`);
    const since = dateQuery(ctx, 'updatedSince');
    const matches = [...state.appointments.values()].filter((a) =>
      (from === undefined || a.startMs >= from) && (to === undefined || a.startMs < to)
      && (customerId === undefined || a.customerId === customerId) && (employeeId === undefined || a.employeeId === employeeId)
      && (status === undefined || a.status === status) && (since === undefined || a.updatedAt >= since));
    const { items, pagination } = paginate(matches, page, since !== undefined);
    sendList(ctx, items.map((a) => appointmentView(state, a)), pagination);
  });

  router.post('/api/services/appointments', async (ctx) => {
    const body = requireObject(await readJson(ctx));
    const state = stateOf(ctx);
    const now = kit.clock.now();
    const view = appointmentView(state, createAppointment(state, body, now));
    sendData(ctx, view, 201);
    emit(state, now, 'SERVICE_BOOKING_CREATED', view);
  });

  router.put('/api/services/appointments', async (ctx) => {
    const id = requiredIdParam(ctx);
    const body = requireObject(await readJson(ctx));
    const state = stateOf(ctx);
    const a = get(state, id);
    const now = kit.clock.now();
    const before = updateAppointment(state, a, body, now);
    const view = appointmentView(state, a);
    sendData(ctx, view);
    emit(state, now, eventOf(before, a.status), view);
  });

  router.delete('/api/services/appointments', (ctx) => {
    const id = requiredIdParam(ctx);
    const state = stateOf(ctx);
    const view = appointmentView(state, get(state, id));
    state.appointments.delete(id);
    sendData(ctx, { id, deleted: true });
    emit(state, kit.clock.now(), 'SERVICE_BOOKING_CANCELLED', view);
  });
}
