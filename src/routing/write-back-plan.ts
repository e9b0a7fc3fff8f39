import type { Meeting, MeetingInput } from '../provider-sdk/unified-models';
import type { MatchKind } from '../enrich/match';

/** What a write-back must write, fixed when the booking succeeds (stored as the write-back's plan). */
export interface WriteBackPlan {
  email: string;
  name: string | null;
  /** The company a created lead gets (CRMs that require one): given, else the email's domain. */
  company: string;
  match: MatchKind;
  /** The matched contact, or the contact the matched lead hangs off. */
  contactId: string | null;
  /** The matched lead. */
  leadId: string | null;
  scheduler: string;
  meeting: { id: string; title: string | null; startTime: string | null; endTime: string | null; timezone: string | null };
  bookingPage: { id: string; name: string; url: string | null };
}

export function planOf(args: {
  email: string; name: string | null; company: string | null; match: MatchKind; contactId: string | null; leadId: string | null; scheduler: string;
  meeting: Meeting; bookingPage: { id: string; name: string; url: string | null };
}): WriteBackPlan {
  const { meeting } = args;
  return {
    email: args.email, name: args.name, company: args.company ?? args.email.split('@')[1], match: args.match, contactId: args.contactId, leadId: args.leadId, scheduler: args.scheduler,
    meeting: { id: meeting.id, title: meeting.title, startTime: meeting.startTime, endTime: meeting.endTime, timezone: meeting.timezone },
    bookingPage: args.bookingPage,
  };
}

/**
 * The CRM meeting for a booking: its time, title, the attendee, tied to the person (`personId`: a
 * contact, or a lead where the CRM ties meetings to leads), and in the description the booking's
 * id and page link, which is how a person (or a later check) finds the booking from the CRM.
 */
export function crmMeetingInput(plan: WriteBackPlan, personId: string, attendeeContactId: string | null): MeetingInput {
  const link = plan.bookingPage.url ? ` ${plan.bookingPage.url}` : '';
  return {
    title: plan.meeting.title ?? plan.bookingPage.name,
    description: `Booked through ${plan.scheduler} by ${plan.email} (${bookingMark(plan)}, ${plan.bookingPage.name}${link})`,
    startTime: plan.meeting.startTime ?? undefined,
    endTime: plan.meeting.endTime,
    // CRMs take meeting attendees as contacts: a person who is only a lead is tied through contactIds alone.
    ...(attendeeContactId ? { attendees: [{ email: plan.email, name: plan.name, contactId: attendeeContactId }] } : {}),
    contactIds: [personId],
  };
}

/** How the CRM meeting names its booking: what a retry looks for before creating another. */
export function bookingMark(plan: WriteBackPlan): string {
  return `booking ${plan.meeting.id}`;
}

/** First name = everything before the last space; a single word is a last name (CRMs require that one). */
export function splitName(name: string | null, email: string): { firstName: string | null; lastName: string } {
  const clean = (name ?? '').trim();
  if (clean === '') return { firstName: null, lastName: email.split('@')[0] };
  const cut = clean.lastIndexOf(' ');
  return cut < 0 ? { firstName: null, lastName: clean } : { firstName: clean.slice(0, cut), lastName: clean.slice(cut + 1) };
}
