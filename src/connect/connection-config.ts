import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ConnectionConfigField, ProviderManifest } from '../provider-sdk/manifest';
import type { Mode } from '../store/types';
import { InvalidInputError, type FieldError } from '../errors';

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const compiled = new Map<string, ValidateFunction>();

/**
 * A `uri` field is an https URL; test mode also takes plain http to this machine, where a sandbox
 * or a local emulator runs (the sandbox credentials route hands out the gateway's own mount).
 */
const URI_PATTERN: Record<Mode, string> = {
  live: '^https://[^/?#@\\s]+',
  test: '^(https://[^/?#@\\s]+|http://(localhost|127\\.0\\.0\\.1)(:[0-9]{1,5})?(/|$))',
};

function fieldSchema(field: ConnectionConfigField, mode: Mode): Record<string, unknown> {
  switch (field.format) {
    case 'uri': return { type: 'string', format: 'uri', pattern: URI_PATTERN[mode], maxLength: 2048 };
    case 'hostname': return { type: 'string', format: 'hostname', maxLength: 253 };
    case 'text': return { type: 'string', minLength: 1, maxLength: 500 };
  }
}

function validatorFor(manifest: ProviderManifest, mode: Mode): ValidateFunction {
  const key = `${manifest.id}:${mode}`;
  let validate = compiled.get(key);
  if (!validate) {
    const fields = manifest.connectionConfig ?? [];
    validate = ajv.compile({
      type: 'object', additionalProperties: false,
      required: fields.filter((f) => f.required !== false).map((f) => f.name),
      properties: Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f, mode)])),
    });
    compiled.set(key, validate);
  }
  return validate;
}

/**
 * The connection's `config`, checked against the provider's connectionConfig for the mode: every
 * required field, nothing undeclared, each in its format. Refused as 400 INVALID_INPUT naming
 * `config.<name>`.
 */
export function validateConnectionConfig(manifest: ProviderManifest, mode: Mode, config: unknown): Record<string, string> {
  const value = config ?? {};
  const validate = validatorFor(manifest, mode);
  if (validate(value)) return { ...(value as Record<string, string>) };
  const errors: FieldError[] = (validate.errors ?? []).map((e) => {
    const params = e.params as { missingProperty?: string; additionalProperty?: string };
    const name = params.missingProperty ?? params.additionalProperty ?? e.instancePath.replace(/^\//, '');
    const message = e.keyword === 'required' ? 'is required by this provider'
      : e.keyword === 'additionalProperties' ? 'is not a connection setting of this provider'
        : e.keyword === 'pattern' && mode === 'live' ? 'must be an https URL'
          : e.keyword === 'pattern' ? 'must be an https URL (or http://localhost / http://127.0.0.1 in test mode)'
            : e.message ?? 'is invalid';
    return { field: name ? `config.${name}` : 'config', message };
  });
  throw new InvalidInputError(errors);
}
