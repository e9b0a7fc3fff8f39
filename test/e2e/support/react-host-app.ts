/**
 * A React host page for the e2e test of clients/typescript/src/react.ts, bundled by esbuild with
 * React from the root node_modules: a ConnectButton whose token comes from `window.__nextToken`
 * (set by the test, standing in for the app's back end), and a second component driving
 * useGatewayConnect directly. What each reports is rendered, for the test to read.
 * Written without JSX: the root tsconfig has no JSX setting.
 */
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ConnectButton, useGatewayConnect, type GatewayConnection } from '../../../clients/typescript/src/react';

type HostWindow = Window & { __nextToken?: string; __hookToken?: string };
const gatewayUrl = new URLSearchParams(location.search).get('gateway') ?? '';

function ButtonPanel() {
  const [connection, setConnection] = useState<GatewayConnection | null>(null);
  const [events, setEvents] = useState<string[]>([]);
  return h('section', null,
    h(ConnectButton, {
      gatewayUrl,
      token: async () => (window as HostWindow).__nextToken ?? '',
      onConnected: setConnection,
      onEvent: (e) => setEvents((all) => [...all, e.type]),
    }, 'Connect your CRM'),
    h('output', { id: 'button-connection' }, connection ? `${connection.provider} ${connection.connectionId}` : ''),
    h('output', { id: 'button-events' }, events.join(',')),
  );
}

function HookPanel() {
  const connect = useGatewayConnect({ gatewayUrl });
  return h('section', null,
    h('button', { id: 'hook-open', type: 'button', disabled: connect.status === 'loading', onClick: () => connect.open((window as HostWindow).__hookToken ?? '') }, 'Open with the hook'),
    h('button', { id: 'hook-close', type: 'button', onClick: () => connect.close() }, 'Close'),
    h('output', { id: 'hook-status' }, connect.status),
    h('output', { id: 'hook-connection' }, connect.connection ? `${connect.connection.provider} ${connect.connection.connectionId}` : ''),
    h('output', { id: 'hook-error' }, connect.error?.code ?? ''),
  );
}

createRoot(document.getElementById('root')!).render(h('main', null, h(ButtonPanel), h(HookPanel)));
