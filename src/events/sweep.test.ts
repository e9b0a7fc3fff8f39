import { isAfter, pollEventType } from './sweep';
import { syncSettings } from './sync-settings';
import { ConfigError } from '../config/config';

describe('sweep order and event types', () => {
  const w = { updatedAt: '2030-01-01T00:00:10.000Z', id: '003B' };
  it('is after the watermark by time, then by id at the same time (ties are never skipped)', () => {
    expect(isAfter(w, { updatedAt: '2030-01-01T00:00:10.000Z', id: '003C' })).toBe(true);
    expect(isAfter(w, { updatedAt: '2030-01-01T00:00:10.000Z', id: '003B' })).toBe(false);
    expect(isAfter(w, { updatedAt: '2030-01-01T00:00:10.000Z', id: '003A' })).toBe(false);
    expect(isAfter(w, { updatedAt: '2030-01-01T00:00:11.000Z', id: '0' })).toBe(true);
    expect(isAfter(w, { updatedAt: '2030-01-01T00:00:09.999Z', id: 'z' })).toBe(false);
  });
  it('is created when never modified since creation or created after the sweep started from; else updated', () => {
    expect(pollEventType('contacts', { id: 'a', createdAt: '2030-01-01T00:00:11Z', updatedAt: '2030-01-01T00:00:11.000Z' }, w)).toBe('contact.created');
    expect(pollEventType('leads', { id: 'a', createdAt: '2030-01-01T00:00:11Z', updatedAt: '2030-01-01T00:00:15Z' }, w)).toBe('lead.created');
    expect(pollEventType('contacts', { id: 'a', createdAt: '2029-01-01T00:00:00Z', updatedAt: '2030-01-01T00:00:15Z' }, w)).toBe('contact.updated');
    expect(pollEventType('meetings', { id: 'a', createdAt: null, updatedAt: '2030-01-01T00:00:15Z' }, w)).toBe('meeting.updated');
  });
});

describe('syncSettings', () => {
  it('sweeps every 300 s by default; test mode takes 1 s and up, live never under 30 s', () => {
    expect(syncSettings({})).toEqual({ testIntervalMs: 300_000, liveIntervalMs: 300_000 });
    expect(syncSettings({ SYNC_INTERVAL_SECONDS: '1' })).toEqual({ testIntervalMs: 1000, liveIntervalMs: 30_000 });
    expect(syncSettings({ SYNC_INTERVAL_SECONDS: '45' })).toEqual({ testIntervalMs: 45_000, liveIntervalMs: 45_000 });
    expect(() => syncSettings({ SYNC_INTERVAL_SECONDS: '0' })).toThrow(ConfigError);
    expect(() => syncSettings({ SYNC_INTERVAL_SECONDS: 'often' })).toThrow(/SYNC_INTERVAL_SECONDS/);
  });
});
