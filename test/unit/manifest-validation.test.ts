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
    const { auth, ...noAuth } = hubspot;
    expect(auth).toBeDefined();
    expect(() => validateManifest(noAuth)).toThrow(/\(auth\)/);
    expect(() => validateManifest({ ...hubspot, resources: { contacts: ['list', 'explode'] } })).toThrow(ManifestError);
    expect(() => validateManifest({ ...hubspot, resources: { contacts: ['list', 'explode'] } })).toThrow(/\/resources\/contacts\/1/);
  });

  describe('auth schemes and connection config', () => {
    const oauth2 = hubspot.auth[0];
    const apiKey = { type: 'api_key', in: 'header', name: 'x-api-token', value: '{key}', verifyPath: '/v1/me' };
    const config = [{ name: 'baseUrl', label: 'API base URL', format: 'uri' }];

    it('takes a list of oauth2 and api_key schemes, header or query', () => {
      expect(() => validateManifest({ ...hubspot, auth: [oauth2, apiKey] })).not.toThrow();
      expect(() => validateManifest({ ...hubspot, auth: [{ ...apiKey, in: 'query', name: 'api_token', value: undefined }] })).not.toThrow();
      expect(() => validateManifest({ ...hubspot, auth: [] })).toThrow(/\/auth must NOT have fewer than 1 items/);
      expect(() => validateManifest({ ...hubspot, auth: [{ ...apiKey, name: 'x api token' }] })).toThrow(/\/auth\/0/);
      expect(() => validateManifest({ ...hubspot, auth: [{ ...apiKey, value: 'Bearer key' }] })).toThrow(/\/auth\/0/);
      expect(() => validateManifest({ ...hubspot, auth: [{ ...oauth2, refreshUrl: 'http://insecure.example.com/token' }] })).toThrow(/\/auth\/0/);
    });

    it('refuses what the schema cannot say: two schemes of a type, undeclared config in the base URL, OAuth with required config', () => {
      const reg = (m: object) => createRegistry([{ manifest: m as never }]);
      expect(() => reg({ ...hubspot, auth: [apiKey, { ...apiKey, name: 'other' }] })).toThrow(/same scheme type twice/);
      expect(() => reg({ ...hubspot, auth: [apiKey], api: { ...hubspot.api, baseUrl: '{config.baseUrl}/api' } })).toThrow(/\{config\.baseUrl\}/);
      expect(() => reg({ ...hubspot, auth: [apiKey], connectionConfig: config, api: { ...hubspot.api, baseUrl: '{config.baseUrl}/api' } })).not.toThrow();
      expect(() => reg({ ...hubspot, auth: [oauth2, apiKey], connectionConfig: config })).toThrow(/OAuth flow cannot ask/);
      expect(() => validateManifest({ ...hubspot, api: { ...hubspot.api, baseUrl: '{nope}' } })).toThrow(/\/api\/baseUrl/);
    });
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

  describe('scheduling capabilities (users, booking pages, availability, meeting actions)', () => {
    const list = async () => ({ items: [], nextCursor: null });
    const meeting = async () => { throw new Error('not called'); };

    it('declares users, bookingPages and availability as list-only, and cancel/reschedule only on meetings', () => {
      expect(() => validateManifest({ ...hubspot, resources: { users: ['list'], bookingPages: ['list'], availability: ['list'] } })).not.toThrow();
      expect(() => validateManifest({ ...hubspot, resources: { meetings: ['get', 'cancel', 'reschedule'] } })).not.toThrow();
      expect(() => validateManifest({ ...hubspot, resources: { users: ['get'] } })).toThrow(/\/resources\/users\/0/);
      expect(() => validateManifest({ ...hubspot, resources: { contacts: ['cancel'] } })).toThrow(/\/resources\/contacts\/0/);
      expect(() => validateManifest({ ...hubspot, resources: { slots: ['list'] } })).toThrow(/additional properties \(slots\)/);
    });

    it('cross-checks them against the adapter like the record resources', () => {
      const reg = (resources: object, adapterResources: object) =>
        createRegistry([{ manifest: validateManifest({ ...hubspot, resources }), adapter: { resources: adapterResources as never } }]);
      expect(() => reg({ users: ['list'] }, {})).toThrow(/users\.list, which the adapter does not implement/);
      expect(() => reg({ contacts: ['list'] }, { contacts: { filters: [], list }, users: { list } })).toThrow(/adapter implements users/);
      expect(() => reg({ users: ['list'] }, { users: { list } })).not.toThrow();
      expect(() => reg({ meetings: ['get', 'cancel'] }, { meetings: { filters: [], get: meeting } })).toThrow(/meetings\.cancel/);
      expect(() => reg({ meetings: ['get', 'cancel'] }, { meetings: { filters: [], get: meeting, cancel: meeting } })).not.toThrow();
    });
  });
});
