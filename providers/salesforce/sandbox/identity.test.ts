import type { RunningSandbox } from '../../../test/helpers/sandbox';
import { api, connect, start, V } from './test-support';

/**
 * "Resources by Version" (REST guide, List Available REST Resources) and the identity URL:
 * what jsforce's identity() reads and what the gateway's identify hook fetches.
 */
describe('Salesforce sandbox resources by version and identity', () => {
  let sb: RunningSandbox;
  beforeAll(async () => { sb = await start(); });
  afterAll(() => sb.close());

  it('GET /services/data/vXX.X lists each resource\'s path, and identity = the token response\'s id', async () => {
    const t = await connect(sb.url, 'id-a');
    for (const path of [V, `${V}/`]) {
      const res = await api(sb.url, t.access_token, path);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, string>;
      expect(body).toMatchObject({ sobjects: `${V}/sobjects`, query: `${V}/query`, limits: `${V}/limits`, identity: t.id });
      for (const value of Object.values(body)) expect(typeof value).toBe('string');
    }
  });

  it('is a REST call: 401 INVALID_SESSION_ID without a session, unknown versions 404', async () => {
    const bad = await api(sb.url, 'nope', V);
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { errorCode: string }[])[0].errorCode).toBe('INVALID_SESSION_ID');
    const t = await connect(sb.url, 'id-a');
    expect((await api(sb.url, t.access_token, '/services/data/v99.0')).status).toBe(404);
  });

  it('the identity URL names the org and its My Domain (urls.custom_domain, the instance here)', async () => {
    const t = await connect(sb.url, 'id-b');
    const res = await fetch(t.id, { headers: { authorization: `Bearer ${t.access_token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { organization_id: string; urls: Record<string, string> };
    expect(t.id).toContain(`/id/${body.organization_id}/`);
    expect(body.urls.custom_domain).toBe(t.instance_url);
  });
});
