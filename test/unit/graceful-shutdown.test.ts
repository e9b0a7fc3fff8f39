import { startServer } from '../../src/http/server';

describe('graceful shutdown', () => {
  it('stops accepting new connections but lets an in-flight request finish', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let started!: () => void;
    const inFlight = new Promise<void>((r) => { started = r; });
    const srv = await startServer((req, res) => {
      started();
      void gate.then(() => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('finished'); });
    }, { port: 0, host: '127.0.0.1' });

    const pending = fetch(`${srv.url}/slow`).then((r) => r.text());
    await inFlight;
    const stopping = srv.shutdown(5000);
    await expect(fetch(`${srv.url}/new`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    release();
    expect(await pending).toBe('finished');
    expect(await stopping).toEqual({ drained: true });
  });

  it('gives up on requests still running after the grace period', async () => {
    let started!: () => void;
    const inFlight = new Promise<void>((r) => { started = r; });
    const srv = await startServer(() => { started(); /* never answers */ }, { port: 0, host: '127.0.0.1' });
    const pending = fetch(`${srv.url}/hang`).catch(() => 'dropped');
    // Shut down once the request is really in flight (a fixed sleep can lose that race under load).
    await inFlight;
    expect(await srv.shutdown(50)).toEqual({ drained: false });
    expect(await pending).toBe('dropped');
  });
});
