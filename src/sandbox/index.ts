export * from './team';
export * from './working-hours';
