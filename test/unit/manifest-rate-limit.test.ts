import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateManifest } from '../../src/provider-sdk/registry';

const read = (id: string) => JSON.parse(readFileSync(path.join(__dirname, `../../providers/${id}/manifest.json`), 'utf8'));
const pipedrive = read('pipedrive');
const withHeaders = (headers: unknown) => ({ ...pipedrive, rateLimit: { ...pipedrive.rateLimit, headers } });

describe('manifest rateLimit.headers: what each header means, declared', () => {
  it('the four providers declare their headers (checked against reference/providers.md)', () => {
    expect(read('42min').rateLimit.headers.reset).toEqual({ name: 'X-RateLimit-Reset', format: 'epoch_seconds' });
    expect(pipedrive.rateLimit.headers.reset).toEqual({ name: 'x-ratelimit-reset', format: 'seconds_until' });
    expect(read('hubspot').rateLimit.headers).toEqual({ limit: { name: 'X-HubSpot-RateLimit-Max' }, remaining: { name: 'X-HubSpot-RateLimit-Remaining' } });
    expect(read('salesforce').rateLimit.headers.usage.name).toBe('Sforce-Limit-Info');
  });

  it('refuses a reset without a known format, the old bare-name shape, and bad usage patterns', () => {
    expect(() => validateManifest(withHeaders({ reset: { name: 'X-RateLimit-Reset' } }))).toThrow(/\/rateLimit\/headers\/reset must have required property 'format'/);
    expect(() => validateManifest(withHeaders({ reset: { name: 'X-RateLimit-Reset', format: 'guess' } }))).toThrow(/\/rateLimit\/headers\/reset\/format/);
    expect(() => validateManifest(withHeaders({ limit: 'X-RateLimit-Limit' }))).toThrow(/\/rateLimit\/headers\/limit must be object/);
    expect(() => validateManifest(withHeaders({ usage: { name: 'X-Usage', pattern: '(\\d+)/(\\d+)' } }))).toThrow(/\/rateLimit\/headers\/usage\/pattern/);
    expect(() => validateManifest(withHeaders({ usage: { name: 'X-Usage', pattern: '(?<limit>\\d+' } }))).toThrow(/\/rateLimit\/headers\/usage\/pattern/);
    expect(() => validateManifest(withHeaders({ usage: { name: 'X-Usage', pattern: '(?<remaining>\\d+) of (?<limit>\\d+)' } }))).not.toThrow();
  });
});
