import type { Context, Middleware } from 'koa';
import type { AuthState } from '../http/api-key-auth';
import { InvalidInputError } from '../errors';
import type { Logger } from '../logging/logger';
import { createMcpServer, type BoundTool } from './mcp-server';
import { mcpSdk } from './sdk';
import type { RouteInvoker } from './route-invoker';

/**
 * POST /mcp: MCP over Streamable HTTP in STATELESS mode — a new Server and transport per HTTP
 * request, no session id. Nothing is kept between requests, so any gateway process can answer
 * any request (several processes behind a load balancer, as for REST), and there is no session
 * store to expire. What stateless gives up (server-initiated messages on a GET stream) no tool
 * needs: GET and DELETE /mcp are 405 (the SDK client reads that as "no stream").
 *
 * Runs behind the API-key auth and the per-key rate limit of /v1 (same middleware instances, one
 * budget) and the JSON body limit; a bad key is HTTP 401 INVALID_API_KEY (the gateway envelope)
 * before any MCP message is read. Answers are JSON (enableJsonResponse), not an SSE stream: every
 * tool answers once.
 */
export function mcpHandler(tools: Map<string, BoundTool>, invoker: RouteInvoker, logger: Logger, version: string): Middleware {
  return async (ctx: Context) => {
    // One message per request (MCP 2025-06-18 dropped JSON-RPC batches): otherwise one request
    // could carry any number of tool calls past the per-key rate limit.
    if (Array.isArray(ctx.request.body) && ctx.request.body.length !== 1) {
      throw new InvalidInputError([{ field: 'body', message: 'JSON-RPC batches are not accepted: send one message per request' }]);
    }
    const caller = { auth: ctx.state.auth as AuthState, requestId: ctx.state.requestId as string };
    const server = createMcpServer(tools, invoker, caller, { version, logger });
    const transport = new (mcpSdk().StreamableHTTPServerTransport)({ sessionIdGenerator: undefined, enableJsonResponse: true });
    transport.onerror = (err) => logger.warn({ requestId: caller.requestId, reason: err.name }, 'mcp transport error');
    await server.connect(transport);
    ctx.res.on('close', () => { void transport.close(); void server.close(); });
    // The transport writes the response itself.
    ctx.respond = false;
    await transport.handleRequest(ctx.req, ctx.res, ctx.request.body);
  };
}
