/**
 * The MCP tools (API.md § MCP): each is one REST route, named by its operationId, so its input
 * schema, validation, idempotency and answer are the route's own (tool-schema.ts, route-invoker.ts).
 * Only the name and the agent-facing description live here.
 */
export interface ToolDef {
  name: string;
  /** The REST route this tool runs (RouteSpec.operationId). */
  operationId: string;
  /** A write: takes an optional `idempotencyKey` (the route's Idempotency-Key). */
  write: boolean;
  description: string;
}

const SCOPE = 'Scoped to your API key\'s account and mode; endUserId is YOUR id for the end user whose system is used.';
const PAGED = 'Returns one page: when meta.hasMore is true, call again with cursor = meta.nextCursor (same other arguments).';
const IDEMPOTENT = 'Pass the same idempotencyKey when retrying the same call: it is not done twice (a different body with that key is IDEMPOTENCY_KEY_CONFLICT).';
const NOT_CONNECTED = 'END_USER_NOT_FOUND / CONNECTION_NOT_FOUND: that end user has no active connection to the provider (see list_connections).';

export const TOOLS: readonly ToolDef[] = [
  {
    name: 'list_providers', operationId: 'listProviders', write: false,
    description: 'List the systems the gateway speaks to (CRMs, practice-management and scheduling providers) and which '
      + 'resources and operations each supports. Use it first to learn valid `provider` ids and whether a provider has '
      + 'booking pages (resources.bookingPages) or leads.',
  },
  {
    name: 'list_connections', operationId: 'listConnections', write: false,
    description: `List the connections (an end user linked to a provider), optionally for one endUserId or provider. Use it to `
      + `find which provider/endUserId pairs the other tools can work on; only status "active" ones can be used. ${PAGED} ${SCOPE}`,
  },
  {
    name: 'find_person', operationId: 'enrich', write: false,
    description: 'Who is this email? Looks up each email (up to 100) among the leads and contacts of one CRM connection and '
      + 'answers per email: match ("contact", "lead" or null), the contact and/or lead, their owner (the sales rep) and '
      + `company. Use it before creating a contact, to avoid duplicates, or to find who owns a person. ${NOT_CONNECTED} ${SCOPE}`,
  },
  {
    name: 'search_contacts', operationId: 'listContacts', write: false,
    description: 'List or search the contacts of one connection: `email` finds a contact by exact (case-insensitive) email, '
      + `\`updatedSince\` those changed since a time. ${PAGED} ${NOT_CONNECTED} ${SCOPE}`,
  },
  {
    name: 'get_contact', operationId: 'getContact', write: false,
    description: `Read one contact by its id (from search_contacts or find_person). CONTACT_NOT_FOUND: no such contact at the provider. ${SCOPE}`,
  },
  {
    name: 'create_contact', operationId: 'createContacts', write: true,
    description: 'Create a contact in the end user\'s CRM (at least one field, e.g. email, firstName, lastName, company). '
      + `Check with find_person first to avoid duplicates; PROVIDER_CONFLICT means the CRM refused it (e.g. the email exists). ${IDEMPOTENT} ${SCOPE}`,
  },
  {
    name: 'update_contact', operationId: 'updateContact', write: true,
    description: `Change some fields of a contact (only the fields given). CONTACT_NOT_FOUND: no such contact. ${IDEMPOTENT} ${SCOPE}`,
  },
  {
    name: 'list_leads', operationId: 'listLeads', write: false,
    description: `List leads of one CRM connection, optionally by exact email or updatedSince. UNSUPPORTED_RESOURCE: this CRM has no leads. ${PAGED} ${SCOPE}`,
  },
  {
    name: 'create_lead', operationId: 'createLeads', write: true,
    description: `Create a lead in the end user's CRM. UNSUPPORTED_RESOURCE: this CRM has no leads (create a contact instead). ${IDEMPOTENT} ${SCOPE}`,
  },
  {
    name: 'list_meetings', operationId: 'listMeetings', write: false,
    description: `List meetings of one connection (CRM or scheduling), optionally between startDate and endDate or for one contactId. ${PAGED} ${SCOPE}`,
  },
  {
    name: 'list_booking_pages', operationId: 'listBookingPages', write: false,
    description: 'List what can be booked on a scheduling connection (event types, booking links, services) with their hosts '
      + `and duration. Use a page's id as bookingPageId for find_availability and book_meeting. ${PAGED} ${SCOPE}`,
  },
  {
    name: 'find_availability', operationId: 'getAvailability', write: false,
    description: 'Free slots of one booking page between startDate and endDate (at most 31 days), in UTC, as computed by the '
      + 'provider. Use a returned slot\'s start as book_meeting\'s startTime. INVALID_DATE_RANGE: endDate is not after startDate. '
      + SCOPE,
  },
  {
    name: 'book_meeting', operationId: 'createMeetings', write: true,
    description: 'Book a meeting: with bookingPageId, startTime (a slot from find_availability) and attendees[0] = the person '
      + 'booking (email, name); on a CRM without booking pages, creates a meeting record (startTime, endTime, title). '
      + `SLOT_UNAVAILABLE: the slot was taken meanwhile; call find_availability again and pick another. ${IDEMPOTENT} ${SCOPE}`,
  },
  {
    name: 'reschedule_meeting', operationId: 'rescheduleMeeting', write: true,
    description: 'Move a booked meeting to a new startTime (its duration kept). The answer is the meeting at its new time; '
      + 'where the provider makes a new record its id differs and rescheduledFromId is the old one. SLOT_UNAVAILABLE: the new '
      + `time is taken; PROVIDER_CONFLICT: the meeting cannot be moved (cancelled, in the past, not allowed). ${IDEMPOTENT} ${SCOPE}`,
  },
  {
    name: 'cancel_meeting', operationId: 'cancelMeeting', write: true,
    description: 'Cancel a meeting, with an optional reason. Cancelling an already cancelled meeting returns it unchanged. '
      + `MEETING_NOT_FOUND: no such meeting. ${IDEMPOTENT} ${SCOPE}`,
  },
  {
    name: 'route_and_book', operationId: 'routeAndBook', write: true,
    description: 'Lead routing in one call: finds the email in the CRM (as find_person), picks the scheduling host that owns '
      + 'the person in the CRM (else the booking page\'s hosts) and answers their free slots in the window. With startTime '
      + '(and then idempotencyKey, required) it books that slot and, with writeBack: true, records the meeting in the CRM. '
      + 'A failing step answers its own error code with details.step; SLOT_UNAVAILABLE comes with details.alternatives. '
      + SCOPE,
  },
];
