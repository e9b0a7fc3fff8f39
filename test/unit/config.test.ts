import { loadConfig, ConfigError } from '../../src/config/config';

describe('config', () => {
  it('has embedded defaults: sqlite under ./data, sandboxes on, 1 MiB bodies', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, mongodbUri: null, redisUrl: null, sandboxEnabled: true, bodyLimitBytes: 1048576, logLevel: 'info' });
    expect(c.dataDir).toMatch(/data$/);
    expect(c.publicUrl).toBe('http://localhost:3000');
  });

  it.each([
    ['PORT', 'abc'], ['ENCRYPTION_KEY', 'too-short'], ['MONGODB_URI', 'http://x'], ['LOG_LEVEL', 'loud'], ['REDIS_URL', 'nope'],
  ])('names the bad variable %s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('coerces numbers and booleans from strings', () => {
    expect(loadConfig({ PORT: '8080', SANDBOX_ENABLED: 'false', RATE_LIMIT_PER_KEY: '5' })).toMatchObject({ port: 8080, sandboxEnabled: false, rateLimitPerKey: 5 });
  });
});
