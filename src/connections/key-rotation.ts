import type { Store } from '../store';
import type { CredentialsCipher } from './credentials-crypto';

/** How many stored values each aggregate re-sealed. */
export type ResealCounts = Record<'connections' | 'webhooks' | 'oauthStates' | 'instanceSecrets' | 'idempotency', number>;

/**
 * Key rotation's store half: every sealed value the store holds, opened with whichever configured
 * key sealed it and sealed again under the cipher's current key. Values already under the current
 * key are left alone, so running it again (after a crash, or as `rotate-key --finish`) only
 * finishes the job. Each aggregate is one step (one transaction in sqlite); the first value no
 * configured key opens stops the rotation with a DecryptionError.
 */
export async function resealStore(store: Store, cipher: CredentialsCipher): Promise<ResealCounts> {
  const reseal = (sealed: string): string => cipher.reseal(sealed);
  return {
    connections: await store.connections.resealAll(reseal),
    webhooks: await store.webhooks.resealAll(reseal),
    oauthStates: await store.oauthStates.resealAll(reseal),
    instanceSecrets: await store.instanceSecrets.resealAll(reseal),
    idempotency: await store.idempotency.resealAll(reseal),
  };
}
