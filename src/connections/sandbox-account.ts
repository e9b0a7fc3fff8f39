import type { SandboxHost } from '../sandbox/host';

/**
 * The sandbox account a test-mode credential belongs to (recorded as connection metadata so that
 * faults and stats can target one end user's connection), or null outside the in-process sandboxes.
 */
export function sandboxAccountOf(sandboxes: SandboxHost | null, providerId: string, credential: string): string | null {
  return sandboxes?.get(providerId)?.kit.accountOf(credential) ?? null;
}
