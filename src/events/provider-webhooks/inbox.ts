import { createHash } from 'node:crypto';
import type { AppDeps } from '../../app-deps';
import type { Mode } from '../../store/types';
import type { InboundChange, ProviderWebhookDelivery } from '../../store/provider-webhook-deliveries';
import type { WebhookRequest } from '../../provider-sdk/webhooks';
import type { ProviderWebhookSecrets } from './webhook-secrets';

export type InboxAnswer = 'stored' | 'duplicate' | 'bad_signature' | 'unknown_provider';

/** Most changes kept from one delivery: providers batch up to about a hundred events per request; more is not a webhook. */
const MAX_CHANGES = 500;

/**
 * The receiving half of provider webhooks: verify, parse, store, answer. Nothing here calls the
 * provider, so the provider gets its answer in milliseconds; the processor reads the changed
 * records afterwards. A delivery that does not verify is refused before anything is stored.
 */
export class ProviderWebhookInbox {
  constructor(
    private readonly deps: Pick<AppDeps, 'registry' | 'store' | 'logger'>,
    private readonly secrets: ProviderWebhookSecrets,
    private readonly onStored: () => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  handles(providerId: string): boolean {
    return this.deps.registry.get(providerId)?.adapter?.webhooks !== undefined;
  }

  async receive(providerId: string, request: WebhookRequest): Promise<InboxAnswer> {
    const def = this.deps.registry.get(providerId);
    const hooks = def?.adapter?.webhooks;
    if (!def || !hooks) return 'unknown_provider';
    const now = this.now();
    const verified = (await this.secrets.candidates(def, hooks, request)).filter((c) => safely(() => hooks.verify(request, c.secret, now)));
    if (verified.length === 0) return 'bad_signature';
    const changes = safely(() => hooks.parse(request).slice(0, MAX_CHANGES), []);
    // The mode is the one whose secret verified; a subscription secret vouches only for its own account.
    const byMode = new Map<Mode, InboundChange[]>();
    for (const c of verified) {
      const own = c.providerAccountId === null ? changes : changes.filter((ch) => ch.providerAccountId === c.providerAccountId);
      byMode.set(c.mode, [...(byMode.get(c.mode) ?? []), ...own]);
    }
    const key = safely(() => hooks.deliveryId?.(request) ?? null, null) ?? createHash('sha256').update(request.rawBody).digest('hex');
    let stored = false;
    for (const [mode, list] of byMode) {
      if (list.length === 0) continue;
      const at = now.toISOString();
      const delivery: ProviderWebhookDelivery = {
        id: `pwd_${createHash('sha256').update(JSON.stringify([providerId, mode, key])).digest('hex').slice(0, 32)}`,
        provider: providerId, mode, changes: list, status: 'pending', attempts: 0, nextAttemptAt: at,
        leaseOwner: null, leaseExpiresAt: null, lastError: null, receivedAt: at, completedAt: null,
      };
      if (await this.deps.store.providerWebhooks.insertOnce(delivery)) stored = true;
    }
    if (stored) this.onStored();
    return stored ? 'stored' : 'duplicate';
  }
}

/** A provider hook throwing on a hostile body is a refusal (or nothing parsed), never a 500. */
function safely<T>(run: () => T, fallback?: T): T {
  try { return run(); } catch { return fallback as T; }
}
