import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { InvalidInputError, MissingRequiredError } from '../errors';

export type JsonSchema = Record<string, unknown>;

/** Bodies are validated as sent; query strings are coerced (they are all strings on the wire). */
const bodyAjv = addFormats(new Ajv({ allErrors: true, strict: false }));
const queryAjv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: true, useDefaults: true }));

const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function compile(ajv: Ajv, schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) { fn = ajv.compile(schema); compiled.set(schema, fn); }
  return fn;
}

/** Compiles once at route registration, so no request pays for schema compilation. */
export function bodyValidator(schema: JsonSchema): (value: unknown) => void {
  const fn = compile(bodyAjv, schema);
  return (value) => { if (!fn(value)) throw toError(fn.errors ?? [], 'body'); };
}

export function queryValidator(schema: JsonSchema): (value: Record<string, unknown>) => void {
  const fn = compile(queryAjv, schema);
  return (value) => { if (!fn(value)) throw toError(fn.errors ?? [], 'query'); };
}

/** Only-missing-fields failures are MISSING_REQUIRED; anything else is INVALID_INPUT listing every field. */
export function toError(errors: ErrorObject[], where: 'body' | 'query'): Error {
  const missing = errors.filter((e) => e.keyword === 'required').map((e) => joinPath(e.instancePath, (e.params as { missingProperty: string }).missingProperty));
  const others = errors.filter((e) => e.keyword !== 'required' && e.keyword !== 'if');
  if (others.length === 0 && missing.length > 0) return new MissingRequiredError([...new Set(missing)]);
  const fieldErrors = [
    ...others.map((e) => ({ field: fieldOf(e, where), message: messageOf(e) })),
    ...missing.map((field) => ({ field, message: 'is required' })),
  ];
  return new InvalidInputError(fieldErrors);
}

function fieldOf(e: ErrorObject, where: string): string {
  if (e.keyword === 'additionalProperties') return joinPath(e.instancePath, (e.params as { additionalProperty: string }).additionalProperty);
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  return path || where;
}

function messageOf(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return 'is not a known field';
  if (e.keyword === 'enum') return `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).join(', ')}`;
  return e.message ?? 'is invalid';
}

function joinPath(instancePath: string, prop: string): string {
  const base = instancePath.replace(/^\//, '').replace(/\//g, '.');
  return base ? `${base}.${prop}` : prop;
}
