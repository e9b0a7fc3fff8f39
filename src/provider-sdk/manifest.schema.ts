import type { JSONSchemaType } from 'ajv';
import { MEETING_ACTIONS, OPERATIONS, type ProviderManifest } from './manifest';

const operations = { type: 'array', items: { type: 'string', enum: [...OPERATIONS] }, uniqueItems: true, nullable: true } as const;
const meetingOperations = { type: 'array', items: { type: 'string', enum: [...OPERATIONS, ...MEETING_ACTIONS] }, uniqueItems: true, nullable: true } as const;
const detection = { type: 'string', enum: ['poll', 'webhook'], nullable: true } as const;
const listOnly = { type: 'array', items: { type: 'string', enum: ['list'] }, minItems: 1, uniqueItems: true, nullable: true } as const;
const url = { type: 'string', format: 'uri', pattern: '^https://' } as const;
/** A live https URL, or a template over the connection's config: `{config.baseUrl}` (+ a path). */
const baseUrl = { type: 'string', anyOf: [url, { pattern: '^\\{config\\.[A-Za-z][A-Za-z0-9_]*\\}(/[^{}]*)?$' }] } as const;

const oauth2Scheme = {
  type: 'object', additionalProperties: false,
  required: ['type', 'authorizeUrl', 'tokenUrl', 'scopes', 'scopeSeparator', 'sendScope', 'pkce', 'clientAuth', 'tokenMetadata',
    'refreshTokenRotation', 'refreshMarginSeconds', 'clientIdEnv', 'clientSecretEnv'],
  properties: {
    type: { const: 'oauth2' },
    authorizeUrl: url, tokenUrl: url, refreshUrl: url, revokeUrl: url,
    scopes: { type: 'array', items: { type: 'string', minLength: 1 } },
    scopeSeparator: { type: 'string', enum: [' ', ','] },
    sendScope: { type: 'boolean' },
    pkce: { type: 'boolean' },
    clientAuth: { type: 'string', enum: ['body', 'basic'] },
    tokenMetadata: { type: 'array', items: { type: 'string', pattern: '^[a-z_]+$' } },
    refreshTokenRotation: { type: 'string', enum: ['never', 'always', 'optional'] },
    refreshMarginSeconds: { type: 'integer', minimum: 0 },
    defaultTokenLifetimeSeconds: { type: 'integer', minimum: 1 },
    extraAuthorizeParams: { type: 'object', required: [], additionalProperties: { type: 'string' } },
    clientIdEnv: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' },
    clientSecretEnv: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' },
  },
} as const;

const apiKeyScheme = {
  type: 'object', additionalProperties: false, required: ['type', 'in', 'name', 'verifyPath'],
  properties: {
    type: { const: 'api_key' },
    in: { type: 'string', enum: ['header', 'query'] },
    // An HTTP header token (RFC 9110) or a query parameter name.
    name: { type: 'string', pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$" },
    value: { type: 'string', pattern: '\\{key\\}', maxLength: 200 },
    verifyPath: { type: 'string', pattern: '^/' },
    sandboxIssuePath: { type: 'string', pattern: '^/' },
    scopes: { type: 'array', items: { type: 'string' } },
  },
} as const;

const configField = {
  type: 'object', additionalProperties: false, required: ['name', 'label', 'format'],
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' },
    label: { type: 'string', minLength: 1, maxLength: 100 },
    format: { type: 'string', enum: ['uri', 'hostname', 'text'] },
    required: { type: 'boolean' },
    description: { type: 'string', maxLength: 500 },
  },
} as const;

/** An HTTP header name (RFC 9110 token). */
const headerName = { type: 'string', pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$" } as const;
const rateCountHeader = { type: 'object', additionalProperties: false, required: ['name'], properties: { name: headerName } } as const;

/** JSON Schema of manifest.json; the registry validates every provider against it at start. */
export const manifestSchema: JSONSchemaType<ProviderManifest> = {
  $id: 'provider-manifest',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'category', 'auth', 'resources', 'api', 'rateLimit', 'breaker', 'retry'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,39}$' },
    name: { type: 'string', minLength: 1 },
    category: { type: 'string', enum: ['crm', 'pms', 'scheduling'] },
    // At most one scheme of each type (the registry checks it): a connection records the type it was made with.
    auth: { type: 'array', minItems: 1, maxItems: 2, items: { oneOf: [oauth2Scheme, apiKeyScheme] } },
    connectionConfig: { type: 'array', nullable: true, maxItems: 10, items: configField },
    docsUrl: { ...url, nullable: true },
    resources: {
      type: 'object', additionalProperties: false, minProperties: 1,
      properties: {
        contacts: operations, leads: operations, meetings: meetingOperations,
        users: listOnly, bookingPages: listOnly, availability: listOnly,
      },
    },
    changeDetection: {
      type: 'object', additionalProperties: false, nullable: true, required: [],
      properties: { contacts: detection, leads: detection, meetings: detection },
    },
    api: {
      type: 'object', additionalProperties: false, required: ['baseUrl', 'timeoutMs'],
      properties: {
        baseUrl,
        baseUrlFromMetadata: { type: 'string', nullable: true },
        version: { type: 'string', nullable: true },
        timeoutMs: { type: 'integer', minimum: 100, maximum: 120000 },
      },
    },
    rateLimit: {
      type: 'object', additionalProperties: false, required: ['requests', 'intervalMs', 'margin'],
      properties: {
        requests: { type: 'integer', minimum: 1 },
        intervalMs: { type: 'integer', minimum: 1 },
        margin: { type: 'number', minimum: 0, maximum: 0.9 },
        followReportedLimit: { type: 'boolean' },
        headers: {
          type: 'object', additionalProperties: false,
          properties: {
            limit: rateCountHeader, remaining: rateCountHeader,
            reset: {
              type: 'object', additionalProperties: false, required: ['name', 'format'],
              properties: { name: headerName, format: { type: 'string', enum: ['epoch_seconds', 'seconds_until', 'ms_until'] } },
            },
            usage: {
              type: 'object', additionalProperties: false, required: ['name', 'pattern'],
              properties: {
                name: headerName,
                // A valid regular expression with a `limit` group and a `used` or `remaining` one.
                pattern: {
                  type: 'string', format: 'regex', maxLength: 200,
                  allOf: [{ pattern: '\\(\\?<limit>' }, { anyOf: [{ pattern: '\\(\\?<used>' }, { pattern: '\\(\\?<remaining>' }] }],
                },
              },
            },
          },
        },
      },
    },
    breaker: {
      type: 'object', additionalProperties: false,
      required: ['errorThresholdPercentage', 'volumeThreshold', 'resetTimeoutMs', 'rollingCountTimeoutMs'],
      properties: {
        errorThresholdPercentage: { type: 'integer', minimum: 1, maximum: 100 },
        volumeThreshold: { type: 'integer', minimum: 1 },
        resetTimeoutMs: { type: 'integer', minimum: 100 },
        rollingCountTimeoutMs: { type: 'integer', minimum: 1000 },
      },
    },
    retry: {
      type: 'object', additionalProperties: false, required: ['retries', 'minTimeoutMs', 'maxTimeoutMs'],
      properties: {
        retries: { type: 'integer', minimum: 0, maximum: 10 },
        minTimeoutMs: { type: 'integer', minimum: 0 },
        maxTimeoutMs: { type: 'integer', minimum: 0 },
        idempotencyKeyHeader: { type: 'string', nullable: true },
      },
    },
  },
} as unknown as JSONSchemaType<ProviderManifest>;
