/**
 * Schedly's wire shapes (seed 002; the parts the seed leaves open are the sandbox's choices, listed
 * as unconfirmed in ../README.md). Ids are read as strings or numbers: the seed's examples show
 * numbers, the sandbox sends strings, and both become strings in the unified model.
 */
export type WireId = string | number;

/** Every success: `{ status: "success", data }`; lists add `pagination`. */
export interface Success<T> { status: 'success'; data: T; pagination?: Pagination }
export interface Pagination { page: number; limit: number; total: number; hasMore: boolean }

export interface CustomerWire {
  id: WireId;
  name: string | null;
  email?: string | null;
  phone?: string | null;
  notes?: string | null;
  gender?: string | null;
  dateOfBirth?: string | null;
  customFields?: Record<string, unknown> | null;
  totalBookings?: number;
  totalSpent?: number;
  createdAt?: string | null;
  updatedAt?: string | null;
}

export type AppointmentStatus = 'pending' | 'approved' | 'canceled' | 'completed';

export interface AppointmentWire {
  id: WireId;
  serviceId: WireId;
  startTime: string;
  endTime: string;
  status: AppointmentStatus;
  customerId?: WireId | null;
  employeeId?: WireId | null;
  locationId?: WireId | null;
  price?: number | null;
  notes?: string | null;
  cancellationReason?: string | null;
  service?: { name?: string | null } | null;
  customer?: { name?: string | null; email?: string | null } | null;
  employee?: { name?: string | null; email?: string | null } | null;
  createdAt?: string | null;
  updatedAt?: string | null;
}

export interface ServiceWire {
  id: WireId;
  name: string;
  slug?: string | null;
  duration?: number | null;
  price?: number | null;
  currency?: string | null;
  description?: string | null;
  bufferTimeBefore?: number | null;
  bufferTimeAfter?: number | null;
  active?: boolean;
  employeeIds?: WireId[] | null;
  createdAt?: string | null;
  updatedAt?: string | null;
}

export interface EmployeeWire {
  id: WireId;
  name: string | null;
  email?: string | null;
  role?: string | null;
  serviceIds?: WireId[] | null;
  active?: boolean;
  createdAt?: string | null;
  updatedAt?: string | null;
}

export interface SlotWire { start: string; end: string; employeeIds: WireId[] }

/** GET /api/services/custom-fields: the account's customer fields. Options as strings or pairs. */
export interface CustomFieldWire {
  key: string;
  label?: string | null;
  type: string;
  options?: (string | { value: string; label?: string | null })[] | null;
}

/** The request bodies the adapter sends (partial on PUT: only what changes). */
export type CustomerBody = Record<string, unknown>;
export type AppointmentBody = Record<string, unknown>;
