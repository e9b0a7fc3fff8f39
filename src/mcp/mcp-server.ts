import type { Middleware } from 'koa';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { mcpSdk } from './sdk';
import { handlerChain, type RouteSpec } from '../http/route-table';
import type { AuthState } from '../http/api-key-auth';
import type { Logger } from '../logging/logger';
import { TOOLS, type ToolDef } from './tools';
import { toolSchema, type ToolSchema } from './tool-schema';
import type { RouteInvoker } from './route-invoker';
import { toToolResult } from './tool-result';

/** A tool bound to its route: the route's spec, its validation+handler chain, and the derived schema. */
export interface BoundTool { def: ToolDef; spec: RouteSpec; chain: Middleware[]; schema: ToolSchema; listed: Tool }

/** Binds every tool of tools.ts to its route; a tool naming no route fails at start-up, not at call time. */
export function bindTools(specs: readonly RouteSpec[]): Map<string, BoundTool> {
  const byOperation = new Map(specs.map((s) => [s.operationId, s]));
  return new Map(TOOLS.map((def) => {
    const spec = byOperation.get(def.operationId);
    if (!spec) throw new Error(`MCP tool ${def.name}: no route with operationId ${def.operationId}`);
    const schema = toolSchema(spec, def.write);
    const listed: Tool = {
      name: def.name,
      description: def.description,
      inputSchema: schema.inputSchema as Tool['inputSchema'],
      annotations: { readOnlyHint: !def.write, destructiveHint: false, idempotentHint: !def.write, openWorldHint: true },
    };
    return [def.name, { def, spec, chain: handlerChain(spec), schema, listed }];
  }));
}

export interface McpCaller { auth: AuthState; requestId: string }

/**
 * One MCP server for one HTTP request (stateless mode, see koa-mount.ts), acting as the key that
 * sent it. Low-level Server rather than McpServer: the input schemas are JSON Schemas taken from
 * the routes, not zod shapes. An unknown tool is a JSON-RPC error (a protocol fault); everything a
 * route answers, errors included, is a tool result (tool-result.ts).
 */
export function createMcpServer(
  tools: Map<string, BoundTool>, invoker: RouteInvoker, caller: McpCaller, opts: { version: string; logger: Logger },
): Server {
  const { Server: McpServerClass, CallToolRequestSchema, ListToolsRequestSchema, McpError, ErrorCode } = mcpSdk();
  const server = new McpServerClass(
    { name: 'integration-gateway', version: opts.version },
    {
      capabilities: { tools: {} },
      instructions: 'Tools over the CRMs and scheduling systems your end users connected. Start with list_connections to '
        + 'see which provider/endUserId pairs exist. Errors carry a stable code in structuredContent.code.',
    },
  );
  const listed = [...tools.values()].map((t) => t.listed);
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listed }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = tools.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
    const args = tool.schema.split(request.params.arguments ?? {});
    const answer = await invoker.invoke(tool.spec, tool.chain, args, caller);
    // The HTTP request's log line says /mcp; this one says which tool and how it ended (never its arguments).
    const errorCode = answer.status >= 400 ? (answer.body as { error?: { code?: string } }).error?.code : undefined;
    opts.logger.info({ requestId: caller.requestId, tool: tool.def.name, status: answer.status, ...(errorCode ? { errorCode } : {}) }, 'mcp tool');
    return toToolResult(tool.def.name, answer);
  });
  return server;
}
