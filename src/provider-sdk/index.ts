/**
 * The only module a provider folder imports. Everything a plug-in needs (types, the sandbox kit and
 * its helpers) is re-exported from here, so the core can change behind it.
 */
export * from './manifest';
export * from './define-provider';
export * from '../sandbox';
