/**
 * The only module a provider folder imports. Everything a plug-in needs (types, the sandbox kit and
 * its helpers) is re-exported from here, so the core can change behind it.
 */
export * from './manifest';
export * from './define-provider';
export * from './sandbox-kit';
export * from './adapter';
export * from './webhooks';
export { pageOfAll } from './paging';
export { validateManifest, ManifestError } from './registry';
export type * from './unified-models';
export { UNIFIED_SCHEMAS, LIST_SCHEMAS } from './unified-schemas';
export { GatewayError, InvalidInputError, NotFoundError, ProviderFailureError, SlotUnavailableError, VersionConflictError, ERROR_CATALOG } from '../errors';
export type { ErrorCode } from '../errors';
