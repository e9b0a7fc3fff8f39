/** The sandboxes' time source; `Date.now` so jest's modern fake timers drive it too. */
export interface Clock { now(): number }
export const systemClock: Clock = { now: () => Date.now() };
