/** What the gateway's /connect/embed.js puts on window (connect-widget/src/embed.ts). */
export type ConnectEvent =
  | { type: 'ready' }
  | { type: 'connected'; connectionId: string; provider: string }
  | { type: 'error'; code: string; message: string }
  | { type: 'close' };

export interface ConnectHandle { close(): void }
export interface GatewayConnectSdk {
  open(options: { token: string; onEvent?: (event: ConnectEvent) => void; container?: HTMLElement }): ConnectHandle;
}

type WithSdk = Window & { GatewayConnect?: GatewayConnectSdk };

const loads = new Map<string, Promise<GatewayConnectSdk>>();

/**
 * Loads `<gateway>/connect/embed.js` once per page. The script takes its gateway origin from its
 * own src, so it must come from the gateway itself; one gateway per page.
 */
export function loadEmbed(gatewayUrl: string): Promise<GatewayConnectSdk> {
  const src = `${gatewayUrl.replace(/\/+$/, '')}/connect/embed.js`;
  const existing = (window as WithSdk).GatewayConnect;
  if (existing) return Promise.resolve(existing);
  let load = loads.get(src);
  if (!load) {
    load = new Promise<GatewayConnectSdk>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.async = true;
      script.onload = () => {
        const sdk = (window as WithSdk).GatewayConnect;
        if (sdk) resolve(sdk); else reject(new Error(`${src} loaded without defining GatewayConnect`));
      };
      script.onerror = () => { loads.delete(src); script.remove(); reject(new Error(`Could not load ${src}`)); };
      document.head.appendChild(script);
    });
    loads.set(src, load);
  }
  return load;
}
