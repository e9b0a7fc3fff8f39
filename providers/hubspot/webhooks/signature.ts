import { createHmac } from 'node:crypto';

/**
 * HubSpot's v3 request signature (developers.hubspot.com "Validating requests", v3; reference/
 * providers.md §1.8 marks the details UNCONFIRMED there): base64 HMAC-SHA256, keyed with the app's
 * client secret, of method + URI + raw body + the `X-HubSpot-Request-Timestamp` value (epoch ms).
 * The URI is the full URL the request was sent to, with these escapes decoded as HubSpot does
 * before signing. Requests older than 5 minutes are rejected. The sandbox signs with this same code.
 */
export const SIGNATURE_HEADER = 'x-hubspot-signature-v3';
export const TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';
export const MAX_AGE_MS = 5 * 60 * 1000;

const DECODED: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

export function hubspotUri(url: string): string {
  return url.replace(/%3A|%2F|%3F|%40|%21|%24|%27|%28|%29|%2A|%2C|%3B/gi, (m) => DECODED[m.toUpperCase()]!);
}

export function signV3(secret: string, input: { method: string; url: string; rawBody: string; timestamp: string }): string {
  return createHmac('sha256', secret).update(`${input.method.toUpperCase()}${hubspotUri(input.url)}${input.rawBody}${input.timestamp}`).digest('base64');
}
