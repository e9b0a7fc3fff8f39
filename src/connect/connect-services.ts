import type { AppDeps } from '../app-deps';
import { ConnectTokens } from './connect-tokens';
import { ConnectionService } from './connection-service';
import { OAuthFlow } from './oauth-flow';

export interface ConnectServices { tokens: ConnectTokens; connections: ConnectionService; oauth: OAuthFlow }

const byDeps = new WeakMap<AppDeps, ConnectServices>();

/** One set of connect services per app (routes of several files share them). */
export function connectServices(deps: AppDeps): ConnectServices {
  let s = byDeps.get(deps);
  if (!s) {
    const tokens = new ConnectTokens(deps.store);
    const connections = new ConnectionService(deps);
    s = { tokens, connections, oauth: new OAuthFlow(deps, tokens, connections) };
    byDeps.set(deps, s);
  }
  return s;
}
