import type { RouteSpec } from '../http/route-table';
import { toolSchema } from './tool-schema';

const route = (over: Partial<RouteSpec>): RouteSpec => ({
  method: 'post', path: '/v1/things/:id/act', operationId: 'act', summary: 's', tag: 't', auth: 'apiKey', responses: {},
  handler: async () => undefined, ...over,
});
const query = { type: 'object', additionalProperties: false, required: ['provider'], properties: { provider: { type: 'string' }, limit: { type: 'integer' } } };
const body = { type: 'object', additionalProperties: false, required: ['startTime'], properties: { startTime: { type: 'string' }, reason: { type: 'string' } } };

describe('an MCP tool schema from its route', () => {
  it('puts path parameters, query and body properties side by side, the route\'s own schema objects, idempotencyKey on writes', () => {
    const { inputSchema } = toolSchema(route({ query, body }), true);
    expect(Object.keys(inputSchema.properties as object)).toEqual(['id', 'provider', 'limit', 'startTime', 'reason', 'idempotencyKey']);
    expect((inputSchema.properties as Record<string, unknown>).startTime).toBe(body.properties.startTime);
    expect(inputSchema).toMatchObject({ type: 'object', additionalProperties: false, required: ['id', 'provider', 'startTime'] });
    expect(toolSchema(route({ query, body }), false).inputSchema.properties).not.toHaveProperty('idempotencyKey');
  });

  it('splits arguments back; unknown names go to the body, where the route\'s validator names them', () => {
    const { split } = toolSchema(route({ query, body }), true);
    expect(split({ id: 'm1', provider: 'p', limit: 5, startTime: 't', colour: 'red', idempotencyKey: 'k1' })).toEqual({
      params: { id: 'm1' }, query: { provider: 'p', limit: 5 }, body: { startTime: 't', colour: 'red' }, idempotencyKey: 'k1',
    });
    // A route without a body: everything unknown is query, and a read has no idempotencyKey argument.
    const read = toolSchema(route({ method: 'get', path: '/v1/things', query }), false);
    expect(read.split({ provider: 'p', idempotencyKey: 'k' })).toEqual({ params: {}, query: { provider: 'p', idempotencyKey: 'k' }, body: undefined, idempotencyKey: null });
  });

  it('a name in both the query and the body is refused at start-up', () => {
    expect(() => toolSchema(route({ query, body: { type: 'object', properties: { provider: { type: 'string' } } } }), false)).toThrow(/"provider"/);
  });
});
