import type { SandboxKit } from '../../../src/provider-sdk';

/**
 * Per-instance switches of the Salesforce sandbox. Refresh Token Rotation is an optional setting of
 * a Connected App / External Client App, off by default (reference/providers.md §2.1), so it is a
 * switch here: tests flip it on the running instance, `createSalesforceSandbox` sets it at build time.
 */
export interface SalesforceSandboxSettings {
  /** When on, every refresh returns a new refresh token and reusing an old one revokes the grant. */
  refreshTokenRotation: boolean;
}

const byKit = new WeakMap<SandboxKit, SalesforceSandboxSettings>();

export function salesforceSettings(kit: SandboxKit): SalesforceSandboxSettings {
  let s = byKit.get(kit);
  if (!s) { s = { refreshTokenRotation: false }; byKit.set(kit, s); }
  return s;
}
