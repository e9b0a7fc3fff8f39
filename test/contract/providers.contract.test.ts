import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createRegistry, discoverProviders, validateManifest } from '../../src/provider-sdk/registry';
import { LIST_RESOURCES, RESOURCES } from '../../src/provider-sdk/manifest';
import { LIST_SCHEMAS, UNIFIED_SCHEMAS } from '../../src/provider-sdk/unified-schemas';

/**
 * Every registered provider goes through the same checks, so adding a provider folder is covered
 * with no test edits: manifest valid, capabilities implemented, golden mapper outputs valid against
 * the unified schemas, and imports only through src/provider-sdk.
 */
const ROOT = path.join(__dirname, '../..');
const definitions = discoverProviders();
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(name) && !/\.test\.ts$|test-support\.ts$/.test(name) && !p.includes(`${path.sep}fixtures${path.sep}`) ? [p] : [];
  });
}

describe.each(definitions.map((d) => [d.manifest.id, d] as const))('provider %s', (id, def) => {
  it('has a valid manifest', () => {
    expect(validateManifest(def.manifest).id).toBe(id);
  });

  it('implements what its manifest declares (registry cross-check)', () => {
    expect(() => createRegistry([def])).not.toThrow();
  });

  it('has a README', () => {
    expect(existsSync(path.join(ROOT, 'providers', id, 'README.md'))).toBe(true);
  });

  it('imports the core only through src/provider-sdk', () => {
    const offenders = sourceFiles(path.join(ROOT, 'providers', id)).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/from\s+['"]([^'"]+)['"]/g)]
        .map((m) => m[1])
        .filter((spec) => spec.includes('/src/') && !/\/src\/provider-sdk(\/index)?$/.test(spec))
        .map((spec) => `${path.relative(ROOT, file)} → ${spec}`);
    });
    expect(offenders).toEqual([]);
  });

  const declared = RESOURCES.filter((r) => def.manifest.resources[r] && def.adapter?.resources?.[r]);
  if (declared.length === 0) {
    it('has no adapter yet: it only advertises its capabilities', () => { expect(def.adapter?.resources ?? {}).toEqual({}); });
  }
  const listed = LIST_RESOURCES.filter((r) => def.manifest.resources[r] && def.adapter?.resources?.[r]);
  const schemaOf = (r: (typeof declared)[number] | (typeof listed)[number]) =>
    (r in UNIFIED_SCHEMAS ? UNIFIED_SCHEMAS[r as (typeof declared)[number]].record : LIST_SCHEMAS[r as (typeof listed)[number]]);
  for (const resource of [...declared, ...listed]) it(`maps ${resource} to schema-valid unified records (golden files)`, () => {
    const file = path.join(ROOT, 'providers', id, 'fixtures', 'golden', `${resource}.json`);
    expect(existsSync(file)).toBe(true);
    const records = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
    expect(records.length).toBeGreaterThan(0);
    const validate = ajv.compile(schemaOf(resource));
    for (const record of records) {
      const ok = validate(record);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });
});
