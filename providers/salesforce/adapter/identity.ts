import { GatewayError, type AccountIdentity, type AdapterContext } from '../../../src/provider-sdk';
import { version } from './sf-http';

/**
 * The org behind the connection, from its identity URL (reference/providers.md §2.1: `id` in
 * every token response, e.g. `https://login.salesforce.com/id/00D…/005…`). The URL is fetched
 * on the connection's own instance (Salesforce serves `/id/{org}/{user}` on My Domain hosts too,
 * as the "Resources by Version" example shows), so the call stays under the API base. Without the
 * `id` metadata, "Resources by Version" (`GET /services/data/vXX.X`) names it as `identity`.
 * The identity answer has no org name: the name is the org's My Domain host (`urls.custom_domain`).
 */
/** The ids at the end of an identity URL's path (a sandbox serves it under its mount path). */
const IDENTITY_PATH = /\/id\/(00D[A-Za-z0-9]{12,15})\/(005[A-Za-z0-9]{12,15})$/;

interface Identity { organization_id?: unknown; urls?: { custom_domain?: unknown } }

/** `{org}/{user}` of an identity URL, or null when it is not one. */
function identityIds(url: unknown): { org: string; user: string } | null {
  if (typeof url !== 'string') return null;
  try {
    const m = IDENTITY_PATH.exec(new URL(url).pathname);
    return m ? { org: m[1], user: m[2] } : null;
  } catch {
    return null;
  }
}

async function identityUrl(ctx: AdapterContext): Promise<{ org: string; user: string }> {
  const fromToken = identityIds(ctx.connection.metadata.id);
  if (fromToken) return fromToken;
  const resources = await ctx.http.json<{ identity?: unknown }>({ method: 'GET', path: '/services/data/:version', params: { version: version(ctx) } });
  const listed = identityIds(resources.identity);
  if (!listed) throw new GatewayError('PROVIDER_ERROR', { message: 'Salesforce named no identity URL' });
  return listed;
}

function hostOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

export async function identify(ctx: AdapterContext): Promise<AccountIdentity> {
  const ids = await identityUrl(ctx);
  const identity = await ctx.http.json<Identity>({ method: 'GET', path: '/id/:org/:user', params: ids });
  if (typeof identity.organization_id !== 'string') throw new GatewayError('PROVIDER_ERROR', { message: 'Salesforce identity carried no organization_id' });
  return { providerAccountId: identity.organization_id, providerAccountName: hostOf(identity.urls?.custom_domain) };
}
