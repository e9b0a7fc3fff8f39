/**
 * The unified model (API.md § Models) as TypeScript types. The JSON Schemas in ./schemas.ts describe
 * the same shapes for validation, the OpenAPI document and the contract tests.
 */
export interface LabeledValue { value: string; type: string | null }

interface RecordBase {
  /** The provider's id. */
  id: string;
  createdAt: string | null;
  updatedAt: string | null;
  customFields: Record<string, unknown>;
  /** The provider's record as it came; only with ?includeRaw=true. */
  remoteData?: unknown;
}

export interface Contact extends RecordBase {
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  email: string | null;
  emails: LabeledValue[];
  phone: string | null;
  phones: LabeledValue[];
  company: string | null;
  companyId: string | null;
  title: string | null;
  ownerId: string | null;
}

export interface Lead extends RecordBase {
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  title: string | null;
  status: string | null;
  source: string | null;
  ownerId: string | null;
  contactId: string | null;
}

export interface MeetingAttendee { email: string | null; name: string | null; contactId: string | null }

export interface Meeting extends RecordBase {
  title: string | null;
  description: string | null;
  startTime: string | null;
  endTime: string | null;
  timezone: string | null;
  location: string | null;
  status: 'scheduled' | 'cancelled' | 'completed';
  attendees: MeetingAttendee[];
  contactIds: string[];
  ownerId: string | null;
}

/** Write inputs: every field optional on update; `providerData` is merged into the provider request as-is. */
/** On writes the label of an email or phone may be left out. */
export interface LabeledValueInput { value: string; type?: string | null }

export interface ContactInput {
  firstName?: string | null; lastName?: string | null; email?: string | null; emails?: LabeledValueInput[];
  phone?: string | null; phones?: LabeledValueInput[]; company?: string | null; companyId?: string | null;
  title?: string | null; ownerId?: string | null; customFields?: Record<string, unknown>; providerData?: Record<string, unknown>;
}

export interface LeadInput {
  firstName?: string | null; lastName?: string | null; email?: string | null; phone?: string | null;
  company?: string | null; title?: string | null; status?: string | null; source?: string | null;
  ownerId?: string | null; contactId?: string | null; customFields?: Record<string, unknown>; providerData?: Record<string, unknown>;
}

export interface MeetingInput {
  title?: string | null; description?: string | null; startTime?: string; endTime?: string | null;
  timezone?: string | null; location?: string | null; status?: Meeting['status'];
  attendees?: { email: string; name?: string | null; contactId?: string | null }[];
  contactIds?: string[]; ownerId?: string | null; customFields?: Record<string, unknown>; providerData?: Record<string, unknown>;
}

export interface UnifiedRecords { contacts: Contact; leads: Lead; meetings: Meeting }
export interface UnifiedInputs { contacts: ContactInput; leads: LeadInput; meetings: MeetingInput }
