import type { Store, ConnectSession, Scope } from '../store/types';
import { InvalidConnectTokenError } from '../errors';
import { randomId, randomSecret, sha256Hex } from './secrets';

/** A connect token lives 30 minutes (API.md § End users). */
export const CONNECT_TOKEN_TTL_MS = 30 * 60 * 1000;
export const CONNECT_TOKEN_PREFIX = 'ct_';

export interface MintInput { endUserId: string; providers: string[] | null; allowedOrigin: string | null }

/**
 * Connect tokens: random, stored only as a SHA-256 hash, bound to account, mode, end user,
 * providers and origin. Single use is enforced when a connection completes (ConnectionService).
 */
export class ConnectTokens {
  constructor(private readonly store: Store, private readonly now: () => number = () => Date.now()) {}

  async mint(scope: Scope, input: MintInput): Promise<{ token: string; session: ConnectSession }> {
    const token = randomSecret(CONNECT_TOKEN_PREFIX, 32);
    const now = this.now();
    const session = await this.store.connectSessions.create({
      id: randomId('cs_'), tokenHash: sha256Hex(token), accountId: scope.accountId, mode: scope.mode,
      endUserId: input.endUserId, providers: input.providers, allowedOrigin: input.allowedOrigin,
      expiresAt: new Date(now + CONNECT_TOKEN_TTL_MS).toISOString(), usedAt: null, createdAt: new Date(now).toISOString(),
    });
    return { token, session };
  }

  /** The live session behind a token; anything else (missing, unknown, expired, used) is INVALID_CONNECT_TOKEN. */
  async resolve(token: unknown): Promise<ConnectSession> {
    if (typeof token !== 'string' || !token.startsWith(CONNECT_TOKEN_PREFIX) || token.length > 200) throw new InvalidConnectTokenError();
    const session = await this.store.connectSessions.findByTokenHash(sha256Hex(token));
    if (!session) throw new InvalidConnectTokenError();
    this.assertLive(session);
    return session;
  }

  /** Throws unless the session is unexpired and unused. */
  assertLive(session: ConnectSession): void {
    if (session.usedAt !== null) throw new InvalidConnectTokenError('Connect token was already used to complete a connection');
    if (Date.parse(session.expiresAt) <= this.now()) throw new InvalidConnectTokenError('Connect token has expired');
  }
}

/** Whether a session may connect this provider (null = every provider). */
export function sessionAllows(session: ConnectSession, providerId: string): boolean {
  return session.providers === null || session.providers.includes(providerId);
}
