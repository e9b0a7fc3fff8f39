import { createHash, randomInt } from 'node:crypto';
import { sandboxWebhooks, type SandboxKit } from '../../../src/provider-sdk';
import { signV3, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../webhooks/signature';
import type { AccountState, ObjectType } from './state';

/**
 * HubSpot's app webhooks (reference/providers.md §1.8): every write to a portal, through the API
 * or straight against the sandbox, is sent to each registered app that has a webhook target URL
 * (the gateway's test app; the sandbox treats it as installed in every sandbox portal), as HubSpot
 * sends them: a JSON array of events signed v3 with the app's client secret. contact.* for
 * contacts; object.* with objectTypeId for leads and meetings (UNCONFIRMED that HubSpot sends
 * those). Fire-and-forget through the kit's sender: never waited for, retried or reported.
 */
export type SubscriptionKind = 'creation' | 'propertyChange' | 'deletion';

export interface ObjectChange { type: ObjectType; objectId: string; kind: SubscriptionKind; propertyName?: string; propertyValue?: string | null }

const TYPE_IDS: Record<ObjectType, string> = { contacts: '0-1', leads: '0-136', meetings: '0-47' };
export const DELIVERY_TIMEOUT_MS = 5000;

const appIdOf = (clientId: string): number => 1_000_000 + (createHash('sha256').update(clientId).digest().readUInt32LE(0) % 8_999_999);

/** `writtenAt`: the write's time, which is also the record's new lastmodifieddate (events are stamped with it). */
export function sendWebhooks(kit: SandboxKit, state: AccountState, changes: ObjectChange[], writtenAt: string): void {
  if (changes.length === 0) return;
  const occurredAt = Date.parse(writtenAt);
  for (const client of kit.tokens.webhookClients()) {
    const appId = appIdOf(client.clientId);
    const body = JSON.stringify(changes.map((c) => ({
      eventId: randomInt(1, 2 ** 47), subscriptionId: appId + 1, portalId: state.hubId, appId, occurredAt,
      subscriptionType: `${c.type === 'contacts' ? 'contact' : 'object'}.${c.kind}`, attemptNumber: 0, objectId: Number(c.objectId),
      ...(c.type === 'contacts' ? {} : { objectTypeId: TYPE_IDS[c.type] }),
      ...(c.propertyName ? { propertyName: c.propertyName, propertyValue: c.propertyValue ?? '' } : {}),
      changeSource: 'CRM_UI',
    })));
    const timestamp = String(kit.clock.now());
    const url = client.webhookUrl!;
    const headers = {
      'content-type': 'application/json', 'user-agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/) (sandbox)',
      [SIGNATURE_HEADER]: signV3(client.clientSecret, { method: 'POST', url, rawBody: body, timestamp }), [TIMESTAMP_HEADER]: timestamp,
    };
    sandboxWebhooks.post(url, { headers, body, timeoutMs: DELIVERY_TIMEOUT_MS }).catch(() => undefined);
  }
}
