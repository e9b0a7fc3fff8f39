import { randomBytes } from 'node:crypto';
import { connectRedis, type Redis } from '../shared/redis';
import type { Invalidation } from './resolution-cache';

/**
 * How the processes sharing a store tell each other what they changed, so each drops its cached
 * copy at once instead of at the end of its TTL.
 */
export interface InvalidationBus {
  /** Tells the other processes (this one has applied the change already). */
  publish(change: Invalidation): Promise<void>;
  /** `handler` hears the other processes' changes. */
  subscribe(handler: (change: Invalidation) => void): void;
  /** False while changes may go unheard (channel down): nothing may be served from the cache then. */
  live(): boolean;
  close(): Promise<void>;
}

export const INVALIDATION_CHANNEL = 'gw:resolution:invalidate';

interface Wire { o: string; c: Invalidation }

/**
 * Redis pub/sub. A subscribed connection can send nothing else, so it has its own beside the one
 * publishing (same URL and options as the refresh lock's). Pub/sub delivers at most once: whenever
 * the subscriber's connection drops, what was published meanwhile is lost, so the bus reports
 * itself not live (the cache then serves nothing and is emptied) until it has subscribed again.
 */
export class RedisInvalidationBus implements InvalidationBus {
  private readonly origin = randomBytes(9).toString('base64url');
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly handlers: ((change: Invalidation) => void)[] = [];
  private subscribed = false;
  private closed = false;
  private reportedDown = false;

  constructor(url: string, private readonly onTrouble: (err: Error, what: string) => void = () => undefined, private readonly channel = INVALIDATION_CHANNEL) {
    this.publisher = connectRedis(url);
    this.subscriber = connectRedis(url);
    this.publisher.on('error', (err: Error) => this.trouble(err, 'publisher'));
    this.subscriber.on('error', (err: Error) => this.trouble(err, 'subscriber'));
    // 'ready' comes on the first connection and after every reconnection: (re)subscribe then.
    this.subscriber.on('ready', () => this.subscribeNow());
    this.subscriber.on('close', () => this.down());
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) return;
      const wire = parse(text);
      if (!wire || wire.o === this.origin) return;
      for (const h of this.handlers) h(wire.c);
    });
  }

  async publish(change: Invalidation): Promise<void> {
    if (this.closed) return;
    await this.publisher.publish(this.channel, JSON.stringify({ o: this.origin, c: change } satisfies Wire));
  }

  subscribe(handler: (change: Invalidation) => void): void { this.handlers.push(handler); }

  live(): boolean { return this.subscribed; }

  /** Resolves once subscribed (tests; the gateway does not wait: the cache serves nothing until then). */
  async ready(): Promise<void> {
    while (!this.subscribed) {
      if (this.closed) throw new Error('invalidation bus closed');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscribed = false;
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }

  private subscribeNow(): void {
    this.subscriber.subscribe(this.channel).then(() => {
      if (this.closed) return;
      this.subscribed = true;
      this.reportedDown = false;
    }, (err: Error) => this.trouble(err, 'subscribe'));
  }

  private down(): void {
    if (!this.subscribed) return;
    this.subscribed = false;
    // Changes published while we were away are lost: whatever is cached may be stale.
    for (const h of this.handlers) h({ kind: 'all' });
  }

  /** Reported once per outage: ioredis repeats its error on every reconnection attempt. */
  private trouble(err: Error, what: string): void {
    if (this.closed || this.reportedDown) return;
    this.reportedDown = true;
    this.onTrouble(err, what);
  }
}

function parse(text: string): Wire | null {
  try {
    const wire = JSON.parse(text) as Wire;
    return wire && typeof wire.o === 'string' && wire.c && typeof wire.c.kind === 'string' ? wire : null;
  } catch {
    return null;
  }
}
