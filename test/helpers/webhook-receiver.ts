import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery { body: string; signature: string; status: number }

export interface WebhookReceiver { url: string; got: ReceivedDelivery[]; close(): Promise<void> }

/** A local webhook endpoint whose answers are scripted (e.g. 500, 500, then 200 for every later one). */
export async function startWebhookReceiver(statuses: number[] = []): Promise<WebhookReceiver> {
  const got: ReceivedDelivery[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      const status = statuses[got.length] ?? 200;
      got.push({ body, signature: String(req.headers['x-gateway-signature'] ?? ''), status });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    close: () => { server.closeAllConnections(); return new Promise((r) => server.close(() => r())); },
  };
}
