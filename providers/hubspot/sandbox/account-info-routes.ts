import type Router from '@koa/router';
import type { SandboxKit } from '../../../src/provider-sdk';
import { crmRoute } from './auth-guard';
import type { AccountState } from './state';

/**
 * The account information API (official spec `Account/Account Info`): `GET /account-info/v3/details`
 * (PortalInformationResponse) and `GET /account-info/2026-09/details`, which adds the optional
 * `portalName` and `createdAt`. Scope `oauth`; authenticated, gated and budgeted like the CRM routes.
 */
const SCOPES = ['oauth'];
/** The sandbox portal's settings: a US-hosted Standard account (values of the spec's example). */
const SETTINGS = {
  accountType: 'STANDARD', timeZone: 'US/Eastern', companyCurrency: 'USD', additionalCurrencies: ['EUR'],
  utcOffset: '-05:00', utcOffsetMilliseconds: -18_000_000, uiDomain: 'app.hubspot.com', dataHostingLocation: 'na1',
} as const;

function details(state: AccountState): Record<string, unknown> {
  return { portalId: state.hubId, ...SETTINGS };
}

export function registerAccountInfoRoutes(router: Router, kit: SandboxKit): void {
  router.get('/account-info/v3/details', crmRoute(kit, { access: 'read', scopes: SCOPES }, (ctx, req) => {
    ctx.body = details(req.state);
  }));
  router.get('/account-info/2026-09/details', crmRoute(kit, { access: 'read', scopes: SCOPES }, (ctx, req) => {
    const createdAt = Math.min(...req.state.owners.map((o) => Date.parse(o.createdAt)));
    ctx.body = { ...details(req.state), portalName: req.state.portalName, createdAt };
  }));
}
