/** The sandboxes' time source; `Date.now` so jest's modern fake timers drive it too. */
export interface Clock { now(): number }
export const systemClock: Clock = { now: () => Date.now() };

/** A clock set and moved by hand, so sandbox tests never depend on the wall clock. */
export interface SettableClock extends Clock { set(ms: number): void; advance(ms: number): void }
export function settableClock(startMs: number): SettableClock {
  let t = startMs;
  return { now: () => t, set: (ms) => { t = ms; }, advance: (ms) => { t += ms; } };
}
