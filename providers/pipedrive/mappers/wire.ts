/**
 * Pipedrive's wire shapes as the adapter reads them (reference/providers.md §3.2–3.4): v2 persons,
 * organizations and activities (RFC 3339 times, `emails`/`phones` arrays), v1 leads (UUID ids).
 * Only the fields the mappers use are typed; the rest travel untouched in `remoteData`.
 */
export interface PdContactPoint { value: string; primary: boolean; label: string | null }

export interface PdPerson {
  id: number;
  name: string;
  first_name: string | null;
  last_name: string | null;
  owner_id: number | null;
  org_id: number | null;
  emails: PdContactPoint[];
  phones: PdContactPoint[];
  add_time: string | null;
  update_time: string | null;
}

export interface PdOrganization { id: number; name: string }

export interface PdParticipant { person_id: number; primary: boolean }
export interface PdAttendee { email: string; name: string | null; person_id: number | null }

export interface PdActivity {
  id: number;
  subject: string | null;
  type: string;
  owner_id: number | null;
  person_id: number | null;
  due_date: string | null;
  due_time: string | null;
  duration: string | null;
  done: boolean;
  location: { value: string } | null;
  participants: PdParticipant[] | null;
  /** Lists leave it out unless `include_fields=attendees` (§3.4). */
  attendees?: PdAttendee[] | null;
  public_description: string | null;
  add_time: string | null;
  update_time: string | null;
}

export interface PdLead {
  id: string;
  title: string;
  owner_id: number | null;
  person_id: number | null;
  organization_id: number | null;
  source_name: string | null;
  is_archived: boolean;
  add_time: string | null;
  update_time: string | null;
}

/** `{success, data}`; v2 lists add `additional_data.next_cursor` (null at the end). */
export interface PdV2Envelope<T> { success: boolean; data: T; additional_data?: { next_cursor?: string | null } }

/** v1 lists: `additional_data.pagination {start, limit, more_items_in_collection, next_start?}` (§3.2). */
export interface PdV1Envelope<T> {
  success: boolean;
  data: T;
  additional_data?: { pagination?: { start: number; limit: number; more_items_in_collection: boolean; next_start?: number } };
}

/** `GET /api/v2/persons/search` items (§3.2 search; v2 API reference example). */
export interface PdPersonSearch { items: { result_score: number; item: { id: number } }[] }
