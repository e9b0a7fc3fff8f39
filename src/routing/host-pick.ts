import type { BookingPage, BookingPageHost } from '../provider-sdk/unified-models';

/** Which rule chose the host: the CRM owner is a host of the page, or the page's own hosts (the provider's round robin). */
export type RoutingReason = 'owner_match' | 'page_hosts';

export interface HostChoice {
  bookingPage: BookingPage;
  /** The owner as a scheduling host; null when the page's own hosts take it. */
  host: BookingPageHost | null;
  reason: RoutingReason;
}

const same = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Pure choice of page and host. A page named by the caller is used as it is: the owner is the host
 * when they are one of its hosts. Otherwise the first active page the owner hosts, preferring a page
 * they host alone (the booking then lands with them whatever the provider's round robin does); with
 * no owner, or an owner who hosts nothing, the first active page and its own hosts.
 */
export function pickHost(pages: BookingPage[], ownerEmail: string | null, bookingPageId: string | null): HostChoice | null {
  const hostOf = (page: BookingPage): BookingPageHost | null => page.hosts.find((h) => same(h.email, ownerEmail)) ?? null;
  if (bookingPageId !== null) {
    const page = pages.find((p) => p.id === bookingPageId);
    if (!page) return null;
    const host = hostOf(page);
    return { bookingPage: page, host, reason: host ? 'owner_match' : 'page_hosts' };
  }
  const active = pages.filter((p) => p.active);
  const owned = active.filter((p) => hostOf(p) !== null);
  const page = owned.find((p) => p.hosts.length === 1) ?? owned[0];
  if (page) return { bookingPage: page, host: hostOf(page), reason: 'owner_match' };
  const fallback = active[0];
  return fallback ? { bookingPage: fallback, host: null, reason: 'page_hosts' } : null;
}
