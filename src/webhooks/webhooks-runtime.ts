import type { AppDeps } from '../app-deps';
import { WebhookDispatcher } from './webhook-dispatcher';
import { webhookSettings } from './webhook-settings';
import { enqueueEvent } from './webhook-publisher';
import { WebhookTransport } from './delivery-transport';

/**
 * Wires outbound webhooks into a running gateway: connection events are stored as deliveries
 * (inside the emitting request, which awaits its listeners), record events arrive stored with
 * theirs, and the dispatcher sends them.
 */
export function startWebhooks(deps: AppDeps): { dispatcher: WebhookDispatcher; stop(): Promise<void> } {
  const settings = webhookSettings(deps.config.env);
  const transport = new WebhookTransport({ allowPrivate: deps.config.webhookAllowPrivateUrls, ca: settings.ca });
  const dispatcher = new WebhookDispatcher(deps.store, deps.cipher, deps.logger, settings, transport);
  deps.events.on(async (type, connection) => {
    const enqueued = await enqueueEvent(deps.store, type, connection);
    if (enqueued.length > 0) dispatcher.kick();
  });
  // Record events are stored with their deliveries by src/events; a new one starts a pass at once.
  deps.recordEvents.onRecorded(() => dispatcher.kick());
  deps.events.onListenerError((err) => {
    deps.logger.error({ reason: (err as Error)?.message }, 'could not store webhook deliveries for a connection event');
  });
  dispatcher.start();
  return { dispatcher, stop: () => dispatcher.stop() };
}
