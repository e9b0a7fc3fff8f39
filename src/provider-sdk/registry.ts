import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { manifestSchema } from './manifest.schema';
import type { ProviderDefinition } from './define-provider';
import type { Operation, ProviderManifest, ResourceName } from './manifest';

/** Raised when a provider folder is invalid; the message names the folder and the bad field. */
export class ManifestError extends Error {}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(manifestSchema);

/** Validates a manifest object; throws ManifestError naming each bad field (JSON pointer). */
export function validateManifest(manifest: unknown, source = 'manifest.json'): ProviderManifest {
  if (validate(manifest)) return manifest;
  const problems = (validate.errors ?? []).map((e) => {
    const field = e.instancePath || '/';
    const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})`
      : e.keyword === 'required' ? ` (${String((e.params as { missingProperty: string }).missingProperty)})` : '';
    return `${field} ${e.message ?? 'is invalid'}${extra}`;
  });
  throw new ManifestError(`${source}: invalid manifest: ${problems.join('; ')}`);
}

export interface ProviderRegistry {
  list(): ProviderDefinition[];
  get(id: string): ProviderDefinition | undefined;
  ids(): string[];
}

export function createRegistry(definitions: ProviderDefinition[]): ProviderRegistry {
  const byId = new Map<string, ProviderDefinition>();
  for (const def of definitions) {
    const manifest = validateManifest(def.manifest, `providers/${def.manifest?.id ?? '?'}/manifest.json`);
    if (byId.has(manifest.id)) throw new ManifestError(`duplicate provider id ${manifest.id}`);
    crossCheckCapabilities(def);
    crossCheckPolling(def);
    crossCheckAuthAndConfig(manifest);
    byId.set(manifest.id, def);
  }
  const sorted = [...byId.values()].sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
  return { list: () => sorted, get: (id) => byId.get(id), ids: () => sorted.map((d) => d.manifest.id) };
}

/**
 * An adapter implements exactly what the manifest declares: no undeclared resource, and every
 * declared operation. Until a provider has an adapter it only advertises its capabilities.
 */
function crossCheckCapabilities(def: ProviderDefinition): void {
  const resources = def.adapter?.resources;
  if (!resources) return;
  const declared = def.manifest.resources;
  for (const resource of Object.keys(resources)) {
    if (!(resource in declared)) {
      throw new ManifestError(`providers/${def.manifest.id}: adapter implements ${resource}, which manifest.json does not declare`);
    }
  }
  for (const [resource, ops] of Object.entries(declared) as [ResourceName, Operation[]][]) {
    const impl = resources[resource] as Record<string, unknown> | undefined;
    const missing = ops.filter((op) => typeof impl?.[op] !== 'function');
    if (missing.length > 0) {
      throw new ManifestError(`providers/${def.manifest.id}: manifest.json declares ${missing.map((op) => `${resource}.${op}`).join(', ')}, which the adapter does not implement`);
    }
  }
}

/** A resource detected by polling is swept through its list with the updatedSince filter: both must exist. */
function crossCheckPolling(def: ProviderDefinition): void {
  for (const [resource, source] of Object.entries(def.manifest.changeDetection ?? {})) {
    if (source !== 'poll') continue;
    const declared: readonly string[] = def.manifest.resources[resource as ResourceName] ?? [];
    const impl = def.adapter?.resources?.[resource as 'contacts'];
    if (!declared.includes('list') || (def.adapter && !impl?.filters.includes('updatedSince'))) {
      throw new ManifestError(`providers/${def.manifest.id}: changeDetection.${resource} is poll, which needs ${resource}.list with the updatedSince filter`);
    }
  }
}

/**
 * What the schema cannot say: one scheme per type (a connection records the type it was made with),
 * `{config.<name>}` templates name declared fields, and config is asked only by the API-key form,
 * so a provider offering OAuth cannot require any.
 */
function crossCheckAuthAndConfig(m: ProviderManifest): void {
  const where = `providers/${m.id}/manifest.json`;
  const types = m.auth.map((s) => s.type);
  if (new Set(types).size !== types.length) throw new ManifestError(`${where}: /auth offers the same scheme type twice`);
  const config = m.connectionConfig ?? [];
  if (new Set(config.map((f) => f.name)).size !== config.length) throw new ManifestError(`${where}: /connectionConfig names a field twice`);
  for (const [, name] of m.api.baseUrl.matchAll(/\{config\.([^}]+)\}/g)) {
    const field = config.find((f) => f.name === name);
    if (!field || field.required === false || field.format !== 'uri') {
      throw new ManifestError(`${where}: /api/baseUrl uses {config.${name}}, which /connectionConfig must declare as a required uri field`);
    }
  }
  const required = (m.connectionConfig ?? []).filter((f) => f.required !== false);
  if (types.includes('oauth2') && required.length > 0) {
    throw new ManifestError(`${where}: /connectionConfig requires ${required.map((f) => f.name).join(', ')}, which the OAuth flow cannot ask for`);
  }
}

/** The default providers folder: <repo>/providers (or dist/providers when compiled). */
export const DEFAULT_PROVIDERS_DIR = path.resolve(__dirname, '../../providers');

/** Discovers each folder under providers (skipping names that start with "_") and loads its index. */
export function discoverProviders(dir = DEFAULT_PROVIDERS_DIR): ProviderDefinition[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
    .filter((d) => existsSync(path.join(dir, d.name, 'index.ts')) || existsSync(path.join(dir, d.name, 'index.js')))
    .map((d) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(dir, d.name, 'index')) as { default?: ProviderDefinition };
      if (!mod.default?.manifest) throw new ManifestError(`providers/${d.name}/index must export default defineProvider({...})`);
      if (mod.default.manifest.id !== d.name) {
        throw new ManifestError(`providers/${d.name}/manifest.json: /id must equal the folder name (${d.name})`);
      }
      return mod.default;
    });
}
