import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeKey } from './encryption-key';

/**
 * Every setting comes from the environment, parsed and validated once at start. A bad value stops
 * the gateway with a message naming the variable.
 */
export interface Config {
  port: number;
  host: string;
  /** The gateway's public base URL (OAuth callbacks, connect URLs, sandbox URLs in test mode). */
  publicUrl: string;
  dataDir: string;
  mongodbUri: string | null;
  redisUrl: string | null;
  /** How long a resolved end user / connection is served from memory (src/store/cached-resolution.ts); 0: not at all. */
  resolutionCacheTtlMs: number;
  /** 32-byte key (base64 or hex), or null to use/create the key file under dataDir. */
  encryptionKey: string | null;
  /**
   * A file holding the key (e.g. a mounted secret), used when ENCRYPTION_KEY is unset; checked when
   * the config is loaded. Null: the generated `<dataDir>/encryption.key`.
   */
  encryptionKeyFile: string | null;
  /** Retired keys still accepted for decryption while stored values move to the current key (rotation). */
  encryptionPreviousKeys: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  /** Gateway's own per-key limit: requests per window. */
  rateLimitPerKey: number;
  rateLimitWindowSeconds: number;
  /** Serve the provider sandboxes under /sandbox (test mode). Off in production if you wish. */
  sandboxEnabled: boolean;
  /** Overrides every sandbox's access-token lifetime (tests make it short). */
  sandboxTokenTtlSeconds: number | null;
  /**
   * Where test mode reaches the sandboxes when they do not run inside this gateway (benchmarks, a
   * shared sandbox process): a URL template whose `{provider}` is replaced by the provider id, e.g.
   * `http://127.0.0.1:4010/{provider}` or `http://127.0.0.1:4010` for a single provider. Null: the
   * in-process mount `<publicUrl>/sandbox/<id>`.
   */
  sandboxBaseUrl: string | null;
  shutdownGraceMs: number;
  /**
   * How long an Idempotency-Key whose request is running stays held without a renewal: a little
   * over the longest provider request deadline (30 s, src/resilience/policy-book.ts), renewed while
   * the request runs, so a key a crashed process held is free again this long after the crash.
   */
  idempotencyLeaseMs: number;
  /** Server-side limits on slow clients (src/http/server.ts); the headers timeout may not exceed the request timeout. */
  httpTimeouts: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number };
  /** Let live webhooks reach private, loopback and link-local addresses (self-hosters with internal receivers). */
  webhookAllowPrivateUrls: boolean;
  /** Live OAuth client credentials per provider, read from the env names each manifest declares. */
  env: Record<string, string | undefined>;
}

interface RawEnv {
  PORT: number; HOST: string; PUBLIC_URL?: string; DATA_DIR: string; MONGODB_URI?: string; REDIS_URL?: string; RESOLUTION_CACHE_TTL_MS: number;
  ENCRYPTION_KEY?: string; ENCRYPTION_KEY_FILE?: string; ENCRYPTION_PREVIOUS_KEYS?: string; LOG_LEVEL: Config['logLevel']; BODY_LIMIT_BYTES: number; RATE_LIMIT_PER_KEY: number;
  RATE_LIMIT_WINDOW_SECONDS: number; SANDBOX_ENABLED: boolean; SANDBOX_TOKEN_TTL_SECONDS?: number; SANDBOX_BASE_URL?: string; SHUTDOWN_GRACE_MS: number;
  IDEMPOTENCY_LEASE_MS: number;
  HTTP_HEADERS_TIMEOUT_MS: number; HTTP_REQUEST_TIMEOUT_MS: number; HTTP_KEEP_ALIVE_TIMEOUT_MS: number; WEBHOOK_ALLOW_PRIVATE_URLS: boolean;
}

/** One 32-byte key as base64 (44 chars) or hex (64 chars). */
const KEY = '([A-Za-z0-9+/]{43}=|[A-Fa-f0-9]{64})';

const schema = {
  type: 'object',
  properties: {
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    HOST: { type: 'string', minLength: 1, default: '0.0.0.0' },
    PUBLIC_URL: { type: 'string', pattern: '^https?://[^/]+(/.*)?$' },
    DATA_DIR: { type: 'string', minLength: 1, default: './data' },
    MONGODB_URI: { type: 'string', pattern: '^mongodb(\\+srv)?://' },
    REDIS_URL: { type: 'string', pattern: '^rediss?://' },
    RESOLUTION_CACHE_TTL_MS: { type: 'integer', minimum: 0, maximum: 3600000, default: 5000 },
    ENCRYPTION_KEY: { type: 'string', pattern: `^${KEY}$` },
    ENCRYPTION_KEY_FILE: { type: 'string', minLength: 1 },
    ENCRYPTION_PREVIOUS_KEYS: { type: 'string', pattern: `^\\s*${KEY}(\\s*,\\s*${KEY})*\\s*$` },
    LOG_LEVEL: { type: 'string', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    BODY_LIMIT_BYTES: { type: 'integer', minimum: 1024, default: 1048576 },
    RATE_LIMIT_PER_KEY: { type: 'integer', minimum: 1, default: 6000 },
    RATE_LIMIT_WINDOW_SECONDS: { type: 'integer', minimum: 1, default: 60 },
    SANDBOX_ENABLED: { type: 'boolean', default: true },
    SANDBOX_TOKEN_TTL_SECONDS: { type: 'integer', minimum: 1 },
    SANDBOX_BASE_URL: { type: 'string', pattern: '^https?://[^/]+(/.*)?$' },
    SHUTDOWN_GRACE_MS: { type: 'integer', minimum: 0, default: 10000 },
    IDEMPOTENCY_LEASE_MS: { type: 'integer', minimum: 100, maximum: 3600000, default: 40000 },
    HTTP_HEADERS_TIMEOUT_MS: { type: 'integer', minimum: 100, default: 20000 },
    HTTP_REQUEST_TIMEOUT_MS: { type: 'integer', minimum: 100, default: 30000 },
    HTTP_KEEP_ALIVE_TIMEOUT_MS: { type: 'integer', minimum: 100, default: 65000 },
    WEBHOOK_ALLOW_PRIVATE_URLS: { type: 'boolean', default: false },
  },
  additionalProperties: true,
} as const;

export class ConfigError extends Error {}

const ajv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: true, strict: false });
const validate = ajv.compile<RawEnv>(schema);

const HINTS: Record<string, string> = {
  ENCRYPTION_KEY: '32 random bytes as base64 (44 chars) or hex (64 chars), e.g. `openssl rand -base64 32`',
  ENCRYPTION_PREVIOUS_KEYS: 'comma-separated keys, each 32 bytes as base64 (44 chars) or hex (64 chars)',
  PUBLIC_URL: 'an http(s) URL such as https://gateway.example.com',
  MONGODB_URI: 'a mongodb:// or mongodb+srv:// URI',
  REDIS_URL: 'a redis:// or rediss:// URL',
  SANDBOX_BASE_URL: 'an http(s) URL, optionally with a {provider} placeholder',
};

/** Parses and validates the environment. Empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const v = env[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  if (!validate(raw)) {
    const messages = (validate.errors ?? []).map((e) => {
      const name = e.instancePath.replace(/^\//, '');
      return `${name}: ${e.message ?? 'is invalid'}${HINTS[name] ? ` (expected ${HINTS[name]})` : ''}`;
    });
    throw new ConfigError(`Invalid configuration: ${messages.join('; ')}`);
  }
  const r = raw as unknown as RawEnv;
  if (r.HTTP_HEADERS_TIMEOUT_MS > r.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError('Invalid configuration: HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS');
  }
  const encryptionKeyFile = r.ENCRYPTION_KEY || !r.ENCRYPTION_KEY_FILE ? null : path.resolve(r.ENCRYPTION_KEY_FILE);
  if (encryptionKeyFile) checkKeyFile(encryptionKeyFile);
  if (r.HTTP_HEADERS_TIMEOUT_MS > r.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError('Invalid configuration: HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS');
  }
  const publicUrl = (r.PUBLIC_URL ?? `http://localhost:${r.PORT}`).replace(/\/$/, '');
  return {
    port: r.PORT,
    host: r.HOST,
    publicUrl,
    dataDir: path.resolve(r.DATA_DIR),
    mongodbUri: r.MONGODB_URI ?? null,
    redisUrl: r.REDIS_URL ?? null,
    resolutionCacheTtlMs: r.RESOLUTION_CACHE_TTL_MS,
    encryptionKey: r.ENCRYPTION_KEY ?? null,
    encryptionKeyFile,
    encryptionPreviousKeys: r.ENCRYPTION_PREVIOUS_KEYS ? r.ENCRYPTION_PREVIOUS_KEYS.split(',').map((k) => k.trim()) : [],
    logLevel: r.LOG_LEVEL,
    bodyLimitBytes: r.BODY_LIMIT_BYTES,
    rateLimitPerKey: r.RATE_LIMIT_PER_KEY,
    rateLimitWindowSeconds: r.RATE_LIMIT_WINDOW_SECONDS,
    sandboxEnabled: r.SANDBOX_ENABLED,
    sandboxTokenTtlSeconds: r.SANDBOX_TOKEN_TTL_SECONDS ?? null,
    sandboxBaseUrl: r.SANDBOX_BASE_URL ? r.SANDBOX_BASE_URL.replace(/\/$/, '') : null,
    shutdownGraceMs: r.SHUTDOWN_GRACE_MS,
    idempotencyLeaseMs: r.IDEMPOTENCY_LEASE_MS,
    httpTimeouts: { headersTimeoutMs: r.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: r.HTTP_REQUEST_TIMEOUT_MS, keepAliveTimeoutMs: r.HTTP_KEEP_ALIVE_TIMEOUT_MS },
    webhookAllowPrivateUrls: r.WEBHOOK_ALLOW_PRIVATE_URLS,
    env: { ...env },
  };
}

/** ENCRYPTION_KEY_FILE is read at start: a missing, unreadable or malformed file stops the gateway here. */
function checkKeyFile(file: string): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`Invalid configuration: ENCRYPTION_KEY_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (decodeKey(text) === null) {
    throw new ConfigError(`Invalid configuration: ENCRYPTION_KEY_FILE: ${file} does not hold a key (expected ${HINTS.ENCRYPTION_KEY})`);
  }
}
