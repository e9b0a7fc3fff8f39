/**
 * Types of the gateway's HTTP API, generated from its /openapi.json by openapi-typescript.
 * Do not edit: change the route specs, then run `npm run generate:client`.
 */

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The gateway can serve: its store answers (503 SERVICE_UNAVAILABLE otherwise) */
        get: operations["ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This API as OpenAPI 3.1 */
        get: operations["openapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rendered API reference */
        get: operations["docs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/assets/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Assets of /docs */
        get: operations["docsAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Providers and the resources and operations each supports */
        get: operations["listProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One provider */
        get: operations["getProvider"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List keys (prefix and last four characters only) */
        get: operations["listApiKeys"];
        put?: never;
        /** Create a secret key (returned once, in `key`) */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a key (it stops working at once) */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sandbox/faults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a fault in a provider sandbox (test keys only) */
        post: operations["injectSandboxFault"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sandbox/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An API key from a provider sandbox, with the connection config it needs, ready for POST /v1/connections (test keys only) */
        post: operations["issueSandboxCredentials"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sandbox/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a provider sandbox received (test keys only) */
        get: operations["getSandboxStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/passthrough/*path": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GET any provider path with the connection's credentials
         * @description Sent to the provider's API base through the same rate limiter, breaker, retries and token refresh as every unified call. The response is the provider's own status and body, streamed as it arrives (never parsed), with its Content-Type, Content-Encoding and Content-Length, its Retry-After and the rate-limit headers its manifest declares, plus X-Request-Id; no other provider header comes back. Failures the gateway owns (5xx and 429 after retries, a 401 that survives a token refresh, an open breaker) are the gateway's error envelope. Query parameters other than provider and endUserId are passed on. A request header `x-passthrough-<Name>` is sent to the provider as `<Name>` (e.g. X-Passthrough-Accept: text/csv). Reserved names are refused with 400 INVALID_INPUT naming the header: authorization, proxy-authorization, cookie, x-api-key, connection, keep-alive, proxy-connection, te, trailer, transfer-encoding, upgrade, host, content-length, content-type, expect, accept-encoding, forwarded, via, x-real-ip, idempotency-key, any X-Forwarded-*, and the header the connection's auth scheme or the provider's idempotency key uses. A write with Idempotency-Key is read whole (up to 8 MiB, larger is 502 PROVIDER_ERROR) so that it can be replayed.
         */
        get: operations["passthroughGet"];
        /**
         * PUT any provider path with the connection's credentials
         * @description Sent to the provider's API base through the same rate limiter, breaker, retries and token refresh as every unified call. The response is the provider's own status and body, streamed as it arrives (never parsed), with its Content-Type, Content-Encoding and Content-Length, its Retry-After and the rate-limit headers its manifest declares, plus X-Request-Id; no other provider header comes back. Failures the gateway owns (5xx and 429 after retries, a 401 that survives a token refresh, an open breaker) are the gateway's error envelope. Query parameters other than provider and endUserId are passed on. A request header `x-passthrough-<Name>` is sent to the provider as `<Name>` (e.g. X-Passthrough-Accept: text/csv). Reserved names are refused with 400 INVALID_INPUT naming the header: authorization, proxy-authorization, cookie, x-api-key, connection, keep-alive, proxy-connection, te, trailer, transfer-encoding, upgrade, host, content-length, content-type, expect, accept-encoding, forwarded, via, x-real-ip, idempotency-key, any X-Forwarded-*, and the header the connection's auth scheme or the provider's idempotency key uses. A write with Idempotency-Key is read whole (up to 8 MiB, larger is 502 PROVIDER_ERROR) so that it can be replayed.
         */
        put: operations["passthroughPut"];
        /**
         * POST any provider path with the connection's credentials
         * @description Sent to the provider's API base through the same rate limiter, breaker, retries and token refresh as every unified call. The response is the provider's own status and body, streamed as it arrives (never parsed), with its Content-Type, Content-Encoding and Content-Length, its Retry-After and the rate-limit headers its manifest declares, plus X-Request-Id; no other provider header comes back. Failures the gateway owns (5xx and 429 after retries, a 401 that survives a token refresh, an open breaker) are the gateway's error envelope. Query parameters other than provider and endUserId are passed on. A request header `x-passthrough-<Name>` is sent to the provider as `<Name>` (e.g. X-Passthrough-Accept: text/csv). Reserved names are refused with 400 INVALID_INPUT naming the header: authorization, proxy-authorization, cookie, x-api-key, connection, keep-alive, proxy-connection, te, trailer, transfer-encoding, upgrade, host, content-length, content-type, expect, accept-encoding, forwarded, via, x-real-ip, idempotency-key, any X-Forwarded-*, and the header the connection's auth scheme or the provider's idempotency key uses. A write with Idempotency-Key is read whole (up to 8 MiB, larger is 502 PROVIDER_ERROR) so that it can be replayed.
         */
        post: operations["passthroughPost"];
        /**
         * DELETE any provider path with the connection's credentials
         * @description Sent to the provider's API base through the same rate limiter, breaker, retries and token refresh as every unified call. The response is the provider's own status and body, streamed as it arrives (never parsed), with its Content-Type, Content-Encoding and Content-Length, its Retry-After and the rate-limit headers its manifest declares, plus X-Request-Id; no other provider header comes back. Failures the gateway owns (5xx and 429 after retries, a 401 that survives a token refresh, an open breaker) are the gateway's error envelope. Query parameters other than provider and endUserId are passed on. A request header `x-passthrough-<Name>` is sent to the provider as `<Name>` (e.g. X-Passthrough-Accept: text/csv). Reserved names are refused with 400 INVALID_INPUT naming the header: authorization, proxy-authorization, cookie, x-api-key, connection, keep-alive, proxy-connection, te, trailer, transfer-encoding, upgrade, host, content-length, content-type, expect, accept-encoding, forwarded, via, x-real-ip, idempotency-key, any X-Forwarded-*, and the header the connection's auth scheme or the provider's idempotency key uses. A write with Idempotency-Key is read whole (up to 8 MiB, larger is 502 PROVIDER_ERROR) so that it can be replayed.
         */
        delete: operations["passthroughDelete"];
        options?: never;
        head?: never;
        /**
         * PATCH any provider path with the connection's credentials
         * @description Sent to the provider's API base through the same rate limiter, breaker, retries and token refresh as every unified call. The response is the provider's own status and body, streamed as it arrives (never parsed), with its Content-Type, Content-Encoding and Content-Length, its Retry-After and the rate-limit headers its manifest declares, plus X-Request-Id; no other provider header comes back. Failures the gateway owns (5xx and 429 after retries, a 401 that survives a token refresh, an open breaker) are the gateway's error envelope. Query parameters other than provider and endUserId are passed on. A request header `x-passthrough-<Name>` is sent to the provider as `<Name>` (e.g. X-Passthrough-Accept: text/csv). Reserved names are refused with 400 INVALID_INPUT naming the header: authorization, proxy-authorization, cookie, x-api-key, connection, keep-alive, proxy-connection, te, trailer, transfer-encoding, upgrade, host, content-length, content-type, expect, accept-encoding, forwarded, via, x-real-ip, idempotency-key, any X-Forwarded-*, and the header the connection's auth scheme or the provider's idempotency key uses. A write with Idempotency-Key is read whole (up to 8 MiB, larger is 502 PROVIDER_ERROR) so that it can be replayed.
         */
        patch: operations["passthroughPatch"];
        trace?: never;
    };
    "/v1/connect/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mint a connect token for the widget (30 minutes, single use); creates or updates the end user */
        post: operations["createConnectToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connect/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the widget shows: the providers this connect token may connect (Bearer ct_…) */
        get: operations["getConnectSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connect/api/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Connect an api_key provider from the widget form (Bearer ct_…) */
        post: operations["connectApiKeyFromWidget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connect/oauth/{provider}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Redirects the popup to the provider's consent page (?token=ct_…) and sets the flow's browser-binding cookie */
        get: operations["startOAuth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connect/oauth/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The OAuth redirect URI: checks the browser-binding cookie, exchanges the code and reports to the widget */
        get: operations["oauthCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connect/assets/callback.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Script of the OAuth result page */
        get: operations["connectCallbackScript"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/end-users/{endUserId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An end user with its connections */
        get: operations["getEndUser"];
        put?: never;
        post?: never;
        /** Delete an end user and all its connections (credentials erased, grants revoked where the provider allows) */
        delete: operations["deleteEndUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List connections */
        get: operations["listConnections"];
        put?: never;
        /** Connect an api_key provider server to server (the key is verified at the provider first) */
        post: operations["createConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One connection */
        get: operations["getConnection"];
        put?: never;
        post?: never;
        /** Revoke at the provider (where supported) and delete */
        delete: operations["deleteConnection"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List contacts */
        get: operations["listContacts"];
        put?: never;
        /** Create a contact */
        post: operations["createContacts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a contact (CONTACT_NOT_FOUND) */
        get: operations["getContact"];
        put?: never;
        post?: never;
        /** Delete a contact */
        delete: operations["deleteContact"];
        options?: never;
        head?: never;
        /** Update a contact (partial) */
        patch: operations["updateContact"];
        trace?: never;
    };
    "/v1/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List leads */
        get: operations["listLeads"];
        put?: never;
        /** Create a lead */
        post: operations["createLeads"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a lead (LEAD_NOT_FOUND) */
        get: operations["getLead"];
        put?: never;
        post?: never;
        /** Delete a lead */
        delete: operations["deleteLead"];
        options?: never;
        head?: never;
        /** Update a lead (partial) */
        patch: operations["updateLead"];
        trace?: never;
    };
    "/v1/meetings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List meetings */
        get: operations["listMeetings"];
        put?: never;
        /** Create a meeting */
        post: operations["createMeetings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a meeting (MEETING_NOT_FOUND) */
        get: operations["getMeeting"];
        put?: never;
        post?: never;
        /** Delete a meeting */
        delete: operations["deleteMeeting"];
        options?: never;
        head?: never;
        /** Update a meeting (partial) */
        patch: operations["updateMeeting"];
        trace?: never;
    };
    "/v1/enrich": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Find people by email across leads and contacts of one connection
         * @description Concurrent calls for one connection are coalesced into provider batch calls; answers are cached briefly (ENRICH_CACHE_TTL_SECONDS) and dropped by the gateway's own writes. When both a lead and a contact match, a lead linked to the contact (converted or associated) defers to the contact; an unlinked open lead wins.
         */
        post: operations["enrich"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The provider's field catalog for a resource (cached per connection) */
        get: operations["listFields"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/field-mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The field mapping of a provider and resource ({} when none is set) */
        get: operations["getFieldMappings"];
        /**
         * Set the field mapping of a provider and resource (account-wide, per mode)
         * @description Each provider field is checked against the catalog of one connection to that provider: the one of `endUserId` when given, else any active connection of the account to that provider; an unknown field is 400 INVALID_INPUT naming it.
         */
        put: operations["putFieldMappings"];
        post?: never;
        /** Remove the field mapping of a provider and resource */
        delete: operations["deleteFieldMappings"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the provider's users (owners, hosts, employees) */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a meeting (a cancelled one comes back unchanged)
         * @description Answers the meeting with status "cancelled" and cancellationReason. If-Match (an ETag of GET /v1/meetings/:id) makes it conditional: a stale one is 409 VERSION_CONFLICT.
         */
        post: operations["cancelMeeting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a meeting to a new start (its duration kept)
         * @description Answers the meeting at its new time: the same id where the provider moves it in place, else the new record with rescheduledFromId. A taken slot is 409 SLOT_UNAVAILABLE. If-Match (an ETag of GET /v1/meetings/:id) makes it conditional: a stale one is 409 VERSION_CONFLICT.
         */
        post: operations["rescheduleMeeting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/booking-pages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List booking pages (event types, booking links, services) */
        get: operations["listBookingPages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Free slots of a booking page, in UTC (range at most 31 days) */
        get: operations["getAvailability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/route-and-book": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Find the CRM owner of an email, their calendar, free slots, and (with startTime) book and write back
         * @description Steps: enrich (as /v1/enrich) → host (the scheduling host whose email is the owner's, else the page's hosts) → availability → book (Idempotency-Key required with startTime) → write-back (writeBack: true; a CRM meeting on the matched contact or lead, a new lead when nothing matched). A failing step answers its own error with details.step; a taken slot is 409 SLOT_UNAVAILABLE with details.alternatives. A failed write-back does not undo the booking: 201 with crmMeeting null and writeBack.status pending, retried from the store.
         */
        post: operations["routeAndBook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks */
        get: operations["listWebhooks"];
        put?: never;
        /** Subscribe a URL to connection and record change events (the signing secret is returned once) */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Delete a webhook (its pending deliveries are dropped) */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent deliveries of a webhook (status, attempts, last error) */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Record change events, oldest first (kept at least 30 days) */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The connect widget (iframe page; token in the #fragment) */
        get: operations["connectWidgetPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connect/embed.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Host-page SDK: GatewayConnect.open({ token, onEvent }) */
        get: operations["connectEmbedScript"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connect/assets/widget.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Script of the connect widget */
        get: operations["connectWidgetScript"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connect/assets/styles.css": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stylesheet of the connect widget */
        get: operations["connectWidgetStyles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/providers/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A provider webhook delivery (signature verified as the provider signs) */
        post: operations["receiveProviderWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: {
                /** @enum {string} */
                code: "INVALID_API_KEY" | "FORBIDDEN" | "CONTACT_NOT_FOUND" | "LEAD_NOT_FOUND" | "MEETING_NOT_FOUND" | "PROVIDER_NOT_FOUND" | "CONNECTION_NOT_FOUND" | "END_USER_NOT_FOUND" | "CONNECTION_ALREADY_EXISTS" | "INVALID_INPUT" | "MISSING_REQUIRED" | "MISSING_PROVIDER" | "UNSUPPORTED_RESOURCE" | "INVALID_DATE_RANGE" | "PROVIDER_ERROR" | "PROVIDER_RATE_LIMITED" | "PROVIDER_UNAVAILABLE" | "CIRCUIT_OPEN" | "PROVIDER_AUTH_FAILED" | "NEEDS_REAUTH" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE" | "RATE_LIMITED" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "IDEMPOTENCY_KEY_CONFLICT" | "IDEMPOTENCY_IN_PROGRESS" | "PROVIDER_CONFLICT" | "SLOT_UNAVAILABLE" | "VERSION_CONFLICT" | "INVALID_CONNECT_TOKEN";
                message: string;
                details: Record<string, unknown>;
                requestId: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status?: "ok";
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status?: "ready";
                        store?: string;
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    openapi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, unknown>;
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    docs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    docsAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Static asset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Providers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            category: "crm" | "pms" | "scheduling";
                            /**
                             * @description The first of authTypes (kept for older clients)
                             * @enum {string}
                             */
                            authType: "oauth2" | "api_key";
                            /** @description Every auth scheme the provider offers, the preferred first */
                            authTypes: ("oauth2" | "api_key")[];
                            /** @description Fields a connection supplies besides its credentials (POST /v1/connections `config`) */
                            connectionConfig: {
                                name: string;
                                label: string;
                                /** @enum {string} */
                                format: "uri" | "hostname" | "text";
                                required: boolean;
                                description?: string | null;
                            }[];
                            /** @description The provider's API reference */
                            docsUrl?: string | null;
                            resources: {
                                contacts?: ("list" | "get" | "create" | "update" | "delete")[];
                                leads?: ("list" | "get" | "create" | "update" | "delete")[];
                                meetings?: ("list" | "get" | "create" | "update" | "delete" | "cancel" | "reschedule")[];
                                users?: "list"[];
                                bookingPages?: "list"[];
                                availability?: "list"[];
                            };
                        }[];
                        meta: {
                            requestId?: string;
                            nextCursor?: string | null;
                            hasMore?: boolean;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Provider */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            category: "crm" | "pms" | "scheduling";
                            /**
                             * @description The first of authTypes (kept for older clients)
                             * @enum {string}
                             */
                            authType: "oauth2" | "api_key";
                            /** @description Every auth scheme the provider offers, the preferred first */
                            authTypes: ("oauth2" | "api_key")[];
                            /** @description Fields a connection supplies besides its credentials (POST /v1/connections `config`) */
                            connectionConfig: {
                                name: string;
                                label: string;
                                /** @enum {string} */
                                format: "uri" | "hostname" | "text";
                                required: boolean;
                                description?: string | null;
                            }[];
                            /** @description The provider's API reference */
                            docsUrl?: string | null;
                            resources: {
                                contacts?: ("list" | "get" | "create" | "update" | "delete")[];
                                leads?: ("list" | "get" | "create" | "update" | "delete")[];
                                meetings?: ("list" | "get" | "create" | "update" | "delete" | "cancel" | "reschedule")[];
                                users?: "list"[];
                                bookingPages?: "list"[];
                                availability?: "list"[];
                            };
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Keys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id?: string;
                            /** @description The label given at creation, or null */
                            name?: string | null;
                            /** @enum {string} */
                            mode?: "live" | "test";
                            prefix?: string;
                            last4?: string;
                            redacted?: string;
                            /** Format: date-time */
                            createdAt?: string;
                            lastUsedAt?: string | null;
                            revokedAt?: string | null;
                        }[];
                        meta: {
                            requestId?: string;
                            nextCursor?: string | null;
                            hasMore?: boolean;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A label to tell keys apart (e.g. "CI", "Production server") */
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id?: string;
                            /** @description The label given at creation, or null */
                            name?: string | null;
                            /** @enum {string} */
                            mode?: "live" | "test";
                            prefix?: string;
                            last4?: string;
                            redacted?: string;
                            /** Format: date-time */
                            createdAt?: string;
                            lastUsedAt?: string | null;
                            revokedAt?: string | null;
                            key?: string;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    injectSandboxFault: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    provider: string;
                    /** @description Limit the fault to this end user's connection; every connection of the calling account and mode to the provider otherwise */
                    endUserId?: string;
                    /** @enum {string} */
                    fault: "rate_limit" | "server_error" | "timeout" | "revoke_token" | "expire_token" | "latency";
                    /** @description Next N requests (default 1) */
                    count?: number;
                    /** @description Every request for this long, instead of a count */
                    durationSeconds?: number;
                    latencyMs?: number;
                    /** @description Retry-After sent with rate_limit faults (default 1) */
                    retryAfterSeconds?: number;
                };
            };
        };
        responses: {
            /** @description Queued */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description How many connections of the calling account the fault applies to */
                            connections?: number;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    issueSandboxCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    provider: string;
                    /** @description Issue it in this end user's own sandbox account (one per account otherwise) */
                    endUserId?: string;
                };
            };
        };
        responses: {
            /** @description Issued */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            credentials: {
                                apiKey?: string;
                            };
                            /** @description The provider's connectionConfig pointing at its sandbox */
                            config: {
                                [key: string]: string;
                            };
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSandboxStats: {
        parameters: {
            query: {
                provider: string;
                endUserId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stats */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            requests?: {
                                [key: string]: number;
                            };
                            totalRequests?: number;
                            rateLimited?: number;
                            tokensIssued?: number;
                            refreshes?: number;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    passthroughGet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The provider's response, as it sent it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    passthroughPut: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The provider's response, as it sent it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    passthroughPost: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The provider's response, as it sent it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    passthroughDelete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The provider's response, as it sent it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    passthroughPatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The provider's response, as it sent it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createConnectToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    endUserId: string;
                    /** Format: email */
                    endUserEmail?: string;
                    endUserName?: string;
                    providers?: string[];
                    allowedOrigin?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            token?: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            url?: string;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConnectSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: Record<string, unknown>;
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connectApiKeyFromWidget: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    provider: string;
                    apiKey: string;
                    config?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Connected */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: Record<string, unknown>;
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startOAuth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the provider */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error page */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    oauthCallback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Result page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connectCallbackScript: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JavaScript */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getEndUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endUserId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description End user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            endUserId?: string;
                            email?: string | null;
                            name?: string | null;
                            /** Format: date-time */
                            createdAt?: string;
                            connections?: {
                                id?: string;
                                provider?: string;
                                endUserId?: string;
                                /** @enum {string} */
                                status?: "active" | "needs_reauth" | "revoked";
                                scopes?: string[];
                                /** @description The account at the provider (portal, org, company id); null until the provider has said */
                                providerAccountId?: string | null;
                                /** @description Its name (portal name, company name or domain) where the provider exposes one */
                                providerAccountName?: string | null;
                                /** Format: date-time */
                                createdAt?: string;
                                /** Format: date-time */
                                updatedAt?: string;
                                lastRefreshedAt?: string | null;
                                lastUsedAt?: string | null;
                            }[];
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteEndUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                endUserId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listConnections: {
        parameters: {
            query?: {
                endUserId?: string;
                provider?: string;
                status?: "active" | "needs_reauth" | "revoked";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connections */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id?: string;
                            provider?: string;
                            endUserId?: string;
                            /** @enum {string} */
                            status?: "active" | "needs_reauth" | "revoked";
                            scopes?: string[];
                            /** @description The account at the provider (portal, org, company id); null until the provider has said */
                            providerAccountId?: string | null;
                            /** @description Its name (portal name, company name or domain) where the provider exposes one */
                            providerAccountName?: string | null;
                            /** Format: date-time */
                            createdAt?: string;
                            /** Format: date-time */
                            updatedAt?: string;
                            lastRefreshedAt?: string | null;
                            lastUsedAt?: string | null;
                        }[];
                        meta: {
                            requestId?: string;
                            nextCursor?: string | null;
                            hasMore?: boolean;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createConnection: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    endUserId: string;
                    provider: string;
                    credentials: {
                        apiKey: string;
                    };
                    /** @description The provider's connectionConfig fields (GET /v1/providers), e.g. { baseUrl } */
                    config?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Created (or reconnected in place) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id?: string;
                            provider?: string;
                            endUserId?: string;
                            /** @enum {string} */
                            status?: "active" | "needs_reauth" | "revoked";
                            scopes?: string[];
                            /** @description The account at the provider (portal, org, company id); null until the provider has said */
                            providerAccountId?: string | null;
                            /** @description Its name (portal name, company name or domain) where the provider exposes one */
                            providerAccountName?: string | null;
                            /** Format: date-time */
                            createdAt?: string;
                            /** Format: date-time */
                            updatedAt?: string;
                            lastRefreshedAt?: string | null;
                            lastUsedAt?: string | null;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id?: string;
                            provider?: string;
                            endUserId?: string;
                            /** @enum {string} */
                            status?: "active" | "needs_reauth" | "revoked";
                            scopes?: string[];
                            /** @description The account at the provider (portal, org, company id); null until the provider has said */
                            providerAccountId?: string | null;
                            /** @description Its name (portal name, company name or domain) where the provider exposes one */
                            providerAccountName?: string | null;
                            /** Format: date-time */
                            createdAt?: string;
                            /** Format: date-time */
                            updatedAt?: string;
                            lastRefreshedAt?: string | null;
                            lastUsedAt?: string | null;
                            /** @description Change detection by polling, per swept resource (empty where the provider has no polled resource or no webhook subscribes to one) */
                            sync?: {
                                resources?: {
                                    [key: string]: {
                                        /** Format: date-time */
                                        lastSweepAt?: string | null;
                                        /**
                                         * Format: date-time
                                         * @description Every change up to this update time has been recorded
                                         */
                                        watermark?: string;
                                        lastError?: {
                                            code?: string;
                                            message?: string;
                                            /** Format: date-time */
                                            at?: string;
                                        } | null;
                                    };
                                };
                            };
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteConnection: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listContacts: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
                limit?: number;
                cursor?: string;
                /** @description Exact, case-insensitive */
                email?: string;
                updatedSince?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Contacts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                            customFields: Record<string, unknown>;
                            remoteData?: unknown;
                            firstName: string | null;
                            lastName: string | null;
                            name: string | null;
                            email: string | null;
                            emails: {
                                value: string;
                                type: string | null;
                            }[];
                            phone: string | null;
                            phones: {
                                value: string;
                                type: string | null;
                            }[];
                            company: string | null;
                            companyId: string | null;
                            title: string | null;
                            ownerId: string | null;
                        }[];
                        meta: {
                            requestId?: string;
                            nextCursor?: string | null;
                            hasMore?: boolean;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createContacts: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
            };
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    firstName?: string | null;
                    lastName?: string | null;
                    /** @description An email address (internationalized allowed) */
                    email?: string | null;
                    emails?: {
                        value: string;
                        type?: string | null;
                    }[];
                    phone?: string | null;
                    phones?: {
                        value: string;
                        type?: string | null;
                    }[];
                    company?: string | null;
                    companyId?: string | null;
                    title?: string | null;
                    ownerId?: string | null;
                    /** @description Written to the provider fields named by the field mappings */
                    customFields?: Record<string, unknown>;
                    /** @description Merged into the provider request as-is, for provider-specific fields */
                    providerData?: Record<string, unknown>;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                            customFields: Record<string, unknown>;
                            remoteData?: unknown;
                            firstName: string | null;
                            lastName: string | null;
                            name: string | null;
                            email: string | null;
                            emails: {
                                value: string;
                                type: string | null;
                            }[];
                            phone: string | null;
                            phones: {
                                value: string;
                                type: string | null;
                            }[];
                            company: string | null;
                            companyId: string | null;
                            title: string | null;
                            ownerId: string | null;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getContact: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Contacts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                            customFields: Record<string, unknown>;
                            remoteData?: unknown;
                            firstName: string | null;
                            lastName: string | null;
                            name: string | null;
                            email: string | null;
                            emails: {
                                value: string;
                                type: string | null;
                            }[];
                            phone: string | null;
                            phones: {
                                value: string;
                                type: string | null;
                            }[];
                            company: string | null;
                            companyId: string | null;
                            title: string | null;
                            ownerId: string | null;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteContact: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
            };
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateContact: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
            };
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    firstName?: string | null;
                    lastName?: string | null;
                    /** @description An email address (internationalized allowed) */
                    email?: string | null;
                    emails?: {
                        value: string;
                        type?: string | null;
                    }[];
                    phone?: string | null;
                    phones?: {
                        value: string;
                        type?: string | null;
                    }[];
                    company?: string | null;
                    companyId?: string | null;
                    title?: string | null;
                    ownerId?: string | null;
                    /** @description Written to the provider fields named by the field mappings */
                    customFields?: Record<string, unknown>;
                    /** @description Merged into the provider request as-is, for provider-specific fields */
                    providerData?: Record<string, unknown>;
                };
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                            customFields: Record<string, unknown>;
                            remoteData?: unknown;
                            firstName: string | null;
                            lastName: string | null;
                            name: string | null;
                            email: string | null;
                            emails: {
                                value: string;
                                type: string | null;
                            }[];
                            phone: string | null;
                            phones: {
                                value: string;
                                type: string | null;
                            }[];
                            company: string | null;
                            companyId: string | null;
                            title: string | null;
                            ownerId: string | null;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listLeads: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
                limit?: number;
                cursor?: string;
                /** @description Exact, case-insensitive */
                email?: string;
                updatedSince?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Leads */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                            customFields: Record<string, unknown>;
                            remoteData?: unknown;
                            firstName: string | null;
                            lastName: string | null;
                            name: string | null;
                            email: string | null;
                            phone: string | null;
                            company: string | null;
                            title: string | null;
                            status: string | null;
                            source: string | null;
                            ownerId: string | null;
                            contactId: string | null;
                        }[];
                        meta: {
                            requestId?: string;
                            nextCursor?: string | null;
                            hasMore?: boolean;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createLeads: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
            };
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    firstName?: string | null;
                    lastName?: string | null;
                    /** @description An email address (internationalized allowed) */
                    email?: string | null;
                    phone?: string | null;
                    company?: string | null;
                    title?: string | null;
                    status?: string | null;
                    source?: string | null;
                    ownerId?: string | null;
                    contactId?: string | null;
                    /** @description Written to the provider fields named by the field mappings */
                    customFields?: Record<string, unknown>;
                    /** @description Merged into the provider request as-is, for provider-specific fields */
                    providerData?: Record<string, unknown>;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                            customFields: Record<string, unknown>;
                            remoteData?: unknown;
                            firstName: string | null;
                            lastName: string | null;
                            name: string | null;
                            email: string | null;
                            phone: string | null;
                            company: string | null;
                            title: string | null;
                            status: string | null;
                            source: string | null;
                            ownerId: string | null;
                            contactId: string | null;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getLead: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Leads */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                            customFields: Record<string, unknown>;
                            remoteData?: unknown;
                            firstName: string | null;
                            lastName: string | null;
                            name: string | null;
                            email: string | null;
                            phone: string | null;
                            company: string | null;
                            title: string | null;
                            status: string | null;
                            source: string | null;
                            ownerId: string | null;
                            contactId: string | null;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteLead: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
            };
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateLead: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
            };
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    firstName?: string | null;
                    lastName?: string | null;
                    /** @description An email address (internationalized allowed) */
                    email?: string | null;
                    phone?: string | null;
                    company?: string | null;
                    title?: string | null;
                    status?: string | null;
                    source?: string | null;
                    ownerId?: string | null;
                    contactId?: string | null;
                    /** @description Written to the provider fields named by the field mappings */
                    customFields?: Record<string, unknown>;
                    /** @description Merged into the provider request as-is, for provider-specific fields */
                    providerData?: Record<string, unknown>;
                };
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                            customFields: Record<string, unknown>;
                            remoteData?: unknown;
                            firstName: string | null;
                            lastName: string | null;
                            name: string | null;
                            email: string | null;
                            phone: string | null;
                            company: string | null;
                            title: string | null;
                            status: string | null;
                            source: string | null;
                            ownerId: string | null;
                            contactId: string | null;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMeetings: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
                limit?: number;
                cursor?: string;
                startDate?: string;
                endDate?: string;
                contactId?: string;
                updatedSince?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Meetings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                            customFields: Record<string, unknown>;
                            remoteData?: unknown;
                            title: string | null;
                            description: string | null;
                            /** Format: date-time */
                            startTime: string | null;
                            /** Format: date-time */
                            endTime: string | null;
                            timezone: string | null;
                            location: string | null;
                            /**
                             * @description pending: awaiting the host's confirmation
                             * @enum {string}
                             */
                            status: "scheduled" | "pending" | "cancelled" | "completed";
                            attendees: {
                                email: string | null;
                                name: string | null;
                                contactId: string | null;
                            }[];
                            contactIds: string[];
                            ownerId: string | null;
                            /** @description The booking page it was booked through */
                            bookingPageId?: string | null;
                            /** @description Ids of GET /v1/users */
                            hostIds?: string[] | null;
                            cancellationReason?: string | null;
                            /** @description The record this one replaced, where a reschedule made a new record */
                            rescheduledFromId?: string | null;
                            /** @description The provider's record version (the ETag), where it versions records */
                            version?: string | null;
                        }[];
                        meta: {
                            requestId?: string;
                            nextCursor?: string | null;
                            hasMore?: boolean;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createMeetings: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
            };
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string | null;
                    description?: string | null;
                    /** Format: date-time */
                    startTime: string;
                    /** Format: date-time */
                    endTime?: string | null;
                    timezone?: string | null;
                    location?: string | null;
                    /** @enum {string} */
                    status?: "scheduled" | "cancelled" | "completed";
                    attendees?: {
                        email: string;
                        name?: string | null;
                        contactId?: string | null;
                        /** @description Booking only (providers with booking pages) */
                        phone?: string | null;
                        /** @description IANA zone; booking only (providers with booking pages) */
                        timezone?: string | null;
                    }[];
                    contactIds?: string[];
                    ownerId?: string | null;
                    /** @description Written to the provider fields named by the field mappings */
                    customFields?: Record<string, unknown>;
                    /** @description Merged into the provider request as-is, for provider-specific fields */
                    providerData?: Record<string, unknown>;
                    /** @description Book this booking page at startTime for attendees[0] (providers with booking pages) */
                    bookingPageId?: string;
                    /** @description Answers to the booking page's questions */
                    answers?: {
                        questionId: string;
                        answer: unknown;
                    }[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                            customFields: Record<string, unknown>;
                            remoteData?: unknown;
                            title: string | null;
                            description: string | null;
                            /** Format: date-time */
                            startTime: string | null;
                            /** Format: date-time */
                            endTime: string | null;
                            timezone: string | null;
                            location: string | null;
                            /**
                             * @description pending: awaiting the host's confirmation
                             * @enum {string}
                             */
                            status: "scheduled" | "pending" | "cancelled" | "completed";
                            attendees: {
                                email: string | null;
                                name: string | null;
                                contactId: string | null;
                            }[];
                            contactIds: string[];
                            ownerId: string | null;
                            /** @description The booking page it was booked through */
                            bookingPageId?: string | null;
                            /** @description Ids of GET /v1/users */
                            hostIds?: string[] | null;
                            cancellationReason?: string | null;
                            /** @description The record this one replaced, where a reschedule made a new record */
                            rescheduledFromId?: string | null;
                            /** @description The provider's record version (the ETag), where it versions records */
                            version?: string | null;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMeeting: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Meetings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                            customFields: Record<string, unknown>;
                            remoteData?: unknown;
                            title: string | null;
                            description: string | null;
                            /** Format: date-time */
                            startTime: string | null;
                            /** Format: date-time */
                            endTime: string | null;
                            timezone: string | null;
                            location: string | null;
                            /**
                             * @description pending: awaiting the host's confirmation
                             * @enum {string}
                             */
                            status: "scheduled" | "pending" | "cancelled" | "completed";
                            attendees: {
                                email: string | null;
                                name: string | null;
                                contactId: string | null;
                            }[];
                            contactIds: string[];
                            ownerId: string | null;
                            /** @description The booking page it was booked through */
                            bookingPageId?: string | null;
                            /** @description Ids of GET /v1/users */
                            hostIds?: string[] | null;
                            cancellationReason?: string | null;
                            /** @description The record this one replaced, where a reschedule made a new record */
                            rescheduledFromId?: string | null;
                            /** @description The provider's record version (the ETag), where it versions records */
                            version?: string | null;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteMeeting: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
            };
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateMeeting: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
            };
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string | null;
                    description?: string | null;
                    /** Format: date-time */
                    startTime?: string;
                    /** Format: date-time */
                    endTime?: string | null;
                    timezone?: string | null;
                    location?: string | null;
                    /** @enum {string} */
                    status?: "scheduled" | "cancelled" | "completed";
                    attendees?: {
                        email: string;
                        name?: string | null;
                        contactId?: string | null;
                    }[];
                    contactIds?: string[];
                    ownerId?: string | null;
                    /** @description Written to the provider fields named by the field mappings */
                    customFields?: Record<string, unknown>;
                    /** @description Merged into the provider request as-is, for provider-specific fields */
                    providerData?: Record<string, unknown>;
                };
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                            customFields: Record<string, unknown>;
                            remoteData?: unknown;
                            title: string | null;
                            description: string | null;
                            /** Format: date-time */
                            startTime: string | null;
                            /** Format: date-time */
                            endTime: string | null;
                            timezone: string | null;
                            location: string | null;
                            /**
                             * @description pending: awaiting the host's confirmation
                             * @enum {string}
                             */
                            status: "scheduled" | "pending" | "cancelled" | "completed";
                            attendees: {
                                email: string | null;
                                name: string | null;
                                contactId: string | null;
                            }[];
                            contactIds: string[];
                            ownerId: string | null;
                            /** @description The booking page it was booked through */
                            bookingPageId?: string | null;
                            /** @description Ids of GET /v1/users */
                            hostIds?: string[] | null;
                            cancellationReason?: string | null;
                            /** @description The record this one replaced, where a reschedule made a new record */
                            rescheduledFromId?: string | null;
                            /** @description The provider's record version (the ETag), where it versions records */
                            version?: string | null;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enrich: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    provider: string;
                    endUserId: string;
                    emails: string[];
                };
            };
        };
        responses: {
            /** @description One result per email, in order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            email: string;
                            /** @enum {unknown} */
                            match: "lead" | "contact" | null;
                            contact: {
                                id: string;
                                /** Format: date-time */
                                createdAt: string | null;
                                /** Format: date-time */
                                updatedAt: string | null;
                                customFields: Record<string, unknown>;
                                remoteData?: unknown;
                                firstName: string | null;
                                lastName: string | null;
                                name: string | null;
                                email: string | null;
                                emails: {
                                    value: string;
                                    type: string | null;
                                }[];
                                phone: string | null;
                                phones: {
                                    value: string;
                                    type: string | null;
                                }[];
                                company: string | null;
                                companyId: string | null;
                                title: string | null;
                                ownerId: string | null;
                            } | null;
                            lead: {
                                id: string;
                                /** Format: date-time */
                                createdAt: string | null;
                                /** Format: date-time */
                                updatedAt: string | null;
                                customFields: Record<string, unknown>;
                                remoteData?: unknown;
                                firstName: string | null;
                                lastName: string | null;
                                name: string | null;
                                email: string | null;
                                phone: string | null;
                                company: string | null;
                                title: string | null;
                                status: string | null;
                                source: string | null;
                                ownerId: string | null;
                                contactId: string | null;
                            } | null;
                            owner: {
                                id: string;
                                name: string | null;
                                email: string | null;
                            } | null;
                            company: string | null;
                        }[];
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listFields: {
        parameters: {
            query: {
                provider?: string;
                endUserId?: string;
                resource: "contacts" | "leads" | "meetings";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Fields */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            name: string;
                            label: string;
                            type: string;
                            options: {
                                value?: string;
                                label?: string;
                            }[] | null;
                        }[];
                        meta: {
                            requestId?: string;
                            nextCursor?: string | null;
                            hasMore?: boolean;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getFieldMappings: {
        parameters: {
            query: {
                provider: string;
                resource: "contacts" | "leads" | "meetings";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Mapping */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            provider?: string;
                            /** @enum {string} */
                            resource?: "contacts" | "leads" | "meetings";
                            mappings?: {
                                [key: string]: string;
                            };
                            updatedAt?: string | null;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putFieldMappings: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    provider: string;
                    /** @enum {string} */
                    resource: "contacts" | "leads" | "meetings";
                    endUserId?: string;
                    mappings: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Saved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            provider?: string;
                            /** @enum {string} */
                            resource?: "contacts" | "leads" | "meetings";
                            mappings?: {
                                [key: string]: string;
                            };
                            updatedAt?: string | null;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteFieldMappings: {
        parameters: {
            query: {
                provider: string;
                resource: "contacts" | "leads" | "meetings";
            };
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Users */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            name: string | null;
                            email: string | null;
                            /** @description False for deactivated users */
                            active: boolean;
                            remoteData?: unknown;
                        }[];
                        meta: {
                            requestId?: string;
                            nextCursor?: string | null;
                            hasMore?: boolean;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancelMeeting: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
            };
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string | null;
                };
            };
        };
        responses: {
            /** @description The cancelled meeting */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                            customFields: Record<string, unknown>;
                            remoteData?: unknown;
                            title: string | null;
                            description: string | null;
                            /** Format: date-time */
                            startTime: string | null;
                            /** Format: date-time */
                            endTime: string | null;
                            timezone: string | null;
                            location: string | null;
                            /**
                             * @description pending: awaiting the host's confirmation
                             * @enum {string}
                             */
                            status: "scheduled" | "pending" | "cancelled" | "completed";
                            attendees: {
                                email: string | null;
                                name: string | null;
                                contactId: string | null;
                            }[];
                            contactIds: string[];
                            ownerId: string | null;
                            /** @description The booking page it was booked through */
                            bookingPageId?: string | null;
                            /** @description Ids of GET /v1/users */
                            hostIds?: string[] | null;
                            cancellationReason?: string | null;
                            /** @description The record this one replaced, where a reschedule made a new record */
                            rescheduledFromId?: string | null;
                            /** @description The provider's record version (the ETag), where it versions records */
                            version?: string | null;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rescheduleMeeting: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
            };
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    startTime: string;
                    timezone?: string | null;
                    reason?: string | null;
                };
            };
        };
        responses: {
            /** @description The rescheduled meeting */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                            customFields: Record<string, unknown>;
                            remoteData?: unknown;
                            title: string | null;
                            description: string | null;
                            /** Format: date-time */
                            startTime: string | null;
                            /** Format: date-time */
                            endTime: string | null;
                            timezone: string | null;
                            location: string | null;
                            /**
                             * @description pending: awaiting the host's confirmation
                             * @enum {string}
                             */
                            status: "scheduled" | "pending" | "cancelled" | "completed";
                            attendees: {
                                email: string | null;
                                name: string | null;
                                contactId: string | null;
                            }[];
                            contactIds: string[];
                            ownerId: string | null;
                            /** @description The booking page it was booked through */
                            bookingPageId?: string | null;
                            /** @description Ids of GET /v1/users */
                            hostIds?: string[] | null;
                            cancellationReason?: string | null;
                            /** @description The record this one replaced, where a reschedule made a new record */
                            rescheduledFromId?: string | null;
                            /** @description The provider's record version (the ETag), where it versions records */
                            version?: string | null;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listBookingPages: {
        parameters: {
            query?: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                /** @description Add remoteData: the provider record as it came */
                includeRaw?: boolean;
                /** @description Only this host (case-insensitive) */
                hostEmail?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Booking pages */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            name: string;
                            slug: string | null;
                            durationMinutes: number | null;
                            url: string | null;
                            active: boolean;
                            hosts: {
                                id: string;
                                name: string | null;
                                email: string | null;
                            }[];
                            /** @enum {string} */
                            kind: "event_type" | "booking_link" | "service";
                            priceCents?: number | null;
                            currency?: string | null;
                            remoteData?: unknown;
                        }[];
                        meta: {
                            requestId?: string;
                            nextCursor?: string | null;
                            hasMore?: boolean;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAvailability: {
        parameters: {
            query: {
                /** @description Provider id (MISSING_PROVIDER when absent) */
                provider?: string;
                /** @description Your end user id (MISSING_REQUIRED when absent) */
                endUserId?: string;
                bookingPageId: string;
                startDate: string;
                /** @description After startDate (INVALID_DATE_RANGE), at most 31 days later */
                endDate: string;
                /** @description IANA zone: day boundaries for providers that answer per day */
                timezone?: string;
                /** @description Only this host (case-insensitive) */
                hostEmail?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Free slots, ascending */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            start: string;
                            /** Format: date-time */
                            end: string;
                            hostIds: string[];
                        }[];
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    routeAndBook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    name?: string | null;
                    /** @description For a lead the write-back creates (the email's domain when absent) */
                    company?: string | null;
                    crm: {
                        provider: string;
                        endUserId: string;
                    };
                    scheduler: {
                        provider: string;
                        endUserId: string;
                        bookingPageId?: string;
                    };
                    window: {
                        /** Format: date-time */
                        startDate: string;
                        /**
                         * Format: date-time
                         * @description After startDate, at most 31 days later
                         */
                        endDate: string;
                    };
                    /**
                     * Format: date-time
                     * @description Book this slot (Idempotency-Key required)
                     */
                    startTime?: string;
                    /**
                     * @description With startTime: create the meeting in the CRM too
                     * @default false
                     */
                    writeBack?: boolean;
                    /** @description With startTime: answers to the booking page's questions (as POST /v1/meetings) */
                    answers?: {
                        questionId: string;
                        answer: unknown;
                    }[];
                };
            };
        };
        responses: {
            /** @description Routed, with the host's free slots */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            routing?: {
                                /** @enum {unknown} */
                                match: "contact" | "lead" | null;
                                /** @description The matched contact or lead */
                                record: ({
                                    id: string;
                                    /** Format: date-time */
                                    createdAt: string | null;
                                    /** Format: date-time */
                                    updatedAt: string | null;
                                    customFields: Record<string, unknown>;
                                    remoteData?: unknown;
                                    firstName: string | null;
                                    lastName: string | null;
                                    name: string | null;
                                    email: string | null;
                                    emails: {
                                        value: string;
                                        type: string | null;
                                    }[];
                                    phone: string | null;
                                    phones: {
                                        value: string;
                                        type: string | null;
                                    }[];
                                    company: string | null;
                                    companyId: string | null;
                                    title: string | null;
                                    ownerId: string | null;
                                } | null) | ({
                                    id: string;
                                    /** Format: date-time */
                                    createdAt: string | null;
                                    /** Format: date-time */
                                    updatedAt: string | null;
                                    customFields: Record<string, unknown>;
                                    remoteData?: unknown;
                                    firstName: string | null;
                                    lastName: string | null;
                                    name: string | null;
                                    email: string | null;
                                    phone: string | null;
                                    company: string | null;
                                    title: string | null;
                                    status: string | null;
                                    source: string | null;
                                    ownerId: string | null;
                                    contactId: string | null;
                                } | null);
                                owner: {
                                    id?: string;
                                    name?: string | null;
                                    email?: string | null;
                                } | null;
                                /** @description The owner as a host of the page; null when the page's own hosts take the booking */
                                host: {
                                    id?: string;
                                    name?: string | null;
                                    email?: string | null;
                                } | null;
                                bookingPage: {
                                    id?: string;
                                    name?: string;
                                    url?: string | null;
                                    hosts?: {
                                        id: string;
                                        name: string | null;
                                        email: string | null;
                                    }[];
                                };
                                /**
                                 * @description owner_match: the CRM owner hosts the page; page_hosts: no owner, or the owner hosts no page (the provider's round robin)
                                 * @enum {unknown}
                                 */
                                reason: "owner_match" | "page_hosts";
                            };
                            slots?: {
                                /** Format: date-time */
                                start: string;
                                /** Format: date-time */
                                end: string;
                                hostIds: string[];
                            }[];
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Booked (and written back, or pending) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            routing?: {
                                /** @enum {unknown} */
                                match: "contact" | "lead" | null;
                                /** @description The matched contact or lead */
                                record: ({
                                    id: string;
                                    /** Format: date-time */
                                    createdAt: string | null;
                                    /** Format: date-time */
                                    updatedAt: string | null;
                                    customFields: Record<string, unknown>;
                                    remoteData?: unknown;
                                    firstName: string | null;
                                    lastName: string | null;
                                    name: string | null;
                                    email: string | null;
                                    emails: {
                                        value: string;
                                        type: string | null;
                                    }[];
                                    phone: string | null;
                                    phones: {
                                        value: string;
                                        type: string | null;
                                    }[];
                                    company: string | null;
                                    companyId: string | null;
                                    title: string | null;
                                    ownerId: string | null;
                                } | null) | ({
                                    id: string;
                                    /** Format: date-time */
                                    createdAt: string | null;
                                    /** Format: date-time */
                                    updatedAt: string | null;
                                    customFields: Record<string, unknown>;
                                    remoteData?: unknown;
                                    firstName: string | null;
                                    lastName: string | null;
                                    name: string | null;
                                    email: string | null;
                                    phone: string | null;
                                    company: string | null;
                                    title: string | null;
                                    status: string | null;
                                    source: string | null;
                                    ownerId: string | null;
                                    contactId: string | null;
                                } | null);
                                owner: {
                                    id?: string;
                                    name?: string | null;
                                    email?: string | null;
                                } | null;
                                /** @description The owner as a host of the page; null when the page's own hosts take the booking */
                                host: {
                                    id?: string;
                                    name?: string | null;
                                    email?: string | null;
                                } | null;
                                bookingPage: {
                                    id?: string;
                                    name?: string;
                                    url?: string | null;
                                    hosts?: {
                                        id: string;
                                        name: string | null;
                                        email: string | null;
                                    }[];
                                };
                                /**
                                 * @description owner_match: the CRM owner hosts the page; page_hosts: no owner, or the owner hosts no page (the provider's round robin)
                                 * @enum {unknown}
                                 */
                                reason: "owner_match" | "page_hosts";
                            };
                            meeting?: {
                                id: string;
                                /** Format: date-time */
                                createdAt: string | null;
                                /** Format: date-time */
                                updatedAt: string | null;
                                customFields: Record<string, unknown>;
                                remoteData?: unknown;
                                title: string | null;
                                description: string | null;
                                /** Format: date-time */
                                startTime: string | null;
                                /** Format: date-time */
                                endTime: string | null;
                                timezone: string | null;
                                location: string | null;
                                /**
                                 * @description pending: awaiting the host's confirmation
                                 * @enum {string}
                                 */
                                status: "scheduled" | "pending" | "cancelled" | "completed";
                                attendees: {
                                    email: string | null;
                                    name: string | null;
                                    contactId: string | null;
                                }[];
                                contactIds: string[];
                                ownerId: string | null;
                                /** @description The booking page it was booked through */
                                bookingPageId?: string | null;
                                /** @description Ids of GET /v1/users */
                                hostIds?: string[] | null;
                                cancellationReason?: string | null;
                                /** @description The record this one replaced, where a reschedule made a new record */
                                rescheduledFromId?: string | null;
                                /** @description The provider's record version (the ETag), where it versions records */
                                version?: string | null;
                            };
                            crmMeeting?: {
                                id: string;
                                /** Format: date-time */
                                createdAt: string | null;
                                /** Format: date-time */
                                updatedAt: string | null;
                                customFields: Record<string, unknown>;
                                remoteData?: unknown;
                                title: string | null;
                                description: string | null;
                                /** Format: date-time */
                                startTime: string | null;
                                /** Format: date-time */
                                endTime: string | null;
                                timezone: string | null;
                                location: string | null;
                                /**
                                 * @description pending: awaiting the host's confirmation
                                 * @enum {string}
                                 */
                                status: "scheduled" | "pending" | "cancelled" | "completed";
                                attendees: {
                                    email: string | null;
                                    name: string | null;
                                    contactId: string | null;
                                }[];
                                contactIds: string[];
                                ownerId: string | null;
                                /** @description The booking page it was booked through */
                                bookingPageId?: string | null;
                                /** @description Ids of GET /v1/users */
                                hostIds?: string[] | null;
                                cancellationReason?: string | null;
                                /** @description The record this one replaced, where a reschedule made a new record */
                                rescheduledFromId?: string | null;
                                /** @description The provider's record version (the ETag), where it versions records */
                                version?: string | null;
                            } | null;
                            writeBack?: {
                                id: string;
                                /** @enum {unknown} */
                                status: "done" | "pending";
                                /** @description Why the first attempt failed; retried from the store for 24 h, then route.write_back_failed */
                                error?: {
                                    code?: string;
                                    message?: string;
                                    details?: Record<string, unknown>;
                                };
                            };
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Webhooks */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id?: string;
                            url?: string;
                            events?: ("connection.created" | "connection.needs_reauth" | "connection.reconnected" | "connection.deleted" | "contact.created" | "contact.updated" | "contact.deleted" | "lead.created" | "lead.updated" | "lead.deleted" | "meeting.created" | "meeting.updated" | "meeting.cancelled" | "meeting.rescheduled" | "meeting.deleted" | "route.write_back_failed" | "*" | "connection.*" | "contact.*" | "lead.*" | "meeting.*" | "route.*")[];
                            /** Format: date-time */
                            createdAt?: string;
                        }[];
                        meta: {
                            requestId?: string;
                            nextCursor?: string | null;
                            hasMore?: boolean;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description https (test mode: http too); live mode: public addresses only, checked again at each delivery (README § Webhooks) */
                    url: string;
                    /** @description Event types, a family wildcard (contact.*, meeting.*, connection.*) or * for every event (README § Change events) */
                    events: ("connection.created" | "connection.needs_reauth" | "connection.reconnected" | "connection.deleted" | "contact.created" | "contact.updated" | "contact.deleted" | "lead.created" | "lead.updated" | "lead.deleted" | "meeting.created" | "meeting.updated" | "meeting.cancelled" | "meeting.rescheduled" | "meeting.deleted" | "route.write_back_failed" | "*" | "connection.*" | "contact.*" | "lead.*" | "meeting.*" | "route.*")[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id?: string;
                            url?: string;
                            events?: ("connection.created" | "connection.needs_reauth" | "connection.reconnected" | "connection.deleted" | "contact.created" | "contact.updated" | "contact.deleted" | "lead.created" | "lead.updated" | "lead.deleted" | "meeting.created" | "meeting.updated" | "meeting.cancelled" | "meeting.rescheduled" | "meeting.deleted" | "route.write_back_failed" | "*" | "connection.*" | "contact.*" | "lead.*" | "meeting.*" | "route.*")[];
                            /** Format: date-time */
                            createdAt?: string;
                            secret?: string;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Webhook */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id?: string;
                            url?: string;
                            events?: ("connection.created" | "connection.needs_reauth" | "connection.reconnected" | "connection.deleted" | "contact.created" | "contact.updated" | "contact.deleted" | "lead.created" | "lead.updated" | "lead.deleted" | "meeting.created" | "meeting.updated" | "meeting.cancelled" | "meeting.rescheduled" | "meeting.deleted" | "route.write_back_failed" | "*" | "connection.*" | "contact.*" | "lead.*" | "meeting.*" | "route.*")[];
                            /** Format: date-time */
                            createdAt?: string;
                        };
                        meta: {
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first response for 24 h when repeated with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: Record<string, unknown>[];
                        meta: {
                            requestId?: string;
                            nextCursor?: string | null;
                            hasMore?: boolean;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description A type, a family wildcard (contact.*) or * */
                type?: "contact.created" | "contact.updated" | "contact.deleted" | "lead.created" | "lead.updated" | "lead.deleted" | "meeting.created" | "meeting.updated" | "meeting.cancelled" | "meeting.rescheduled" | "meeting.deleted" | "contact.*" | "lead.*" | "meeting.*" | "*";
                connectionId?: string;
                /** @description The previous page's meta.nextCursor */
                after?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description Stable for one change of one record: de-duplicate on it */
                            id: string;
                            /** @enum {string} */
                            type: "contact.created" | "contact.updated" | "contact.deleted" | "lead.created" | "lead.updated" | "lead.deleted" | "meeting.created" | "meeting.updated" | "meeting.cancelled" | "meeting.rescheduled" | "meeting.deleted";
                            /**
                             * Format: date-time
                             * @description When the gateway recorded it
                             */
                            createdAt: string;
                            data: {
                                connectionId: string;
                                endUserId: string;
                                provider: string;
                                /** @enum {string} */
                                resource: "contacts" | "leads" | "meetings";
                                recordId: string;
                                /** @description The unified record (field mappings applied); absent on *.deleted */
                                record?: Record<string, unknown>;
                                /** @enum {string} */
                                source: "gateway" | "provider_webhook" | "poll";
                                /** Format: date-time */
                                occurredAt: string;
                                /** @description meeting.rescheduled only: the meeting it replaced, null when moved in place */
                                rescheduledFromId?: string | null;
                            };
                        }[];
                        meta: {
                            requestId?: string;
                            nextCursor?: string | null;
                            hasMore?: boolean;
                        };
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connectWidgetPage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connect widget (iframe page; token in the #fragment) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connectEmbedScript: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Host-page SDK: GatewayConnect.open({ token, onEvent }) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connectWidgetScript: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Script of the connect widget */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connectWidgetStyles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stylesheet of the connect widget */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receiveProviderWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Already received (a replay): nothing more happens */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        received?: boolean;
                    };
                };
            };
            /** @description Verified and stored; processed asynchronously */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        received?: boolean;
                    };
                };
            };
            /** @description Missing or bad signature: nothing recorded */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        received?: boolean;
                    };
                };
            };
            /** @description Error (see the error catalog) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
