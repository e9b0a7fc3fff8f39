import type { CredentialsCipher } from '../connections/credentials-crypto';

/**
 * Idempotent responses are kept for 24 h so that a retry replays them, and some carry a secret
 * shown only once (a new API key, a webhook signing secret, a connect token). Their bodies are
 * therefore stored sealed with the credentials cipher (AES-256-GCM, key id inside: `v1.<kid>.…`).
 */
const SEALED = /^v1\./;

export function sealResponseBody(cipher: CredentialsCipher, body: string): string {
  return cipher.encrypt(body);
}

/**
 * The stored body as it was sent. A body stored before bodies were sealed is plain JSON (never
 * starting with `v1.`) and is read as it is: sqlite's migration 2 dropped those, MongoDB's TTL
 * index removes them within 24 h of the upgrade.
 */
export function openResponseBody(cipher: CredentialsCipher, stored: string): string {
  return SEALED.test(stored) ? cipher.decrypt(stored) : stored;
}
