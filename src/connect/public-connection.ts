import type { Connection } from '../store/types';

/** What the API shows of a connection: never its credentials, never its raw token metadata. */
export interface PublicConnection {
  id: string; provider: string; endUserId: string; status: Connection['status']; scopes: string[];
  providerAccountId: string | null; providerAccountName: string | null; createdAt: string; updatedAt: string; lastRefreshedAt: string | null; lastUsedAt: string | null;
}

export function toPublicConnection(c: Connection): PublicConnection {
  return {
    id: c.id, provider: c.provider, endUserId: c.endUserId, status: c.status, scopes: c.scopes,
    providerAccountId: c.providerAccountId, providerAccountName: c.providerAccountName, createdAt: c.createdAt, updatedAt: c.updatedAt,
    lastRefreshedAt: c.lastRefreshedAt, lastUsedAt: c.lastUsedAt,
  };
}

export const publicConnectionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, provider: { type: 'string' }, endUserId: { type: 'string' },
    status: { type: 'string', enum: ['active', 'needs_reauth', 'revoked'] }, scopes: { type: 'array', items: { type: 'string' } },
    providerAccountId: { type: ['string', 'null'], description: 'The account at the provider (portal, org, company id); null until the provider has said' },
    providerAccountName: { type: ['string', 'null'], description: 'Its name (portal name, company name or domain) where the provider exposes one' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' }, lastRefreshedAt: { type: ['string', 'null'] }, lastUsedAt: { type: ['string', 'null'] },
  },
} as const;
