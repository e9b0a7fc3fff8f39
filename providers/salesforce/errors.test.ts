import nock from 'nock';
import { liveAdapterContext, type LiveHarness } from '../../test/helpers/adapter-harness';
import { classifyError } from './errors';
import { contacts } from './adapter/contacts.adapter';
import { HOST } from './fixtures/nock';

const res = (status: number, errorCode: string, message: string, fields?: string[]) => ({ status, headers: {}, body: [{ message, errorCode, ...(fields ? { fields } : {}) }] });

describe('salesforce classifyError (reference/providers.md §2.6–§2.7)', () => {
  it('403 REQUEST_LIMIT_EXCEEDED → PROVIDER_RATE_LIMITED with Retry-After', () => {
    const e = classifyError(res(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'));
    expect(e).toMatchObject({ code: 'PROVIDER_RATE_LIMITED', status: 429, headers: { 'Retry-After': '300' } });
  });
  it('DUPLICATES_DETECTED → PROVIDER_CONFLICT with details.provider', () => {
    expect(classifyError(res(400, 'DUPLICATES_DETECTED', 'Use one of these records?'))).toMatchObject({
      code: 'PROVIDER_CONFLICT', details: { provider: { status: 400, code: 'DUPLICATES_DETECTED', message: 'Use one of these records?' } },
    });
  });
  it('validation codes → INVALID_INPUT with unified field names', () => {
    expect(classifyError(res(400, 'INVALID_EMAIL_ADDRESS', 'Email: invalid email address: x', ['Email']))).toMatchObject({
      code: 'INVALID_INPUT', details: { errors: [{ field: 'email' }] },
    });
  });
  it('the "not valid for use with the REST API" 401 → PROVIDER_AUTH_FAILED; a plain expired session → null (refresh)', () => {
    expect(classifyError(res(401, 'INVALID_SESSION_ID', 'This session is not valid for use with the REST API'))).toMatchObject({ code: 'PROVIDER_AUTH_FAILED' });
    expect(classifyError(res(401, 'INVALID_SESSION_ID', 'Session expired or invalid'))).toBeNull();
  });
  it('INVALID_QUERY_LOCATOR → INVALID_INPUT on cursor; unknown bodies → null', () => {
    expect(classifyError(res(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator'))).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'cursor' }] } });
    expect(classifyError({ status: 500, headers: {}, body: 'oops' })).toBeNull();
  });
});

describe('salesforce errors through the provider client (nock)', () => {
  let h: LiveHarness;
  beforeAll(async () => {
    nock.disableNetConnect();
    h = await liveAdapterContext('salesforce', { metadata: { instance_url: HOST } });
  });
  afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

  it('a 401 "not valid for use with the REST API" fails once, with no refresh', async () => {
    const scope = nock(HOST).get('/services/data/v62.0/query').query(true)
      .reply(401, [{ message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' }]);
    // No token endpoint is mocked: a refresh attempt would fail with a network error instead.
    await expect(contacts.list!(h.ctx, { limit: 1, cursor: null, filters: {} })).rejects.toMatchObject({ code: 'PROVIDER_AUTH_FAILED' });
    scope.done();
  });

  it('a 403 REQUEST_LIMIT_EXCEEDED is a 429 PROVIDER_RATE_LIMITED, not retried', async () => {
    const scope = nock(HOST).get('/services/data/v62.0/query').query(true)
      .reply(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    await expect(contacts.list!(h.ctx, { limit: 1, cursor: null, filters: {} })).rejects.toMatchObject({ code: 'PROVIDER_RATE_LIMITED', status: 429 });
    scope.done();
  });

  it('DUPLICATES_DETECTED on create → PROVIDER_CONFLICT', async () => {
    const scope = nock(HOST).post('/services/data/v62.0/sobjects/Contact', { LastName: 'Dup', Email: 'dup@example.com' })
      .reply(400, [{ message: 'Use one of these records?', errorCode: 'DUPLICATES_DETECTED', fields: [] }]);
    await expect(contacts.create!(h.ctx, { lastName: 'Dup', email: 'dup@example.com' })).rejects.toMatchObject({ code: 'PROVIDER_CONFLICT' });
    scope.done();
  });
});
