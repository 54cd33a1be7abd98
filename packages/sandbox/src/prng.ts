/**
 * A small seeded PRNG (mulberry32): the sandbox must behave the same on every run of a seed, so
 * nothing in it draws from Math.random.
 */
export type Random = () => number;

/** Returns a generator of uniform numbers in [0, 1) for the given 32-bit seed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` lowercase hex characters drawn from `random`. */
export function randomHex(random: Random, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}
