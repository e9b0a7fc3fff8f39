/**
 * React bindings of the Connect widget: `useGatewayConnect` loads the gateway's embed.js and opens
 * the widget with a connect token minted by your back end; `ConnectButton` is a button doing that.
 * React is the only run-time dependency (a peer). Written without JSX so no JSX setup is needed.
 */
import { createElement, useCallback, useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { loadEmbed, type ConnectEvent, type ConnectHandle, type GatewayConnectSdk } from './embed-loader';

export type { ConnectEvent } from './embed-loader';

export interface GatewayConnection { connectionId: string; provider: string }

/**
 * `loading` until embed.js is loaded; `ready` to open; `open` while the widget shows; `connected`
 * once an end user connected (until the next open); `error` for the widget's last error (it stays
 * open so the user can try again) or when embed.js cannot load.
 */
export type ConnectStatus = 'loading' | 'ready' | 'open' | 'connected' | 'error';

export interface UseGatewayConnectOptions {
  /** The gateway's origin, e.g. `https://gateway.example.com`: embed.js and the widget come from it. */
  gatewayUrl: string;
  /** Every widget event as it comes (`ready`, `connected`, `error`, `close`). */
  onEvent?: (event: ConnectEvent) => void;
  /** Where to show the widget (default: a full-screen overlay). */
  container?: HTMLElement | null;
}

export interface GatewayConnectState {
  status: ConnectStatus;
  /** The connection made in the last opening of the widget. */
  connection: GatewayConnection | null;
  error: { code: string; message: string } | null;
  /** Opens the widget with a connect token (`ct_…`, single use: mint one per opening). */
  open(token: string): void;
  close(): void;
}

export function useGatewayConnect(options: UseGatewayConnectOptions): GatewayConnectState {
  const { gatewayUrl } = options;
  const [sdk, setSdk] = useState<GatewayConnectSdk | null>(null);
  const [status, setStatus] = useState<ConnectStatus>('loading');
  const [connection, setConnection] = useState<GatewayConnection | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const handle = useRef<ConnectHandle | null>(null);
  // The latest callbacks without re-running effects when the host passes new functions.
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    let live = true;
    loadEmbed(gatewayUrl).then(
      (loaded) => { if (live) { setSdk(() => loaded); setStatus('ready'); } },
      (err: unknown) => { if (live) { setStatus('error'); setError({ code: 'EMBED_LOAD_FAILED', message: err instanceof Error ? err.message : String(err) }); } },
    );
    return () => { live = false; };
  }, [gatewayUrl]);

  // The widget does not outlive the component that opened it.
  useEffect(() => () => { const h = handle.current; handle.current = null; h?.close(); }, []);

  const open = useCallback((token: string) => {
    if (!sdk) throw new Error('useGatewayConnect: embed.js is not loaded yet (status is not ready)');
    handle.current?.close();
    setConnection(null);
    setError(null);
    setStatus('open');
    const opened: ConnectHandle = sdk.open({
      token,
      container: latest.current.container ?? undefined,
      onEvent: (event) => {
        if (handle.current !== opened && event.type !== 'close') return;
        if (event.type === 'connected') { setConnection({ connectionId: event.connectionId, provider: event.provider }); setStatus('connected'); }
        if (event.type === 'error') { setError({ code: event.code, message: event.message }); setStatus('error'); }
        if (event.type === 'close' && handle.current === opened) {
          handle.current = null;
          setStatus((s) => (s === 'open' ? 'ready' : s));
        }
        latest.current.onEvent?.(event);
      },
    });
    handle.current = opened;
  }, [sdk]);

  const close = useCallback(() => { handle.current?.close(); }, []);

  return { status, connection, error, open, close };
}

export interface ConnectButtonProps {
  gatewayUrl: string;
  /**
   * The connect token, or a function fetching one from your back end (which calls
   * POST /v1/connect/tokens with its secret key) when the button is clicked.
   */
  token: string | (() => Promise<string>);
  onConnected?: (connection: GatewayConnection) => void;
  onEvent?: (event: ConnectEvent) => void;
  /** Called when the token cannot be fetched. */
  onError?: (error: unknown) => void;
  children?: ReactNode;
  className?: string;
  disabled?: boolean;
}

/** A button that opens the Connect widget; disabled while embed.js loads or a token is fetched. */
export function ConnectButton(props: ConnectButtonProps): ReactElement {
  const [fetching, setFetching] = useState(false);
  const connect = useGatewayConnect({
    gatewayUrl: props.gatewayUrl,
    onEvent: (event) => {
      if (event.type === 'connected') props.onConnected?.({ connectionId: event.connectionId, provider: event.provider });
      props.onEvent?.(event);
    },
  });
  const onClick = async (): Promise<void> => {
    setFetching(true);
    try {
      connect.open(typeof props.token === 'string' ? props.token : await props.token());
    } catch (err) {
      props.onError?.(err);
    } finally {
      setFetching(false);
    }
  };
  return createElement('button', {
    type: 'button',
    className: props.className,
    disabled: props.disabled || fetching || connect.status === 'loading' || connect.status === 'open',
    'data-status': connect.status,
    onClick: () => { void onClick(); },
  }, props.children ?? 'Connect your CRM');
}
