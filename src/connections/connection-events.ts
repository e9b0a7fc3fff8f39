import { EventEmitter } from 'node:events';
import type { Connection } from '../store/types';

/** Lifecycle events of connections; the webhook dispatcher subscribes and turns them into deliveries. */
export const CONNECTION_EVENTS = ['connection.created', 'connection.needs_reauth', 'connection.reconnected', 'connection.deleted'] as const;
export type ConnectionEventType = (typeof CONNECTION_EVENTS)[number];

export type ConnectionEventListener = (type: ConnectionEventType, connection: Connection) => Promise<void> | void;

/** In-process fan-out; listeners' failures are reported, never thrown back into the request. */
export class ConnectionEvents {
  private readonly emitter = new EventEmitter();
  private readonly pending = new Set<Promise<void>>();

  on(listener: ConnectionEventListener): void {
    this.emitter.on('event', (type: ConnectionEventType, connection: Connection) => {
      const p = Promise.resolve()
        .then(() => listener(type, connection))
        .catch((err: unknown) => { this.emitter.emit('listenerError', err); })
        .finally(() => this.pending.delete(p));
      this.pending.add(p);
    });
  }

  onListenerError(handler: (err: unknown) => void): void { this.emitter.on('listenerError', handler); }

  emit(type: ConnectionEventType, connection: Connection): void { this.emitter.emit('event', type, connection); }

  /** Resolves when every listener call started so far has finished (tests, shutdown). */
  async settled(): Promise<void> { await Promise.all([...this.pending]); }
}
