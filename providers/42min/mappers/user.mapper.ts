import type { User } from '../../../src/provider-sdk';
import type { HostUser } from './booking.types';

/** A 42min host → unified user; `user_id` is the id bookings name in `host.user_id` (a meeting's ownerId). */
export function toUnifiedUser(h: HostUser): User {
  return { id: h.user_id, name: h.name ?? null, email: h.email ?? null, active: h.active !== false, remoteData: h };
}
