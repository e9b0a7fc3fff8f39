/**
 * The messages exchanged between the host page (embed.ts), the widget iframe (widget.ts) and the
 * OAuth popup's result page (served by the gateway, see src/connect/result-page.ts). Shared by both
 * bundles so the two sides cannot disagree on the shape.
 */

/** What the host's `onEvent` receives (API.md § Connect widget). */
export type ConnectEvent =
  | { type: 'ready' }
  | { type: 'connected'; connectionId: string; provider: string }
  | { type: 'error'; code: string; message: string }
  | { type: 'close' };

export type ConnectEventType = ConnectEvent['type'];

/** Tags widget → host messages, so the host ignores anything else posted to its window. */
export const WIDGET_MESSAGE_SOURCE = 'gateway-connect';
/** Tag of the OAuth popup's result page (must match the gateway's callback.js). */
export const POPUP_MESSAGE_SOURCE = 'gateway-connect-popup';

export interface WidgetMessage { source: typeof WIDGET_MESSAGE_SOURCE; event: ConnectEvent }

export type PopupResult =
  | { source: typeof POPUP_MESSAGE_SOURCE; type: 'connected'; connectionId: string; provider: string }
  | { source: typeof POPUP_MESSAGE_SOURCE; type: 'error'; code: string; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string';

/** Validates an event field by field: a message is untrusted input even from an expected origin. */
export function toConnectEvent(v: unknown): ConnectEvent | null {
  if (!isRecord(v)) return null;
  switch (v.type) {
    case 'ready': return { type: 'ready' };
    case 'close': return { type: 'close' };
    case 'connected':
      return isString(v.connectionId) && isString(v.provider) ? { type: 'connected', connectionId: v.connectionId, provider: v.provider } : null;
    case 'error':
      return isString(v.code) && isString(v.message) ? { type: 'error', code: v.code, message: v.message } : null;
    default: return null;
  }
}

export function toWidgetEvent(data: unknown): ConnectEvent | null {
  if (!isRecord(data) || data.source !== WIDGET_MESSAGE_SOURCE) return null;
  return toConnectEvent(data.event);
}

export function toPopupResult(data: unknown): PopupResult | null {
  if (!isRecord(data) || data.source !== POPUP_MESSAGE_SOURCE) return null;
  const e = toConnectEvent(data);
  if (e?.type === 'connected') return { source: POPUP_MESSAGE_SOURCE, ...e };
  if (e?.type === 'error') return { source: POPUP_MESSAGE_SOURCE, ...e };
  return null;
}
