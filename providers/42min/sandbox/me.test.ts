import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { call, issueToken, start } from './test-support';

/** `GET /v1/me` (UNCONFIRMED, README § Assumptions): the account behind the PAT, in the seed's envelope. */
describe('42min sandbox /v1/me', () => {
  let sb: RunningSandbox;
  beforeAll(async () => { sb = await start(); });
  afterAll(() => sb.close());

  it('names the PAT\'s account and its owner, with any scope', async () => {
    const token = await issueToken(sb.url, 'me-a', ['bookings:read']);
    const res = await call(sb.url, '/v1/me', { token });
    expect(res.status).toBe(200);
    expect(res.body.data.account).toEqual({ id: 'me-a', name: expect.any(String) });
    expect(res.body.data.user).toEqual({ user_id: expect.any(String), username: expect.any(String), email: expect.any(String) });
    expect(res.body.meta.request_id).toMatch(/^req_/);
    const other = await call(sb.url, '/v1/me', { token: await issueToken(sb.url, 'me-b', ['bookings:cancel']) });
    expect(other.body.data.account.id).toBe('me-b');
  });

  it('401 invalid_token without a PAT; counted and faulted like the booking endpoints', async () => {
    const bad = await call(sb.url, '/v1/me', { token: 'nope' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('invalid_token');
    const token = await issueToken(sb.url, 'me-fault');
    sb.kit.injectFault('me-fault', 'server_error', { count: 1 });
    expect((await call(sb.url, '/v1/me', { token })).status).toBe(500);
    expect((await call(sb.url, '/v1/me', { token })).status).toBe(200);
    expect(sb.kit.stats.get('me-fault').requests['GET /v1/me']).toBe(2);
  });
});
