import type { ObjectType } from './state';

/**
 * The field catalog served at GET /crm/v3/properties/{objectType} and used to validate writes,
 * coerce values and compare search filters. Names and enumerations follow reference/providers.md
 * §1.3–1.5; labels and groups follow HubSpot's defaults where known.
 */
export interface PropertyOption { label: string; value: string; displayOrder: number; hidden: boolean }
export interface PropertyDef {
  name: string;
  label: string;
  type: 'string' | 'number' | 'datetime' | 'enumeration';
  fieldType: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'phonenumber' | 'calculation_equation';
  groupName: string;
  /** Set only by HubSpot (ids, timestamps); writes to them are rejected. */
  readOnly?: boolean;
  /** Fixed options; `external` ones (owners) are not listed, as in HubSpot. */
  options?: string[];
  external?: boolean;
  hasUniqueValue?: boolean;
}

const opt = (values: string[]): string[] => values;

export const MEETING_OUTCOMES = opt(['SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED']);
export const LEAD_LABELS = opt(['COLD', 'WARM', 'HOT']);
export const LEAD_TYPES = opt(['NEW BUSINESS', 'EXISTING BUSINESS', 'RE-ATTEMPTING']);
export const LEAD_STAGES = opt(['new-stage-id', 'attempting-stage-id', 'connected-stage-id', 'qualified-stage-id', 'unqualified-stage-id']);
export const LIFECYCLE_STAGES = opt(['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other']);

const common = (created: string, modified: string, group: string): PropertyDef[] => [
  { name: 'hs_object_id', label: 'Record ID', type: 'number', fieldType: 'number', groupName: group, readOnly: true, hasUniqueValue: true },
  { name: created, label: 'Create Date', type: 'datetime', fieldType: 'date', groupName: group, readOnly: true },
  { name: modified, label: 'Last Modified Date', type: 'datetime', fieldType: 'date', groupName: group, readOnly: true },
  { name: 'hubspot_owner_id', label: 'Owner', type: 'enumeration', fieldType: 'select', groupName: group, external: true },
];

export const CATALOG: Record<ObjectType, PropertyDef[]> = {
  contacts: [
    ...common('createdate', 'lastmodifieddate', 'contactinformation'),
    { name: 'email', label: 'Email', type: 'string', fieldType: 'text', groupName: 'contactinformation', hasUniqueValue: true },
    { name: 'hs_additional_emails', label: 'Additional email addresses', type: 'enumeration', fieldType: 'textarea', groupName: 'contactinformation', readOnly: true },
    { name: 'firstname', label: 'First Name', type: 'string', fieldType: 'text', groupName: 'contactinformation' },
    { name: 'lastname', label: 'Last Name', type: 'string', fieldType: 'text', groupName: 'contactinformation' },
    { name: 'phone', label: 'Phone Number', type: 'string', fieldType: 'phonenumber', groupName: 'contactinformation' },
    { name: 'mobilephone', label: 'Mobile Phone Number', type: 'string', fieldType: 'phonenumber', groupName: 'contactinformation' },
    { name: 'company', label: 'Company Name', type: 'string', fieldType: 'text', groupName: 'contactinformation' },
    { name: 'website', label: 'Website URL', type: 'string', fieldType: 'text', groupName: 'contactinformation' },
    { name: 'jobtitle', label: 'Job Title', type: 'string', fieldType: 'text', groupName: 'contactinformation' },
    { name: 'lifecyclestage', label: 'Lifecycle Stage', type: 'enumeration', fieldType: 'select', groupName: 'contactinformation', options: LIFECYCLE_STAGES },
    { name: 'city', label: 'City', type: 'string', fieldType: 'text', groupName: 'contactinformation' },
    { name: 'country', label: 'Country/Region', type: 'string', fieldType: 'text', groupName: 'contactinformation' },
  ],
  leads: [
    ...common('createdate', 'hs_lastmodifieddate', 'lead_information'),
    { name: 'hs_lead_name', label: 'Lead name', type: 'string', fieldType: 'text', groupName: 'lead_information' },
    { name: 'hs_lead_type', label: 'Lead type', type: 'enumeration', fieldType: 'select', groupName: 'lead_information', options: LEAD_TYPES },
    { name: 'hs_lead_label', label: 'Lead label', type: 'enumeration', fieldType: 'select', groupName: 'lead_information', options: LEAD_LABELS },
    { name: 'hs_pipeline', label: 'Pipeline', type: 'enumeration', fieldType: 'select', groupName: 'lead_information', options: ['lead-pipeline-id'] },
    { name: 'hs_pipeline_stage', label: 'Lead status', type: 'enumeration', fieldType: 'select', groupName: 'lead_information', options: LEAD_STAGES },
    { name: 'hs_associated_contact_email', label: 'Primary contact email', type: 'string', fieldType: 'text', groupName: 'lead_information', readOnly: true },
  ],
  meetings: [
    ...common('hs_createdate', 'hs_lastmodifieddate', 'meeting'),
    { name: 'hs_timestamp', label: 'Activity date', type: 'datetime', fieldType: 'date', groupName: 'meeting' },
    { name: 'hs_meeting_title', label: 'Meeting name', type: 'string', fieldType: 'text', groupName: 'meeting' },
    { name: 'hs_meeting_body', label: 'Meeting description', type: 'string', fieldType: 'textarea', groupName: 'meeting' },
    { name: 'hs_internal_meeting_notes', label: 'Internal meeting notes', type: 'string', fieldType: 'textarea', groupName: 'meeting' },
    { name: 'hs_meeting_external_url', label: 'External URL', type: 'string', fieldType: 'text', groupName: 'meeting' },
    { name: 'hs_meeting_location', label: 'Location', type: 'string', fieldType: 'text', groupName: 'meeting' },
    { name: 'hs_meeting_start_time', label: 'Start Time', type: 'datetime', fieldType: 'date', groupName: 'meeting' },
    { name: 'hs_meeting_end_time', label: 'End Time', type: 'datetime', fieldType: 'date', groupName: 'meeting' },
    { name: 'hs_meeting_outcome', label: 'Meeting outcome', type: 'enumeration', fieldType: 'select', groupName: 'meeting', options: MEETING_OUTCOMES },
    { name: 'hs_activity_type', label: 'Call and meeting type', type: 'enumeration', fieldType: 'select', groupName: 'meeting', options: ['Discovery', 'Demo', 'Follow-up', 'Onboarding'] },
    { name: 'hs_attachment_ids', label: 'Attachment IDs', type: 'enumeration', fieldType: 'text', groupName: 'meeting' },
  ],
};

export function propertyDef(type: ObjectType, name: string): PropertyDef | undefined {
  return CATALOG[type].find((p) => p.name === name);
}

/** The wire shape of one property (GET /crm/v3/properties/{objectType}). */
export function renderProperty(type: ObjectType, p: PropertyDef, index: number): Record<string, unknown> {
  return {
    updatedAt: '2025-01-01T00:00:00Z',
    createdAt: '2019-08-06T02:41:52.664Z',
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: '',
    groupName: p.groupName,
    options: (p.options ?? []).map((value, i) => ({ label: labelOf(value), value, displayOrder: i, hidden: false })),
    displayOrder: index,
    calculated: false,
    externalOptions: p.external === true,
    hasUniqueValue: p.hasUniqueValue === true,
    hidden: false,
    hubspotDefined: true,
    modificationMetadata: { archivable: true, readOnlyDefinition: true, readOnlyValue: p.readOnly === true },
    formField: !p.readOnly && type === 'contacts',
    dataSensitivity: 'non_sensitive',
  };
}

const labelOf = (value: string): string =>
  value.replace(/-stage-id$/, '').replace(/[_-]/g, ' ').toLowerCase().replace(/(^|\s)\S/g, (c) => c.toUpperCase());
