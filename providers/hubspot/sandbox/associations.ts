import type { AccountState, Edge, HsRecord, ObjectType } from './state';

/**
 * HUBSPOT_DEFINED association types the sandbox knows (reference/providers.md §1.4, §1.5). The v3
 * read names (`meeting_event_to_contact`, …) and the reverse names are UNCONFIRMED for leads.
 */
interface AssociationType { from: ObjectType; to: ObjectType; name: string; reverseName: string; reverseId?: number; label?: string }

export const PRIMARY_CONTACT_OF_LEAD = 578;

const TYPES: Record<number, AssociationType> = {
  // Reverse ids 579/609 and the "Primary" label (v4 reads) are UNCONFIRMED: HubSpot pairs type ids as n/n+1 (199/200, 600/601).
  578: { from: 'leads', to: 'contacts', name: 'lead_to_primary_contact', reverseName: 'primary_contact_to_lead', reverseId: 579, label: 'Primary' },
  608: { from: 'leads', to: 'contacts', name: 'lead_to_contact', reverseName: 'contact_to_lead', reverseId: 609 },
  600: { from: 'leads', to: 'meetings', name: 'lead_to_meeting_event', reverseName: 'meeting_event_to_lead', reverseId: 601 },
  601: { from: 'meetings', to: 'leads', name: 'meeting_event_to_lead', reverseName: 'lead_to_meeting_event', reverseId: 600 },
  200: { from: 'meetings', to: 'contacts', name: 'meeting_event_to_contact', reverseName: 'contact_to_meeting_event', reverseId: 199 },
  199: { from: 'contacts', to: 'meetings', name: 'contact_to_meeting_event', reverseName: 'meeting_event_to_contact', reverseId: 200 },
};

/** The target object type of an association type id written from `from`, or null when it does not apply. */
export function associationTarget(from: ObjectType, typeId: number): ObjectType | null {
  const t = TYPES[typeId];
  return t && t.from === from ? t.to : null;
}

/** An association type given as an id (`200`) or a v3 name (`meeting_event_to_contact`) from `from` to `to`. */
export function resolveAssociationType(from: ObjectType, to: ObjectType, raw: string): number | null {
  for (const [id, t] of Object.entries(TYPES)) {
    if (t.from === from && t.to === to && (raw === id || raw.toLowerCase() === t.name)) return Number(id);
  }
  return null;
}

/** Removes one association between two records, whichever side wrote it. */
export function removeAssociation(state: AccountState, from: { type: ObjectType; id: string }, to: { type: ObjectType; id: string }, typeId: number): void {
  const reverse = TYPES[typeId]?.reverseId;
  state.edges = state.edges.filter((e) => !(
    (e.fromType === from.type && e.fromId === from.id && e.toType === to.type && e.toId === to.id && e.typeId === typeId)
    || (reverse !== undefined && e.fromType === to.type && e.fromId === to.id && e.toType === from.type && e.toId === from.id && e.typeId === reverse)));
}

export function addEdge(state: AccountState, edge: Edge): void {
  const exists = state.edges.some((e) => e.fromType === edge.fromType && e.fromId === edge.fromId
    && e.toType === edge.toType && e.toId === edge.toId && e.typeId === edge.typeId);
  if (!exists) state.edges.push(edge);
}

/** `associations.<toType>.results` of a record as the v3 read APIs show it (both directions, live targets only). */
export function associationsOf(state: AccountState, type: ObjectType, record: HsRecord, toType: ObjectType): { id: string; type: string }[] {
  const seen = new Set<string>();
  const out: { id: string; type: string }[] = [];
  const push = (id: string, name: string): void => {
    const key = `${id}\u0000${name}`;
    const target = state.objects[toType].get(id);
    if (seen.has(key) || !target || target.archived) return;
    seen.add(key);
    out.push({ id, type: name });
  };
  for (const e of state.edges) {
    if (e.fromType === type && e.fromId === record.id && e.toType === toType) push(e.toId, TYPES[e.typeId].name);
    else if (e.toType === type && e.toId === record.id && e.fromType === toType) push(e.fromId, TYPES[e.typeId].reverseName);
  }
  return out.sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * §1.4: "If you remove all primary associations to the lead, the lead will automatically be
 * deleted." Called after a contact is archived or an association removed.
 */
export function archiveOrphanLeads(state: AccountState, nowIso: string): void {
  for (const lead of state.objects.leads.values()) {
    if (lead.archived) continue;
    const hasPrimary = state.edges.some((e) => e.fromType === 'leads' && e.fromId === lead.id && e.typeId === PRIMARY_CONTACT_OF_LEAD
      && state.objects.contacts.get(e.toId)?.archived === false);
    if (!hasPrimary) {
      lead.archived = true;
      lead.archivedAt = nowIso;
      lead.updatedAt = nowIso;
    }
  }
}

/** One association type as the v4 associations API reports it (`AssociationSpecWithLabel`). */
export interface AssociationSpecWithLabel { category: 'HUBSPOT_DEFINED'; typeId: number; label: string | null }

/**
 * The v4 view of a record's associations to one object type: target id → the association types
 * read from this side (an edge written from the other side shows its reverse type id), live targets only.
 */
export function v4AssociationsOf(state: AccountState, type: ObjectType, record: HsRecord, toType: ObjectType): Map<string, AssociationSpecWithLabel[]> {
  const out = new Map<string, AssociationSpecWithLabel[]>();
  const push = (id: string, typeId: number | undefined, label: string | undefined): void => {
    const target = state.objects[toType].get(id);
    if (typeId === undefined || !target || target.archived) return;
    const specs = out.get(id) ?? [];
    if (!specs.some((s) => s.typeId === typeId)) specs.push({ category: 'HUBSPOT_DEFINED', typeId, label: label ?? null });
    out.set(id, specs);
  };
  for (const e of state.edges) {
    if (e.fromType === type && e.fromId === record.id && e.toType === toType) push(e.toId, e.typeId, TYPES[e.typeId].label);
    else if (e.toType === type && e.toId === record.id && e.fromType === toType) push(e.fromId, TYPES[e.typeId].reverseId, TYPES[e.typeId].label);
  }
  return new Map([...out.entries()].sort(([a], [b]) => Number(a) - Number(b)));
}
