import nock from 'nock';
import { LIVE_ACCESS_TOKEN } from '../../../test/helpers/adapter-harness';
import type { Exchange } from '../fixtures/load';

/** The instance the nock tests' connection points at (its instance_url, §2.2). */
export const HOST = 'https://acme.my.salesforce.com';

/**
 * One nock interceptor per recorded exchange, in order, pinning method, path, query, body, the
 * bearer token and Salesforce's query options header. Returns the scope to assert `.done()` on.
 */
export function expectExchanges(list: Exchange[]): nock.Scope {
  const scope = nock(HOST, { reqheaders: { authorization: `Bearer ${LIVE_ACCESS_TOKEN}` } });
  for (const x of list) {
    const body = x.request.body === null ? undefined : (x.request.body as nock.RequestBodyMatcher);
    let interceptor = scope.intercept(x.request.path, x.request.method, body);
    if (Object.keys(x.request.query).length > 0) interceptor = interceptor.query(x.request.query);
    for (const [k, v] of Object.entries(x.request.headers ?? {})) interceptor = interceptor.matchHeader(k, v);
    if (x.response.status === 204) interceptor.reply(204);
    else interceptor.reply(x.response.status, x.response.body as nock.Body, { 'content-type': 'application/json;charset=UTF-8' });
  }
  return scope;
}
