import type Router from '@koa/router';
import { readJson, type SandboxKit } from '../../../src/provider-sdk';
import { ApiError, sendData, sendList } from './envelope';
import { appointmentView, customerView, type AccountState, type Customer, type JsonObject } from './model';
import { dateQuery, idQuery, pageQuery, paginate, q, requiredIdParam } from './query';
import { Checks, checkCustomFields, isDate, isEmail, optString, requireObject } from './validate';
import { emit } from './webhooks';

/**
 * /api/services/customers (seed 002): GET list (UNCONFIRMED filters `email`, `updatedSince`; `?id=`
 * reads one), POST create, PUT ?id= (partial), DELETE ?id=; GET /customers/detail?id= adds the
 * customer's appointments. A second customer with the same email is 409 CONFLICT (unconfirmed).
 */
type StateOf = (ctx: { state: unknown }) => AccountState;

const FIELDS = ['name', 'email', 'phone', 'notes', 'gender', 'dateOfBirth'] as const;

function check(state: AccountState, body: JsonObject, creating: boolean): void {
  const c = new Checks();
  if (creating || body.name !== undefined) {
    if (typeof body.name !== 'string' || body.name.trim() === '') c.fail('name', 'Required field');
    else if (body.name.length > 255) c.fail('name', 'Must be at most 255 characters');
  }
  if (body.email !== undefined && body.email !== null && !isEmail(body.email)) c.fail('email', 'Must be a valid email address');
  optString(c, body, 'phone', 64);
  optString(c, body, 'notes', 5000);
  optString(c, body, 'gender', 32);
  if (body.dateOfBirth !== undefined && body.dateOfBirth !== null && !isDate(body.dateOfBirth)) c.fail('dateOfBirth', 'Must be an ISO date (YYYY-MM-DD)');
  checkCustomFields(c, state.customFields, body.customFields, !creating);
  c.done();
}

function assertEmailFree(state: AccountState, email: unknown, selfId?: number): void {
  if (typeof email !== 'string') return;
  const lower = email.toLowerCase();
  for (const other of state.customers.values()) {
    if (other.id !== selfId && other.email?.toLowerCase() === lower) throw new ApiError('CONFLICT', 'A customer with this email already exists.');
  }
}

function apply(c: Customer, body: JsonObject): void {
  for (const f of FIELDS) {
    if (body[f] === undefined) continue;
    if (f === 'name') c.name = (body.name as string).trim();
    else c[f] = (body[f] as string | null) ?? null;
  }
  if (body.customFields !== undefined) {
    for (const [k, v] of Object.entries(body.customFields as JsonObject)) {
      if (v === null) delete c.customFields[k]; else c.customFields[k] = v;
    }
  }
}

export function registerCustomerRoutes(router: Router, kit: SandboxKit, stateOf: StateOf): void {
  const get = (state: AccountState, id: number): Customer => {
    const c = state.customers.get(id);
    if (!c) throw ApiError.notFound();
    return c;
  };

  router.get('/api/services/customers', (ctx) => {
    const state = stateOf(ctx);
    const one = idQuery(ctx, 'id');
    if (one !== undefined) return sendData(ctx, customerView(state, get(state, one)));
    const page = pageQuery(ctx);
    const email = q(ctx, 'email')?.toLowerCase();
    const since = dateQuery(ctx, 'updatedSince');
    const matches = [...state.customers.values()].filter((c) =>
      (email === undefined || c.email?.toLowerCase() === email) && (since === undefined || c.updatedAt >= since));
    const { items, pagination } = paginate(matches, page, since !== undefined);
    sendList(ctx, items.map((c) => customerView(state, c)), pagination);
  });

  router.get('/api/services/customers/detail', (ctx) => {
    const state = stateOf(ctx);
    const c = get(state, requiredIdParam(ctx));
    const appointments = [...state.appointments.values()].filter((a) => a.customerId === c.id).sort((a, b) => a.startMs - b.startMs || a.id - b.id);
    sendData(ctx, { ...customerView(state, c), appointments: appointments.map((a) => appointmentView(state, a)) });
  });

  router.post('/api/services/customers', async (ctx) => {
    const body = requireObject(await readJson(ctx));
    const state = stateOf(ctx);
    check(state, body, true);
    assertEmailFree(state, body.email);
    const now = kit.clock.now();
    const c: Customer = {
      id: state.nextId.customer++, name: '', email: null, phone: null, notes: null, gender: null, dateOfBirth: null, customFields: {},
      createdAt: now, updatedAt: now,
    };
    apply(c, body);
    state.customers.set(c.id, c);
    const view = customerView(state, c);
    sendData(ctx, view, 201);
    emit(state, now, 'CUSTOMER_CREATED', view);
  });

  router.put('/api/services/customers', async (ctx) => {
    const id = requiredIdParam(ctx);
    const body = requireObject(await readJson(ctx));
    const state = stateOf(ctx);
    const c = get(state, id);
    check(state, body, false);
    assertEmailFree(state, body.email, id);
    apply(c, body);
    const now = kit.clock.now();
    // Strictly later than the last change even where the seed dated it in the future: two edits are two update times.
    c.updatedAt = Math.max(now, c.updatedAt + 1);
    const view = customerView(state, c);
    sendData(ctx, view);
    emit(state, now, 'CUSTOMER_UPDATED', view);
  });

  router.delete('/api/services/customers', (ctx) => {
    const id = requiredIdParam(ctx);
    const state = stateOf(ctx);
    const view = customerView(state, get(state, id));
    state.customers.delete(id);
    sendData(ctx, { id, deleted: true });
    emit(state, kit.clock.now(), 'CUSTOMER_DELETED', view);
  });
}
