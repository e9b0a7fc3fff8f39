import type * as ServerModule from '@modelcontextprotocol/sdk/server/index.js';
import type * as TransportModule from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type * as TypesModule from '@modelcontextprotocol/sdk/types.js';

export type McpSdk = Pick<typeof ServerModule, 'Server'> & Pick<typeof TransportModule, 'StreamableHTTPServerTransport'>
  & Pick<typeof TypesModule, 'CallToolRequestSchema' | 'ListToolsRequestSchema' | 'ErrorCode' | 'McpError'>;

let loaded: McpSdk | undefined;

/**
 * The MCP SDK, loaded on the first /mcp request rather than at start: with zod it holds about
 * 25 MB of memory that a gateway nobody drives over MCP should not carry (issue 19's RSS budget).
 */
export function mcpSdk(): McpSdk {
  if (!loaded) {
    const server = require('@modelcontextprotocol/sdk/server/index.js') as typeof ServerModule;
    const transport = require('@modelcontextprotocol/sdk/server/streamableHttp.js') as typeof TransportModule;
    const types = require('@modelcontextprotocol/sdk/types.js') as typeof TypesModule;
    loaded = {
      Server: server.Server, StreamableHTTPServerTransport: transport.StreamableHTTPServerTransport,
      CallToolRequestSchema: types.CallToolRequestSchema, ListToolsRequestSchema: types.ListToolsRequestSchema,
      ErrorCode: types.ErrorCode, McpError: types.McpError,
    };
  }
  return loaded;
}
