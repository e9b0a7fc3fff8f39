import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the SaaS app's web page, on its own loopback origin: it loads the gateway's
 * embed.js and exposes `__open(token)`, which records every widget event in `window.__events`.
 */
export interface HostPage { url: string; origin: string; close(): Promise<void> }

/** `custom`: another page and /host.js instead (the React host page: its bundle loads embed.js itself). */
export async function startHostPage(gatewayUrl: string, custom?: { html: string; script: string }): Promise<HostPage> {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host app</title>
<script src="${gatewayUrl}/connect/embed.js"></script>
<script src="/host.js"></script></head>
<body><h1>Host app</h1></body></html>`;
  const script = `window.__events = [];
window.__open = function (token) {
  window.__handle = GatewayConnect.open({ token: token, onEvent: function (e) { window.__events.push(e); } });
};`;
  const server = http.createServer((req, res) => {
    if (req.url === '/host.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(custom?.script ?? script); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(custom?.html ?? html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    origin,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
