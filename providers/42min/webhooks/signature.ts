import { createHmac } from 'node:crypto';

/**
 * 42min's webhook signature. UNCONFIRMED: the seeds name the booking.* webhooks (003: booking.updated
 * with changed_fields, booking.rescheduled, booking.canceled) but not how they are signed. The
 * sandbox and the adapter share this choice, written down in ../README.md:
 * `X-42min-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` keyed with the
 * secret given when the webhook was registered; deliveries older than 5 minutes are refused.
 */
export const SIGNATURE_HEADER = 'x-42min-signature';
export const MAX_AGE_SECONDS = 300;

export function signature(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, rawBody: string): string {
  return `t=${timestamp},v1=${signature(secret, timestamp, rawBody)}`;
}

/** `t=…,v1=…` → its parts; null when malformed. */
export function parseSignatureHeader(header: string): { timestamp: number; v1: string[] } | null {
  let timestamp: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d{1,12}$/.test(v)) timestamp = Number(v);
    else if (k === 'v1' && v) v1.push(v);
  }
  return timestamp === null || v1.length === 0 ? null : { timestamp, v1 };
}
