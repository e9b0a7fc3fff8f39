/**
 * Host-page SDK, served at /connect/embed.js:
 *   GatewayConnect.open({ token, onEvent })
 * opens the widget in an iframe from the gateway and forwards its typed events. The gateway origin
 * is the origin this script was loaded from, and only messages from that origin *and* from our
 * own iframe are accepted.
 */
import { toWidgetEvent, type ConnectEvent } from './events';

export interface OpenOptions {
  /** The connect token (`ct_…`) minted by the app's back end. */
  token: string;
  onEvent?: (event: ConnectEvent) => void;
  /** Where to put the widget; default: a full-screen overlay on document.body. */
  container?: HTMLElement;
}

export interface ConnectHandle { close(): void }

function scriptOrigin(): string {
  // currentScript is only set while this script first runs, so it is read at load time.
  const current = document.currentScript as HTMLScriptElement | null;
  const src = current?.src
    ?? Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]')).map((s) => s.src).find((s) => /\/connect\/embed\.js(\?|$)/.test(s));
  if (!src) throw new Error('GatewayConnect: cannot tell which gateway embed.js was loaded from');
  return new URL(src).origin;
}

const GATEWAY_ORIGIN = scriptOrigin();

function overlay(): HTMLDivElement {
  // Styles set through the CSSOM, not a style attribute or <style>, so a strict host CSP allows them.
  const el = document.createElement('div');
  el.setAttribute('data-gateway-connect-overlay', '');
  Object.assign(el.style, {
    position: 'fixed', inset: '0', zIndex: '2147483647', background: 'rgba(15, 23, 42, 0.55)',
    display: 'flex', alignItems: 'center', justifyContent: 'center',
  });
  return el;
}

function open(options: OpenOptions): ConnectHandle {
  if (!options || typeof options.token !== 'string' || !options.token) throw new Error('GatewayConnect.open: token is required');
  const onEvent = options.onEvent ?? ((): void => undefined);

  const iframe = document.createElement('iframe');
  iframe.setAttribute('data-gateway-connect', '');
  iframe.title = 'Connect your CRM';
  // The token goes in the fragment: never sent to a server, never in a Referer.
  iframe.src = `${GATEWAY_ORIGIN}/connect#token=${encodeURIComponent(options.token)}`;
  Object.assign(iframe.style, {
    border: '0', width: '100%', maxWidth: '440px', height: '100%', maxHeight: '640px', background: '#fff', borderRadius: '12px',
  });

  const wrapper = options.container ? null : overlay();
  (wrapper ?? options.container as HTMLElement).appendChild(iframe);
  if (wrapper) document.body.appendChild(wrapper);

  let closed = false;
  const teardown = (): void => {
    if (closed) return;
    closed = true;
    window.removeEventListener('message', onMessage);
    (wrapper ?? iframe).remove();
  };

  function onMessage(e: MessageEvent): void {
    if (e.origin !== GATEWAY_ORIGIN || e.source !== iframe.contentWindow) return;
    const event = toWidgetEvent(e.data);
    if (!event) return;
    if (event.type === 'close') teardown();
    onEvent(event);
  }
  window.addEventListener('message', onMessage);

  // A click on the backdrop closes too: the widget might not be able to (e.g. an invalid token
  // leaves it without an origin it may message).
  wrapper?.addEventListener('click', (e) => {
    if (e.target === wrapper && !closed) { teardown(); onEvent({ type: 'close' }); }
  });

  return {
    close(): void {
      if (closed) return;
      teardown();
      onEvent({ type: 'close' });
    },
  };
}

(window as unknown as { GatewayConnect: { open: typeof open } }).GatewayConnect = { open };
