import type { JSONSchemaType } from 'ajv';
import { OPERATIONS, type ProviderManifest } from './manifest';

const operations = { type: 'array', items: { type: 'string', enum: [...OPERATIONS] }, uniqueItems: true, nullable: true } as const;
const url = { type: 'string', format: 'uri', pattern: '^https://' } as const;

/** An HTTP header name (RFC 9110 token). */
const headerName = { type: 'string', pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$" } as const;
const rateCountHeader = { type: 'object', additionalProperties: false, required: ['name'], properties: { name: headerName } } as const;

/** JSON Schema of manifest.json; the registry validates every provider against it at start. */
export const manifestSchema: JSONSchemaType<ProviderManifest> = {
  $id: 'provider-manifest',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'category', 'authType', 'resources', 'api', 'rateLimit', 'breaker', 'retry'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,39}$' },
    name: { type: 'string', minLength: 1 },
    category: { type: 'string', enum: ['crm', 'scheduling'] },
    authType: { type: 'string', enum: ['oauth2', 'api_key'] },
    docsUrl: { ...url, nullable: true },
    resources: {
      type: 'object', additionalProperties: false, minProperties: 1,
      properties: { contacts: operations, leads: operations, meetings: operations },
    },
    oauth: {
      type: 'object', nullable: true, additionalProperties: false,
      required: ['authorizeUrl', 'tokenUrl', 'scopes', 'scopeSeparator', 'sendScope', 'pkce', 'clientAuth', 'tokenMetadata',
        'refreshTokenRotation', 'refreshMarginSeconds', 'clientIdEnv', 'clientSecretEnv'],
      properties: {
        authorizeUrl: url, tokenUrl: url, refreshUrl: { ...url, nullable: true }, revokeUrl: { ...url, nullable: true },
        scopes: { type: 'array', items: { type: 'string', minLength: 1 } },
        scopeSeparator: { type: 'string', enum: [' ', ','] },
        sendScope: { type: 'boolean' },
        pkce: { type: 'boolean' },
        clientAuth: { type: 'string', enum: ['body', 'basic'] },
        tokenMetadata: { type: 'array', items: { type: 'string', pattern: '^[a-z_]+$' } },
        refreshTokenRotation: { type: 'string', enum: ['never', 'always', 'optional'] },
        refreshMarginSeconds: { type: 'integer', minimum: 0 },
        defaultTokenLifetimeSeconds: { type: 'integer', minimum: 1, nullable: true },
        extraAuthorizeParams: { type: 'object', nullable: true, required: [], additionalProperties: { type: 'string' } },
        clientIdEnv: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' },
        clientSecretEnv: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' },
      },
    },
    apiKey: {
      type: 'object', nullable: true, additionalProperties: false, required: ['scheme', 'verifyPath'],
      properties: {
        scheme: { type: 'string', enum: ['bearer'] },
        verifyPath: { type: 'string', pattern: '^/' },
        sandboxIssuePath: { type: 'string', pattern: '^/', nullable: true },
        scopes: { type: 'array', items: { type: 'string' }, nullable: true },
      },
    },
    api: {
      type: 'object', additionalProperties: false, required: ['baseUrl', 'timeoutMs'],
      properties: {
        baseUrl: url,
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
  if: { properties: { authType: { const: 'oauth2' } } },
  then: { required: ['oauth'] },
  else: { required: ['apiKey'] },
} as unknown as JSONSchemaType<ProviderManifest>;
