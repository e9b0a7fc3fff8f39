import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import { systemClock, type Clock } from './clock';
import { FaultQueue, type ActiveFault, type FaultSpec, type FaultKind } from './faults';
import type { SandboxCaller } from './caller';
import { StatsRecorder } from './stats';
import { RateWindows } from './rate-windows';
import { TokenService, type OAuthClient } from './oauth-tokens';
import { seededRng, type Rng } from './random';

/**
 * Everything generic a provider's sandbox needs, handed to its `create(kit)`: OAuth state, seeded
 * per-account data, fault queues, budgets, stats and a clock. Nothing here knows a provider.
 */
export interface SandboxKitOptions {
  providerId: string;
  clock?: Clock;
  /** Signs sandbox tokens; stable across restarts so stored connections keep working. */
  secret: string;
  accessTokenTtlSeconds: number;
  codeTtlSeconds?: number;
  accessPrefix?: string;
  refreshPrefix?: string;
  clients?: OAuthClient[];
}

/** Hooks a provider gives `gate()` so faults come out in its own wire format. */
export type TokenFaultKind = 'revoke_token' | 'expire_token';

/**
 * What a fault applies to: a whole sandbox account (the sandbox's own view, e.g. its tests), or
 * some grants (the gateway's view: the credentials of one tenant's connections, never another's).
 */
export type FaultTarget = { account: string } | { grants: readonly string[] };

export interface FaultRenderers {
  rateLimited(ctx: Context, retryAfterSeconds: number): void;
  serverError(ctx: Context): void;
}

export class SandboxKit {
  readonly providerId: string;
  readonly clock: Clock;
  readonly tokens: TokenService;
  /** Faults queued per sandbox account and per grant (two key spaces: an account may be named like a grant). */
  readonly faults: FaultQueue;
  readonly grantFaults: FaultQueue;
  readonly stats = new StatsRecorder();
  readonly limits: RateWindows;
  private readonly data = new Map<string, unknown>();
  private readonly tokenFaultListeners: ((target: FaultTarget, kind: TokenFaultKind) => void)[] = [];
  private readonly credentialResolvers: ((credential: string) => SandboxCaller | null)[] = [];
  private readonly sealKey: string;

  constructor(opts: SandboxKitOptions) {
    this.providerId = opts.providerId;
    this.clock = opts.clock ?? systemClock;
    this.sealKey = `${opts.secret}:${opts.providerId}:seal`;
    this.tokens = new TokenService({
      clock: this.clock, secret: `${opts.secret}:${opts.providerId}`, accessTokenTtlSeconds: opts.accessTokenTtlSeconds,
      codeTtlSeconds: opts.codeTtlSeconds, accessPrefix: opts.accessPrefix, refreshPrefix: opts.refreshPrefix,
    });
    for (const c of opts.clients ?? []) this.tokens.registerClient(c);
    this.faults = new FaultQueue(this.clock);
    this.grantFaults = new FaultQueue(this.clock);
    this.limits = new RateWindows(this.clock);
  }

  /** The public base URL of this sandbox as the caller reached it (gateway mount or standalone port). */
  baseUrl(ctx: Context): string {
    const mount = (ctx.req as { sandboxMount?: string }).sandboxMount ?? '';
    return `${ctx.protocol}://${ctx.host}${mount}`;
  }

  /**
   * Signs a small JSON value into an opaque string (e.g. a personal access token or a pagination
   * cursor) that survives restarts; `unseal` returns null for anything altered or foreign.
   */
  seal(value: unknown): string {
    const body = Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${body}.${createHmac('sha256', this.sealKey).update(body).digest('base64url')}`;
  }

  unseal<T>(token: string): T | null {
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return null;
    const body = token.slice(0, dot);
    const expected = createHmac('sha256', this.sealKey).update(body).digest();
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try { return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T; } catch { return null; }
  }

  /** A new random account id for a grant that did not name one. */
  newAccountId(): string { return randomBytes(6).toString('hex'); }

  rng(accountId: string, stream = 'seed'): Rng { return seededRng(`${this.providerId}:${accountId}:${stream}`); }

  /** The account's mutable state, seeded on first use from its id (deterministic). */
  account<T>(accountId: string, seed: (rng: Rng, accountId: string) => T): T {
    let state = this.data.get(accountId) as T | undefined;
    if (state === undefined) {
      state = seed(this.rng(accountId), accountId);
      this.data.set(accountId, state);
    }
    return state;
  }

  /**
   * Queues a fault for a sandbox account (a bare string) or for some grants; token faults take
   * effect at once, on the OAuth token service and on whatever other credentials the sandbox issues
   * (onTokenFault). A fault for several grants is one fault: `count` requests across all of them.
   */
  injectFault(target: string | FaultTarget, kind: FaultKind, spec: Omit<FaultSpec, 'kind'> = {}): void {
    const t: FaultTarget = typeof target === 'string' ? { account: target } : target;
    if (kind === 'revoke_token' || kind === 'expire_token') {
      if ('account' in t) {
        if (kind === 'revoke_token') this.tokens.revokeAccount(t.account); else this.tokens.expireAccount(t.account);
      } else {
        for (const g of t.grants) if (kind === 'revoke_token') this.tokens.revokeGrant(g); else this.tokens.expireGrant(g);
      }
      for (const listener of this.tokenFaultListeners) listener(t, kind);
      return;
    }
    if ('account' in t) this.faults.enqueue(t.account, { ...spec, kind });
    else if (t.grants.length > 0) this.grantFaults.enqueue(t.grants, { ...spec, kind });
  }

  /** For sandboxes whose credentials are not the kit's OAuth tokens (e.g. personal access tokens). */
  onTokenFault(listener: (target: FaultTarget, kind: TokenFaultKind) => void): void {
    this.tokenFaultListeners.push(listener);
  }

  /** Teaches callerOf() a credential format of the sandbox's own (e.g. personal access tokens). */
  resolveCredentials(resolver: (credential: string) => SandboxCaller | null): void {
    this.credentialResolvers.push(resolver);
  }

  /** Account and grant of a credential (OAuth token, or one the sandbox registered a resolver for), whatever its state. */
  callerOf(credential: string): SandboxCaller | null {
    const fromOAuth = this.tokens.callerOf(credential);
    if (fromOAuth) return fromOAuth;
    for (const resolve of this.credentialResolvers) {
      const caller = resolve(credential);
      if (caller) return caller;
    }
    return null;
  }

  /** The sandbox account a credential belongs to. */
  accountOf(credential: string): string | null {
    return this.callerOf(credential)?.accountId ?? null;
  }

  /**
   * Call once a request is tied to a caller: records it in the stats and applies a queued fault
   * (its grant's first, then its account's). Returns false when the fault answered (or dropped)
   * the request. A bare account id is a caller without a grant.
   */
  async gate(ctx: Context, who: string | SandboxCaller, render: FaultRenderers, statsPath = ctx.path): Promise<boolean> {
    const caller: SandboxCaller = typeof who === 'string' ? { accountId: who, grantId: null } : who;
    (ctx.state as { sandboxCaller?: SandboxCaller }).sandboxCaller = caller;
    this.stats.request(caller, ctx.method, statsPath);
    const fault = this.grantFaults.take(caller.grantId) ?? this.faults.take(caller.accountId);
    if (!fault) return true;
    return this.applyFault(ctx, caller, fault, render);
  }

  /** The caller gate() saw for this request, for events counted later in it (a provider's own 429s). */
  callerIn(ctx: Context, accountId: string): SandboxCaller {
    const seen = (ctx.state as { sandboxCaller?: SandboxCaller }).sandboxCaller;
    return seen && seen.accountId === accountId ? seen : { accountId, grantId: null };
  }

  /** Whole-state reset for tests. */
  reset(): void {
    this.data.clear();
    this.faults.clear();
    this.grantFaults.clear();
    this.stats.reset();
    this.limits.reset();
  }

  private async applyFault(ctx: Context, caller: SandboxCaller, fault: ActiveFault, render: FaultRenderers): Promise<boolean> {
    switch (fault.kind) {
      case 'latency':
        await new Promise((r) => setTimeout(r, fault.latencyMs));
        return true;
      case 'rate_limit':
        this.stats.rateLimited(caller);
        render.rateLimited(ctx, fault.retryAfterSeconds);
        return false;
      case 'server_error':
        render.serverError(ctx);
        return false;
      case 'timeout':
        // Hang until the client gives up; the socket closing ends the request.
        await new Promise<void>((resolve) => {
          ctx.req.socket.once('close', () => resolve());
        });
        ctx.respond = false;
        return false;
    }
  }
}
