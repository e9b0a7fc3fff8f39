import type { SandboxHost } from '../sandbox/host';

/**
 * The sandbox account a test-mode credential belongs to (recorded as connection metadata so that
 * faults and stats can target one end user's connection). OAuth tokens come from the kit's token
 * service; other credentials (personal access tokens) are kit-sealed claims behind a short
 * `<letters>_` prefix, whose `acc` names the account.
 */
export function sandboxAccountOf(sandboxes: SandboxHost | null, providerId: string, credential: string): string | null {
  const kit = sandboxes?.get(providerId)?.kit;
  if (!kit) return null;
  const fromOAuth = kit.tokens.accountOf(credential);
  if (fromOAuth) return fromOAuth;
  const sealed = kit.unseal<{ acc?: unknown }>(credential.replace(/^[A-Za-z]{1,16}_/, ''));
  return sealed && typeof sealed.acc === 'string' ? sealed.acc : null;
}
