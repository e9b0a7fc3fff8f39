import type { ProviderDefinition } from '../provider-sdk/define-provider';

/** What an adapter's optional `onConnected` hook receives: enough to ask the provider who this is. */
export interface ConnectedHookInput { accessToken: string; apiBase: string; metadata: Record<string, string> }
type OnConnected = (input: ConnectedHookInput) => Promise<{ providerAccountId?: string | null } | string | null | undefined>;

/**
 * Calls the adapter's optional `onConnected` hook for the provider account id (portal id, org id).
 * The hook is read structurally because the adapter interface grows with the unified-resources
 * work; a failing hook must not lose a consent the user just gave, so it yields null.
 */
export async function providerAccountIdFor(def: ProviderDefinition, input: ConnectedHookInput): Promise<string | null> {
  const hook = (def.adapter as { onConnected?: unknown } | undefined)?.onConnected;
  if (typeof hook !== 'function') return null;
  try {
    const result = await (hook as OnConnected).call(def.adapter, input);
    if (typeof result === 'string') return result;
    return result?.providerAccountId ?? null;
  } catch {
    return null;
  }
}
