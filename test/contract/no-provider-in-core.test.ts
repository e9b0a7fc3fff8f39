import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const providerIds = readdirSync(path.join(ROOT, 'providers'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_')).map((d) => d.name);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('the core never names a provider', () => {
  it('finds the providers to look for', () => { expect(providerIds.length).toBeGreaterThanOrEqual(4); });

  it.each(providerIds)('no file under src/ contains the provider id "%s"', (id) => {
    const pattern = new RegExp(`\\b${id.replace(/[-]/g, '\\-')}\\b`, 'i');
    const offenders = filesUnder(path.join(ROOT, 'src')).filter((f) => pattern.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
