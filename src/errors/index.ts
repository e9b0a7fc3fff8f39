export * from './catalog';
export * from './gateway-error';
export * from './errors';
