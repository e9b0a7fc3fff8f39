/**
 * The subscriptions that receive an event of `type`: the type itself, its family's wildcard
 * (`contact.*` for `contact.created`) and `*`. Both adapters' listForEvent match on these.
 */
export function subscriptionPatterns(type: string): string[] {
  const dot = type.indexOf('.');
  return dot > 0 ? [type, `${type.slice(0, dot)}.*`, '*'] : [type, '*'];
}
