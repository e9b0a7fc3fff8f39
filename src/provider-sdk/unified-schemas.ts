/**
 * JSON Schemas of the unified model: used to validate write bodies, to generate the OpenAPI
 * document and, in the contract suite, to check every mapper's output.
 */
const str = { type: ['string', 'null'] } as const;
const isoTime = { type: ['string', 'null'], format: 'date-time' } as const;
const labeled = {
  type: 'object', additionalProperties: false, required: ['value', 'type'],
  properties: { value: { type: 'string' }, type: { type: ['string', 'null'] } },
} as const;
const labeledInput = {
  type: 'object', additionalProperties: false, required: ['value'],
  properties: { value: { type: 'string', minLength: 1 }, type: { type: ['string', 'null'] } },
} as const;
const base = {
  id: { type: 'string', minLength: 1 },
  createdAt: isoTime,
  updatedAt: isoTime,
  customFields: { type: 'object' },
  remoteData: {},
} as const;
const baseRequired = ['id', 'createdAt', 'updatedAt', 'customFields'];
const writeExtras = {
  customFields: { type: 'object', description: 'Written to the provider fields named by the field mappings' },
  providerData: { type: 'object', description: 'Merged into the provider request as-is, for provider-specific fields' },
} as const;
// Shape only, not RFC 5321: internationalized addresses (zoë@exämple.com) are real and must pass.
const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';
const email = { type: ['string', 'null'], maxLength: 254, pattern: EMAIL_PATTERN, description: 'An email address (internationalized allowed)' } as const;

const contactFields = {
  firstName: str, lastName: str, name: str, email: str, emails: { type: 'array', items: labeled },
  phone: str, phones: { type: 'array', items: labeled }, company: str, companyId: str, title: str, ownerId: str,
} as const;
const leadFields = {
  firstName: str, lastName: str, name: str, email: str, phone: str, company: str, title: str,
  status: str, source: str, ownerId: str, contactId: str,
} as const;
const attendee = {
  type: 'object', additionalProperties: false, required: ['email', 'name', 'contactId'],
  properties: { email: str, name: str, contactId: str },
} as const;
const meetingFields = {
  title: str, description: str, startTime: isoTime, endTime: isoTime, timezone: str, location: str,
  status: { type: 'string', enum: ['scheduled', 'pending', 'cancelled', 'completed'], description: 'pending: awaiting the host\'s confirmation' },
  attendees: { type: 'array', items: attendee }, contactIds: { type: 'array', items: { type: 'string' } }, ownerId: str,
} as const;
/**
 * Booking-engine fields: adapters may leave them out (CRMs), the gateway answers them as null, so
 * they are in the record schema but not required of a mapper.
 */
const meetingSchedulingFields = {
  bookingPageId: { ...str, description: 'The booking page it was booked through' },
  hostIds: { type: ['array', 'null'], items: { type: 'string' }, description: 'Ids of GET /v1/users' },
  cancellationReason: str,
  rescheduledFromId: { ...str, description: 'The record this one replaced, where a reschedule made a new record' },
  version: { ...str, description: "The provider's record version (the ETag), where it versions records" },
} as const;

function record(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'object', additionalProperties: false,
    required: [...baseRequired, ...Object.keys(fields)],
    properties: { ...base, ...fields },
  };
}

export const contactSchema = record(contactFields);
export const leadSchema = record(leadFields);
const recordWithOptional = (fields: Record<string, unknown>, optional: Record<string, unknown>): Record<string, unknown> => {
  const r = record(fields);
  return { ...r, properties: { ...(r.properties as object), ...optional } };
};
export const meetingSchema = recordWithOptional(meetingFields, meetingSchedulingFields);

const contactInputProps = {
  firstName: str, lastName: str, email, emails: { type: 'array', items: labeledInput, maxItems: 20 },
  phone: str, phones: { type: 'array', items: labeledInput, maxItems: 20 }, company: str, companyId: str, title: str, ownerId: str,
  ...writeExtras,
};
const leadInputProps = {
  firstName: str, lastName: str, email, phone: str, company: str, title: str, status: str, source: str, ownerId: str, contactId: str,
  ...writeExtras,
};
const attendeeInputProps = { email: { type: 'string', maxLength: 254, pattern: EMAIL_PATTERN }, name: str, contactId: str } as const;
const attendeesInput = (props: Record<string, unknown>) => ({
  type: 'array', maxItems: 100, items: { type: 'object', additionalProperties: false, required: ['email'], properties: props },
});
const meetingInputProps = {
  title: str, description: str, startTime: { type: 'string', format: 'date-time' }, endTime: isoTime, timezone: str, location: str,
  status: { type: 'string', enum: ['scheduled', 'cancelled', 'completed'] },
  attendees: attendeesInput(attendeeInputProps),
  contactIds: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 100 }, ownerId: str,
  ...writeExtras,
};
const bookingInputProps = {
  // The person booking may bring a phone and a zone (providers with booking pages; refused elsewhere).
  attendees: attendeesInput({
    ...attendeeInputProps,
    phone: { type: ['string', 'null'], maxLength: 64, description: 'Booking only (providers with booking pages)' },
    timezone: { type: ['string', 'null'], maxLength: 64, description: 'IANA zone; booking only (providers with booking pages)' },
  }),
  bookingPageId: { type: 'string', minLength: 1, maxLength: 200, description: 'Book this booking page at startTime for attendees[0] (providers with booking pages)' },
  answers: {
    type: 'array', maxItems: 100, description: "Answers to the booking page's questions",
    items: { type: 'object', additionalProperties: false, required: ['questionId', 'answer'], properties: { questionId: { type: 'string', minLength: 1 }, answer: {} } },
  },
};

const input = (props: Record<string, unknown>, required: string[] = []): Record<string, unknown> =>
  ({ type: 'object', additionalProperties: false, required, properties: props, minProperties: 1 });

export const contactCreateSchema = input(contactInputProps);
export const contactUpdateSchema = input(contactInputProps);
export const leadCreateSchema = input(leadInputProps);
export const leadUpdateSchema = input(leadInputProps);
export const meetingCreateSchema = input({ ...meetingInputProps, ...bookingInputProps }, ['startTime']);
export const meetingUpdateSchema = input(meetingInputProps);

export const UNIFIED_SCHEMAS = {
  contacts: { record: contactSchema, create: contactCreateSchema, update: contactUpdateSchema },
  leads: { record: leadSchema, create: leadCreateSchema, update: leadUpdateSchema },
  meetings: { record: meetingSchema, create: meetingCreateSchema, update: meetingUpdateSchema },
} as const;

const nonEmpty = { type: 'string', minLength: 1 } as const;
const utc = { type: 'string', format: 'date-time' } as const;

export const userSchema = {
  type: 'object', additionalProperties: false, required: ['id', 'name', 'email', 'active'],
  properties: { id: nonEmpty, name: str, email: str, active: { type: 'boolean', description: 'False for deactivated users' }, remoteData: {} },
} as const;

const bookingPageHost = {
  type: 'object', additionalProperties: false, required: ['id', 'name', 'email'], properties: { id: nonEmpty, name: str, email: str },
} as const;

export const bookingPageSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'name', 'slug', 'durationMinutes', 'url', 'active', 'hosts', 'kind'],
  properties: {
    id: nonEmpty, name: { type: 'string' }, slug: str, durationMinutes: { type: ['integer', 'null'], minimum: 1 }, url: str,
    active: { type: 'boolean' }, hosts: { type: 'array', items: bookingPageHost },
    kind: { type: 'string', enum: ['event_type', 'booking_link', 'service'] },
    priceCents: { type: ['integer', 'null'], minimum: 0 }, currency: { type: ['string', 'null'], pattern: '^[A-Z]{3}$' },
    remoteData: {},
  },
} as const;

export const slotSchema = {
  type: 'object', additionalProperties: false, required: ['start', 'end', 'hostIds'],
  properties: { start: utc, end: utc, hostIds: { type: 'array', items: { type: 'string' } } },
} as const;

export const cancelSchema = {
  type: 'object', additionalProperties: false,
  properties: { reason: { type: ['string', 'null'], maxLength: 1000 } },
} as const;

export const rescheduleSchema = {
  type: 'object', additionalProperties: false, required: ['startTime'],
  properties: { startTime: utc, timezone: { type: ['string', 'null'], maxLength: 64 }, reason: { type: ['string', 'null'], maxLength: 1000 } },
} as const;

/** Read-only capabilities (manifest LIST_RESOURCES): the schema of one listed item. */
export const LIST_SCHEMAS = { users: userSchema, bookingPages: bookingPageSchema, availability: slotSchema } as const;
