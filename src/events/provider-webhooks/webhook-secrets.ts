import { createHmac, randomBytes } from 'node:crypto';
import type { AppDeps } from '../../app-deps';
import type { Mode } from '../../store/types';
import type { ProviderDefinition } from '../../provider-sdk/define-provider';
import type { ProviderWebhooks, WebhookRequest } from '../../provider-sdk/webhooks';

const MODES: readonly Mode[] = ['test', 'live'];
const INSTANCE_SECRET = 'provider-webhooks';

/** A secret a delivery may be signed with, and what it proves: the mode, and for subscriptions the provider account. */
export interface CandidateSecret { mode: Mode; secret: string; providerAccountId: string | null }

/**
 * The secrets a provider's webhook may be signed with. The secret that verifies decides the mode
 * (a sandbox signs with the test app's secret, the real provider with the live one), so a sandbox
 * delivery can only ever reach test connections. Subscription secrets are derived per provider,
 * mode and provider account from one random instance secret kept sealed in the store: nothing per
 * connection to store or rotate, and a secret given to one account's subscription proves nothing
 * about another account.
 */
export class ProviderWebhookSecrets {
  private instance: Promise<string> | null = null;

  constructor(private readonly deps: Pick<AppDeps, 'store' | 'cipher' | 'oauthClients'>) {}

  async candidates(def: ProviderDefinition, hooks: ProviderWebhooks, request: WebhookRequest): Promise<CandidateSecret[]> {
    if (hooks.secretSource === 'oauth_client') {
      return MODES.flatMap((mode) => {
        const client = this.deps.oauthClients.for(def.manifest, mode);
        return client ? [{ mode, secret: client.clientSecret, providerAccountId: null }] : [];
      });
    }
    const accounts = [...new Set(hooks.accountsOf?.(request) ?? [])].slice(0, 10);
    const out: CandidateSecret[] = [];
    for (const providerAccountId of accounts) {
      for (const mode of MODES) out.push({ mode, secret: await this.subscriptionSecret(def.manifest.id, mode, providerAccountId), providerAccountId });
    }
    return out;
  }

  /** The secret the gateway gives a provider when it subscribes for this account. */
  async subscriptionSecret(providerId: string, mode: Mode, providerAccountId: string): Promise<string> {
    const key = await this.instanceSecret();
    return createHmac('sha256', key).update(JSON.stringify(['provider-webhook', providerId, mode, providerAccountId])).digest('base64url');
  }

  private instanceSecret(): Promise<string> {
    this.instance ??= this.deps.store.instanceSecrets
      .getOrCreate(INSTANCE_SECRET, this.deps.cipher.encrypt(randomBytes(32).toString('base64url')), new Date().toISOString())
      .then((sealed) => this.deps.cipher.decrypt(sealed))
      .catch((err: unknown) => { this.instance = null; throw err; });
    return this.instance;
  }
}
