import { eventsSettings } from './events-settings';
import { ConfigError } from '../config/config';

describe('eventsSettings', () => {
  it('keeps events 30 days by default, longer when asked, never less than 30', () => {
    expect(eventsSettings({}).retentionMs).toBe(30 * 86_400_000);
    expect(eventsSettings({ EVENTS_RETENTION_DAYS: '90' }).retentionMs).toBe(90 * 86_400_000);
    expect(() => eventsSettings({ EVENTS_RETENTION_DAYS: '29' })).toThrow(ConfigError);
    expect(() => eventsSettings({ EVENTS_RETENTION_DAYS: 'soon' })).toThrow(/EVENTS_RETENTION_DAYS/);
  });
});
