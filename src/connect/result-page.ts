/**
 * The page the OAuth popup lands on. It carries the outcome in data attributes and loads
 * /connect/assets/callback.js (no inline script: the CSP forbids it), which posts the outcome to
 * the widget that opened the popup (same origin: the gateway's) and closes the window.
 */
export type ResultView =
  | { type: 'connected'; connectionId: string; provider: string }
  | { type: 'error'; code: string; message: string };

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export const CONNECT_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "base-uri 'none'", "form-action 'none'",
].join('; ');

export function renderResultPage(view: ResultView): string {
  const attrs = view.type === 'connected'
    ? `data-type="connected" data-connection-id="${esc(view.connectionId)}" data-provider="${esc(view.provider)}"`
    : `data-type="error" data-code="${esc(view.code)}" data-message="${esc(view.message)}"`;
  const text = view.type === 'connected'
    ? 'Connected. You can close this window.'
    : `Could not connect: ${esc(view.message)} (${esc(view.code)}). You can close this window.`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Connect</title><script src="/connect/assets/callback.js" defer></script></head>
<body><main id="result" ${attrs}><p role="status">${text}</p></main></body></html>`;
}

/** Served at /connect/assets/callback.js: reports the outcome to the opener (the widget iframe) and closes. */
export const CALLBACK_SCRIPT = `(function () {
  var el = document.getElementById('result');
  if (!el) return;
  var d = el.dataset;
  var msg = d.type === 'connected'
    ? { source: 'gateway-connect-popup', type: 'connected', connectionId: d.connectionId, provider: d.provider }
    : { source: 'gateway-connect-popup', type: 'error', code: d.code, message: d.message };
  if (window.opener) {
    window.opener.postMessage(msg, window.location.origin);
    window.close();
  }
})();
`;
