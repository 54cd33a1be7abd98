import { describe, expect, it } from "vitest";
import { createRandom } from "../src/random.js";

describe("createRandom", () => {
  it("repeats the same sequence for the same seed", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(Array.from({ length: 20 }, () => b.next()));
  });

  it("gives different sequences for different seeds, and for 1 and '1'", () => {
    expect(createRandom(1).hex(32)).not.toBe(createRandom(2).hex(32));
    expect(createRandom(1).hex(32)).not.toBe(createRandom("1").hex(32));
  });

  it("keeps int() within its inclusive bounds and reaches both ends", () => {
    const r = createRandom("bounds");
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = r.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it("derives forks from the seed and label only, not from how much the parent was used", () => {
    const a = createRandom(7);
    const b = createRandom(7);
    b.next();
    b.next();
    expect(a.fork("faults").hex(16)).toBe(b.fork("faults").hex(16));
    expect(a.fork("faults").hex(16)).not.toBe(a.fork("world").hex(16));
  });

  it("makes bytes of the requested length", () => {
    expect(createRandom(1).bytes(5)).toHaveLength(5);
    expect(createRandom(1).hex(9)).toMatch(/^[0-9a-f]{9}$/);
  });
});
