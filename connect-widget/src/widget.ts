/**
 * The widget iframe app served at /connect. A small state machine:
 *   loading → choose → [method: OAuth or API key, when the provider offers both] → authorizing (OAuth popup) | apiKey (form) → done | error
 * It talks to the gateway with the connect token (from location.hash) and reports to the host
 * only with parent.postMessage(msg, allowedOrigin) — never '*'.
 */
import { WIDGET_MESSAGE_SOURCE, toPopupResult, type ConnectEvent, type WidgetMessage } from './events';

type AuthType = 'oauth2' | 'api_key';
interface ConfigField { name: string; label: string; format: 'uri' | 'hostname' | 'text'; required: boolean; description: string | null }
interface Provider {
  id: string; name: string; authType: AuthType; authTypes?: AuthType[]; connectionConfig?: ConfigField[]; connectionStatus: string | null;
}
interface Session { endUserId: string; mode: string; allowedOrigin: string | null; providers: Provider[] }

type State =
  | { kind: 'loading' }
  | { kind: 'choose'; notice?: string }
  | { kind: 'method'; provider: Provider }
  | { kind: 'authorizing'; provider: Provider; blocked: boolean }
  | { kind: 'apiKey'; provider: Provider; error?: string; busy: boolean }
  | { kind: 'done'; provider: Provider | null; connectionId: string }
  | { kind: 'error'; code: string; message: string; retry: boolean };

const root = document.getElementById('app') as HTMLElement;
const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? '';
// Keep the token out of the address bar and history once read.
history.replaceState(null, '', location.pathname);

let session: Session | null = null;
let state: State = { kind: 'loading' };
let popup: Window | null = null;
let popupWatch: number | undefined;
/** Connection settings typed per provider, kept when the form re-renders with an error (the key is not kept). */
const configDraft = new Map<string, Record<string, string>>();

/** Sends an event to the host page, only to the token's origin; nothing when unknown or standalone. */
function emit(event: ConnectEvent): void {
  const origin = session?.allowedOrigin;
  if (!origin || window.parent === window) return;
  const msg: WidgetMessage = { source: WIDGET_MESSAGE_SOURCE, event };
  window.parent.postMessage(msg, origin);
}

// ---- rendering -------------------------------------------------------------------------------

type Child = Node | string | null | false;
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== false) el.append(c);
  return el;
}
function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

function header(title: string): HTMLElement {
  return h('header', { class: 'bar' },
    h('h1', { id: 'title', tabindex: '-1' }, title),
    session?.allowedOrigin && window.parent !== window ? button('×', () => emit({ type: 'close' }), { class: 'close', 'aria-label': 'Close' }) : null);
}

function view(s: State): Node[] {
  switch (s.kind) {
    case 'loading':
      return [h('p', { class: 'status', role: 'status' }, 'Loading…')];
    case 'choose': {
      const providers = session?.providers ?? [];
      return [
        header('Connect your CRM'),
        s.notice ? h('p', { class: 'notice', role: 'status' }, s.notice) : null,
        providers.length === 0 ? h('p', {}, 'No provider is available for this link.') : null,
        h('ul', { class: 'providers' }, ...providers.map((p) => h('li', {}, providerButton(p)))),
      ].filter((n): n is HTMLElement => n !== null);
    }
    case 'method':
      // The provider's order: OAuth first where it offers it.
      return [
        header(`Connect ${s.provider.name}`),
        h('p', {}, `How do you want to connect ${s.provider.name}?`),
        h('ul', { class: 'providers' }, ...(s.provider.authTypes ?? [s.provider.authType]).map((t) => h('li', {}, t === 'oauth2'
          ? button(`Sign in with ${s.provider.name}`, () => startOAuth(s.provider), { class: 'provider', 'data-method': 'oauth2' })
          : button('Use an API key', () => setState({ kind: 'apiKey', provider: s.provider, busy: false }), { class: 'provider', 'data-method': 'api_key' })))),
        button('Back', backToChoose, { class: 'secondary' }),
      ];
    case 'authorizing':
      return [
        header(`Connect ${s.provider.name}`),
        s.blocked
          ? h('div', { class: 'notice warn', role: 'alert' },
            h('p', {}, 'Your browser blocked the sign-in window. Allow pop-ups for this site, then try again.'),
            button('Open the sign-in window', () => startOAuth(s.provider), { class: 'primary', id: 'retry-popup' }))
          : h('p', { class: 'status', role: 'status' }, `Finish signing in to ${s.provider.name} in the window that opened…`),
        button('Back', backToChoose, { class: 'secondary' }),
      ];
    case 'apiKey': {
      const input = h('input', { id: 'api-key', name: 'apiKey', type: 'password', autocomplete: 'off', required: '', spellcheck: 'false' });
      // The provider's connection settings (e.g. the base URL of the customer's own instance).
      const fields = (s.provider.connectionConfig ?? []).map((f) => ({
        field: f,
        input: h('input', {
          id: `config-${f.name}`, name: f.name, type: f.format === 'uri' ? 'url' : 'text', autocomplete: 'off', spellcheck: 'false',
          ...(f.required ? { required: '' } : {}), ...(f.description ? { placeholder: f.description } : {}),
          value: configDraft.get(s.provider.id)?.[f.name] ?? '',
        }),
      }));
      const form = h('form', { class: 'api-key', novalidate: '' },
        ...fields.flatMap(({ field, input: i }) => [h('label', { for: i.id }, field.label), i]),
        h('label', { for: 'api-key' }, `${s.provider.name} API key`),
        input,
        s.error ? h('p', { class: 'notice error', role: 'alert' }, s.error) : null,
        h('button', { type: 'submit', class: 'primary', ...(s.busy ? { disabled: '' } : {}) }, s.busy ? 'Checking…' : 'Connect'),
        button('Back', backToChoose, { class: 'secondary' }));
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const config = Object.fromEntries(fields.map(({ field, input: i }) => [field.name, i.value.trim()]).filter(([, v]) => v !== ''));
        configDraft.set(s.provider.id, config);
        void submitApiKey(s.provider, input.value, config);
      });
      return [header(`Connect ${s.provider.name}`), form];
    }
    case 'done':
      return [
        header('Connected'),
        h('p', { class: 'notice ok', role: 'status' }, `${s.provider?.name ?? 'Your CRM'} is connected.`),
        session?.allowedOrigin && window.parent !== window ? button('Done', () => emit({ type: 'close' }), { class: 'primary' }) : null,
      ].filter((n): n is HTMLElement => n !== null);
    case 'error':
      return [
        header('Could not connect'),
        h('p', { class: 'notice error', role: 'alert' }, `${s.message} (${s.code})`),
        s.retry ? button('Try again', backToChoose, { class: 'primary' }) : null,
      ].filter((n): n is HTMLElement => n !== null);
  }
}

function providerButton(p: Provider): HTMLButtonElement {
  const connected = p.connectionStatus === 'active';
  const label = connected ? `${p.name} — connected` : p.connectionStatus === 'needs_reauth' ? `Reconnect ${p.name}` : `Connect ${p.name}`;
  const b = button(label, () => choose(p), { class: 'provider', 'data-provider': p.id });
  if (connected) b.disabled = true;
  return b;
}

function setState(next: State): void {
  state = next;
  root.replaceChildren(...view(next));
  // Move focus to the new content so keyboard and screen-reader users follow the flow.
  const target = ['#retry-popup', 'input', '#title'].map((sel) => root.querySelector<HTMLElement>(sel)).find((el) => el !== null);
  target?.focus();
}

// ---- transitions -----------------------------------------------------------------------------

function backToChoose(): void {
  stopWatchingPopup();
  setState({ kind: 'choose' });
}

function choose(p: Provider): void {
  const types = p.authTypes ?? [p.authType];
  if (types.length > 1) setState({ kind: 'method', provider: p });
  else if (types[0] === 'api_key') setState({ kind: 'apiKey', provider: p, busy: false });
  else startOAuth(p);
}

function startOAuth(p: Provider): void {
  stopWatchingPopup();
  // Opened synchronously inside the click handler, or browsers block it.
  popup = window.open(`/connect/oauth/${encodeURIComponent(p.id)}/start?token=${encodeURIComponent(token)}`,
    'gateway-connect-oauth', 'popup,width=520,height=700');
  if (!popup) { setState({ kind: 'authorizing', provider: p, blocked: true }); return; }
  setState({ kind: 'authorizing', provider: p, blocked: false });
  const opened = popup;
  popupWatch = window.setInterval(() => {
    if (!opened.closed) return;
    stopWatchingPopup();
    // The result message is posted just before the page closes itself; give it a moment to land.
    window.setTimeout(() => {
      if (state.kind === 'authorizing' && popup === opened) setState({ kind: 'choose', notice: 'The sign-in window was closed before finishing.' });
    }, 300);
  }, 400);
}

function stopWatchingPopup(): void {
  if (popupWatch !== undefined) window.clearInterval(popupWatch);
  popupWatch = undefined;
}

function finishConnected(connectionId: string, providerId: string): void {
  const provider = session?.providers.find((p) => p.id === providerId) ?? null;
  if (provider) provider.connectionStatus = 'active';
  setState({ kind: 'done', provider, connectionId });
  emit({ type: 'connected', connectionId, provider: providerId });
}

function fail(code: string, message: string, retry: boolean): void {
  setState({ kind: 'error', code, message, retry });
  emit({ type: 'error', code, message });
}

window.addEventListener('message', (e: MessageEvent) => {
  // Only the result page of the popup we opened, on the gateway's own origin.
  if (e.origin !== location.origin || !popup || e.source !== popup) return;
  const result = toPopupResult(e.data);
  if (!result || state.kind !== 'authorizing') return;
  stopWatchingPopup();
  popup = null;
  if (result.type === 'connected') finishConnected(result.connectionId, result.provider);
  else fail(result.code, result.message, result.code !== 'INVALID_CONNECT_TOKEN');
});

window.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') emit({ type: 'close' });
});

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  let json: Record<string, unknown> = {};
  try { json = (await res.json()) as Record<string, unknown>; } catch { /* not JSON */ }
  return { status: res.status, json };
}

function errorOf(json: Record<string, unknown>): { code: string; message: string } {
  const err = json.error as { code?: unknown; message?: unknown } | undefined;
  return {
    code: typeof err?.code === 'string' ? err.code : 'INTERNAL_ERROR',
    message: typeof err?.message === 'string' ? err.message : 'Something went wrong',
  };
}

async function submitApiKey(p: Provider, apiKey: string, config: Record<string, string> = {}): Promise<void> {
  if (!apiKey.trim()) { setState({ kind: 'apiKey', provider: p, busy: false, error: 'Enter your API key.' }); return; }
  setState({ kind: 'apiKey', provider: p, busy: true });
  try {
    const body = Object.keys(config).length > 0 ? { provider: p.id, apiKey: apiKey.trim(), config } : { provider: p.id, apiKey: apiKey.trim() };
    const res = await api('POST', '/connect/api/connections', body);
    const data = res.json.data as { connectionId?: unknown; provider?: unknown } | undefined;
    if (res.status === 201 && typeof data?.connectionId === 'string') { finishConnected(data.connectionId, p.id); return; }
    const e = errorOf(res.json);
    if (e.code === 'INVALID_CONNECT_TOKEN') { fail(e.code, e.message, false); return; }
    setState({ kind: 'apiKey', provider: p, busy: false, error: `${e.message} (${e.code})` });
    emit({ type: 'error', code: e.code, message: e.message });
  } catch {
    setState({ kind: 'apiKey', provider: p, busy: false, error: 'Network error: please try again.' });
  }
}

/** When the browser tells us who embeds us, refuse any page other than the token's origin. */
function embedderAllowed(allowedOrigin: string | null): boolean {
  if (window.parent === window) return true;
  const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (!ancestors || ancestors.length === 0) return true;
  return allowedOrigin !== null && ancestors[0] === allowedOrigin;
}

async function boot(): Promise<void> {
  if (!token) { setState({ kind: 'error', code: 'INVALID_CONNECT_TOKEN', message: 'This link has no connect token', retry: false }); return; }
  try {
    const res = await api('GET', '/connect/api/session');
    if (res.status !== 200) { const e = errorOf(res.json); setState({ kind: 'error', ...e, retry: false }); return; }
    const s = res.json.data as Session;
    if (!embedderAllowed(s.allowedOrigin)) {
      setState({ kind: 'error', code: 'ORIGIN_NOT_ALLOWED', message: 'This page may not embed this connect link', retry: false });
      return;
    }
    session = s;
    setState({ kind: 'choose' });
    emit({ type: 'ready' });
  } catch {
    setState({ kind: 'error', code: 'NETWORK_ERROR', message: 'Could not reach the gateway', retry: false });
  }
}

void boot();
