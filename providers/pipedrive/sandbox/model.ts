/**
 * The records one sandbox company (= one sandbox account) holds, in the v2 wire shapes where the
 * resource is served by v2 (persons, organizations, activities) and the v1 shape for leads
 * (reference/providers.md §3.2–3.4). Handlers return these objects as they are.
 */
export interface ContactPoint { value: string; primary: boolean; label: string }

export interface User {
  id: number;
  name: string;
  email: string;
  is_admin: boolean;
  active_flag: boolean;
}

export interface Organization {
  id: number;
  name: string;
  owner_id: number;
  add_time: string;
  update_time: string;
  is_deleted: boolean;
  visible_to: number;
  address: { value: string } | null;
  label_ids: number[];
  custom_fields: Record<string, unknown>;
}

export interface Person {
  id: number;
  name: string;
  first_name: string | null;
  last_name: string | null;
  owner_id: number;
  org_id: number | null;
  add_time: string;
  update_time: string;
  emails: ContactPoint[];
  phones: ContactPoint[];
  is_deleted: boolean;
  visible_to: number;
  label_ids: number[];
  picture_id: number | null;
  custom_fields: Record<string, unknown>;
}

export interface Participant { person_id: number; primary: boolean }
export interface Attendee { email: string; name: string | null; person_id: number | null; status: string | null; is_organizer: boolean; user_id: number | null }

export interface Activity {
  id: number;
  subject: string;
  type: string;
  owner_id: number;
  creator_user_id: number;
  is_deleted: boolean;
  add_time: string;
  update_time: string;
  deal_id: number | null;
  lead_id: string | null;
  person_id: number | null;
  org_id: number | null;
  project_id: number | null;
  due_date: string | null;
  due_time: string | null;
  duration: string | null;
  busy: boolean;
  done: boolean;
  marked_as_done_time: string | null;
  location: { value: string } | null;
  participants: Participant[];
  attendees: Attendee[];
  public_description: string | null;
  priority: number | null;
  note: string | null;
}

export interface Lead {
  id: string;
  title: string;
  owner_id: number;
  creator_id: number;
  label_ids: string[];
  person_id: number | null;
  organization_id: number | null;
  source_name: string;
  origin: string;
  origin_id: string | null;
  channel: number | null;
  channel_id: string | null;
  source_deal_id: number | null;
  is_archived: boolean;
  was_seen: boolean;
  value: { amount: number; currency: string } | null;
  expected_close_date: string | null;
  next_activity_id: number | null;
  add_time: string;
  update_time: string;
  visible_to: string;
  cc_email: string;
}

export interface LeadLabel { id: string; name: string; color: string; add_time: string; update_time: string }

/** Keys of the company's custom fields (40-char hashes, as Pipedrive generates them). */
export interface CustomFieldKeys { personLinkedIn: string; personSource: string; dealChannel: string }

export interface CompanyState {
  companyId: number;
  companyName: string;
  companyDomain: string;
  users: User[];
  organizations: Map<number, Organization>;
  persons: Map<number, Person>;
  activities: Map<number, Activity>;
  /** Insertion order is creation order, which is the leads list's default order. */
  leads: Map<string, Lead>;
  leadLabels: LeadLabel[];
  customFields: CustomFieldKeys;
  nextIds: { organization: number; person: number; activity: number };
}

/** v2 timestamps are RFC 3339 without fractions, e.g. `2025-01-01T10:20:00Z` (§3.2). */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** v1 lead timestamps are ISO 8601 with milliseconds (SDK `models/lead.ts`). */
export function iso8601(ms: number): string {
  return new Date(ms).toISOString();
}
