import { forgetShapes, pagesToWalk, rememberShape, walkPages } from './account-shape';
import { mapLimit, searchSlot } from './search-pacer';

describe('account shape memory', () => {
  beforeEach(() => forgetShapes());

  it('unknown → walk the budget; known to fit → walk; known not to fit → skip; forgotten after 5 minutes', () => {
    expect(pagesToWalk('c', 'persons', 3, 0)).toBe(3);
    expect(pagesToWalk('c', 'persons', 0, 0)).toBe(0);
    rememberShape('c', 'persons', 2, true, 0);
    expect(pagesToWalk('c', 'persons', 2, 1)).toBe(2);
    expect(pagesToWalk('c', 'persons', 1, 1)).toBe(0);
    rememberShape('c', 'persons', 2, false, 0);
    expect(pagesToWalk('c', 'persons', 2, 1)).toBe(0);
    expect(pagesToWalk('c', 'persons', 5, 1)).toBe(5);
    expect(pagesToWalk('c', 'leads', 1, 1)).toBe(1);
    expect(pagesToWalk('c', 'persons', 2, 5 * 60_000)).toBe(2);
  });

  it('walkPages stops at the end or at the budget', async () => {
    const pages: Record<string, { items: number[]; next: string | null }> = { '': { items: [1], next: 'b' }, b: { items: [2], next: 'c' }, c: { items: [3], next: null } };
    const fetch = async (c: string | null): Promise<{ items: number[]; next: string | null }> => pages[c ?? ''];
    expect(await walkPages(5, fetch)).toEqual({ items: [1, 2, 3], pages: 3, complete: true });
    expect(await walkPages(2, fetch)).toEqual({ items: [1, 2], pages: 2, complete: false });
  });
});

describe('search pacing', () => {
  afterEach(() => jest.useRealTimers());

  it('lets 9 searches per connection through per 2 s, the 10th waits for the window', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    for (let i = 0; i < 9; i += 1) await searchSlot('pace-a');
    let tenth = false;
    const waiting = searchSlot('pace-a').then(() => { tenth = true; });
    await searchSlot('pace-b');
    await jest.advanceTimersByTimeAsync(1990);
    expect(tenth).toBe(false);
    await jest.advanceTimersByTimeAsync(20);
    await waiting;
    expect(tenth).toBe(true);
  });

  it('mapLimit keeps order and bounds concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5], 2, async (n) => {
      inFlight += 1; peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10]);
    expect(peak).toBe(2);
  });
});
