import { freeIdsAt, isSlotFree, listFreeSlots, type SlotRules, type SlotSchedule } from './slot-engine';
import { seededRng } from './random';

/** The shared slot rule, pure: grid, notice, both sides' buffers, and listing ⇔ accepting. */
const MIN = 60_000;
const H9 = Date.UTC(2030, 0, 7, 9);
const rules: SlotRules = { durationMs: 30 * MIN, bufferBeforeMs: 10 * MIN, bufferAfterMs: 5 * MIN, intervalMs: 15 * MIN, minimumNoticeMs: 60 * MIN };
const day = { startMs: H9, endMs: H9 + 8 * 60 * MIN };
const host = (id: string, busy: SlotSchedule<string>['busy'] = []): SlotSchedule<string> => ({ id, working: [day], busy });

describe('sandbox kit slot engine', () => {
  it('offers only starts on the period grid whose meeting fits inside the period', () => {
    const now = H9 - 24 * 60 * MIN;
    expect(isSlotFree(rules, host('a'), H9, now)).toBe(true);
    expect(isSlotFree(rules, host('a'), H9 + 5 * MIN, now)).toBe(false);
    expect(isSlotFree(rules, host('a'), day.endMs - 30 * MIN, now)).toBe(true);
    expect(isSlotFree(rules, host('a'), day.endMs - 15 * MIN, now)).toBe(false);
  });

  it('refuses the past and starts inside the minimum notice; no notice when the rules have none', () => {
    expect(isSlotFree(rules, host('a'), H9 + 60 * MIN, H9)).toBe(true);
    expect(isSlotFree(rules, host('a'), H9 + 45 * MIN, H9)).toBe(false);
    const { minimumNoticeMs: _none, ...noNotice } = rules;
    expect(isSlotFree(noNotice, host('a'), H9 + 15 * MIN, H9)).toBe(true);
    expect(isSlotFree(noNotice, host('a'), H9, H9)).toBe(false);
  });

  it('keeps clear of a booking padded with these buffers and of its own buffers', () => {
    const now = 0;
    const b = { startMs: H9 + 120 * MIN, endMs: H9 + 150 * MIN, bufferBeforeMs: 0, bufferAfterMs: 20 * MIN };
    const h = host('a', [b]);
    expect(isSlotFree(rules, h, H9 + 75 * MIN, now)).toBe(true); // ends 11:45, +5 after → 11:50 < 12:00
    expect(isSlotFree(rules, h, H9 + 90 * MIN, now)).toBe(false); // ends 12:00, its after-buffer overlaps
    expect(isSlotFree(rules, h, H9 + 165 * MIN, now)).toBe(false); // inside the booking's 20-minute after-buffer
    expect(isSlotFree(rules, h, H9 + 180 * MIN, now)).toBe(true); // 12:30 + 20 = 12:50 ≤ 13:00 − 10 before
  });

  it('names the free resources in the given order, whatever their id type', () => {
    const busy = [{ startMs: H9, endMs: H9 + 30 * MIN, bufferBeforeMs: 0, bufferAfterMs: 0 }];
    const byNumber: SlotSchedule<number>[] = [{ id: 2, working: [day], busy }, { id: 1, working: [day], busy: [] }];
    expect(freeIdsAt(rules, byNumber, H9, 0)).toEqual([1]);
    expect(listFreeSlots(rules, byNumber, H9, H9 + 60 * MIN, 0)).toEqual([
      { startMs: H9, endMs: H9 + 30 * MIN, ids: [1] },
      { startMs: H9 + 15 * MIN, endMs: H9 + 45 * MIN, ids: [1] },
      { startMs: H9 + 30 * MIN, endMs: H9 + 60 * MIN, ids: [1] },
      { startMs: H9 + 45 * MIN, endMs: H9 + 75 * MIN, ids: [2, 1] },
    ]);
  });

  it('200 random schedules: a start is listed exactly when it is free (listing ⇔ accepting)', () => {
    const rng = seededRng('kit-slot-engine');
    const wrong: string[] = [];
    for (let i = 0; i < 200; i++) {
      const r: SlotRules = {
        durationMs: rng.pick([15, 20, 30, 45, 60]) * MIN, intervalMs: rng.pick([5, 15, 30]) * MIN,
        bufferBeforeMs: rng.int(0, 3) * 5 * MIN, bufferAfterMs: rng.int(0, 3) * 5 * MIN, minimumNoticeMs: rng.int(0, 4) * 30 * MIN,
      };
      const hosts = ['x', 'y'].map((id) => ({
        id,
        working: [{ startMs: H9 + rng.int(0, 4) * 15 * MIN, endMs: H9 + rng.int(5, 10) * 60 * MIN }],
        busy: Array.from({ length: rng.int(0, 3) }, () => {
          const s = H9 + rng.int(0, 40) * 15 * MIN;
          return { startMs: s, endMs: s + rng.pick([15, 30, 60]) * MIN, bufferBeforeMs: rng.int(0, 2) * 10 * MIN, bufferAfterMs: rng.int(0, 2) * 10 * MIN };
        }),
      }));
      const now = H9 - 60 * MIN + rng.int(0, 8) * 30 * MIN;
      const listed = new Map(listFreeSlots(r, hosts, H9, H9 + 12 * 60 * MIN, now).map((s) => [s.startMs, s.ids.join()]));
      for (let t = H9; t < H9 + 12 * 60 * MIN; t += 5 * MIN) {
        if ((listed.get(t) ?? '') !== freeIdsAt(r, hosts, t, now).join()) wrong.push(`#${i} ${t}: listed ≠ free`);
        for (const h of hosts) {
          const inBuffer = h.busy.some((b) => (t < b.startMs && t + r.durationMs > b.startMs - b.bufferBeforeMs) || (t >= b.endMs && t < b.endMs + b.bufferAfterMs));
          if (inBuffer && isSlotFree(r, h, t, now)) wrong.push(`#${i} ${t}: free inside a buffer of ${h.id}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
