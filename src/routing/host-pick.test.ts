import type { BookingPage } from '../provider-sdk/unified-models';
import { pickHost } from './host-pick';

const page = (id: string, emails: string[], active = true): BookingPage => ({
  id, name: id, slug: id, durationMinutes: 30, url: null, active, kind: 'event_type',
  hosts: emails.map((email, i) => ({ id: `${id}_h${i}`, name: null, email })),
});

describe('pickHost', () => {
  const team = page('team', ['ada@x.test', 'bo@x.test']);
  const adaAlone = page('ada-solo', ['Ada@X.test']);
  const inactive = page('old', ['bo@x.test'], false);

  it('the owner as host (case-insensitive), preferring a page they host alone', () => {
    expect(pickHost([team, adaAlone], 'ADA@x.test', null)).toMatchObject({ bookingPage: { id: 'ada-solo' }, host: { id: 'ada-solo_h0' }, reason: 'owner_match' });
    expect(pickHost([team, adaAlone, inactive], 'bo@x.test', null)).toMatchObject({ bookingPage: { id: 'team' }, host: { id: 'team_h1' }, reason: 'owner_match' });
  });

  it('no owner, or an owner who hosts no active page: the first active page and its own hosts', () => {
    expect(pickHost([inactive, team], null, null)).toMatchObject({ bookingPage: { id: 'team' }, host: null, reason: 'page_hosts' });
    expect(pickHost([inactive, team], 'zed@x.test', null)).toMatchObject({ bookingPage: { id: 'team' }, host: null, reason: 'page_hosts' });
  });

  it('a page the caller names is used as it is; unknown → null', () => {
    expect(pickHost([team, adaAlone], 'ada@x.test', 'team')).toMatchObject({ bookingPage: { id: 'team' }, host: { id: 'team_h0' }, reason: 'owner_match' });
    expect(pickHost([team, adaAlone], 'zed@x.test', 'team')).toMatchObject({ host: null, reason: 'page_hosts' });
    expect(pickHost([team], 'ada@x.test', 'nope')).toBeNull();
    expect(pickHost([inactive], null, null)).toBeNull();
  });
});
