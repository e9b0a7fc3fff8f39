import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateManifest, ManifestError, createRegistry, discoverProviders } from '../../src/provider-sdk/registry';

const hubspot = JSON.parse(readFileSync(path.join(__dirname, '../../providers/hubspot/manifest.json'), 'utf8'));

describe('provider manifests', () => {
  it('accepts every manifest in providers/', () => {
    const registry = createRegistry(discoverProviders());
    expect(registry.ids()).toEqual(expect.arrayContaining(['42min', 'hubspot', 'pipedrive', 'salesforce']));
  });

  it('names the bad field', () => {
    expect(() => validateManifest({ ...hubspot, category: 'erp' })).toThrow(/\/category must be equal to one of the allowed values/);
    expect(() => validateManifest({ ...hubspot, api: { ...hubspot.api, baseUrl: 'http://insecure.example.com' } })).toThrow(/\/api\/baseUrl/);
    expect(() => validateManifest({ ...hubspot, surprise: true })).toThrow(/additional properties \(surprise\)/);
    const { oauth, ...noOauth } = hubspot;
    expect(oauth).toBeDefined();
    expect(() => validateManifest(noOauth)).toThrow(/\(oauth\)/);
    expect(() => validateManifest({ ...hubspot, resources: { contacts: ['list', 'explode'] } })).toThrow(ManifestError);
    expect(() => validateManifest({ ...hubspot, resources: { contacts: ['list', 'explode'] } })).toThrow(/\/resources\/contacts\/1/);
  });

  it('refuses an adapter that implements a resource the manifest does not declare', () => {
    const manifest = validateManifest({ ...hubspot, resources: { contacts: ['list'] } });
    expect(() => createRegistry([{ manifest, adapter: { resources: { meetings: { filters: [] } } } }])).toThrow(/adapter implements meetings/);
  });

  it('refuses an adapter that lacks an operation the manifest declares', () => {
    const manifest = validateManifest({ ...hubspot, resources: { contacts: ['list', 'get'] } });
    const list = async () => ({ items: [], nextCursor: null });
    expect(() => createRegistry([{ manifest, adapter: { resources: { contacts: { filters: [], list } } } }])).toThrow(/contacts\.get/);
    expect(() => createRegistry([{ manifest, adapter: { resources: { contacts: { filters: [], list, get: async () => { throw new Error('x'); } } } } }])).not.toThrow();
  });
});
