/**
 * A small seeded PRNG (sfc32, seeded through a string hash) so that a world, a fault schedule or
 * anything else the sandbox decides "at random" is the same for the same seed on every machine.
 * `Math.random` is never used by the sandbox for that reason.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p` (0 → never, 1 → always). */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** `n` random bytes. */
  bytes(n: number): Uint8Array;
  /** `n` lowercase hex characters. */
  hex(n: number): string;
  /** A new stream derived from this generator's seed and `label`, independent of how much this one was used. */
  fork(label: string): Random;
}

export type Seed = number | string;

/** cyrb128: four 32-bit words from a string, well mixed, for seeding sfc32. */
function hashSeed(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Creates a generator; the same seed always yields the same sequence. */
export function createRandom(seed: Seed): Random {
  const seedText = `${typeof seed}:${String(seed)}`;
  let [a, b, c, d] = hashSeed(seedText);

  function nextUint32(): number {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  }
  // sfc32 needs a few rounds to spread a weak seed.
  for (let i = 0; i < 15; i++) nextUint32();

  const random: Random = {
    next: () => nextUint32() / 4294967296,
    int(min, max) {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
        throw new RangeError(`random.int(${min}, ${max}): need safe integers with min ≤ max`);
      }
      const span = max - min + 1;
      // Two draws give 53 bits, enough for any safe-integer span without visible bias.
      const r = (nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6);
      return min + Math.floor((r / 9007199254740992) * span);
    },
    chance: (p) => p > 0 && (p >= 1 || nextUint32() / 4294967296 < p),
    pick(items) {
      if (items.length === 0) throw new RangeError("random.pick() of an empty array");
      return items[Math.floor((nextUint32() / 4294967296) * items.length)] as (typeof items)[number];
    },
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i += 4) {
        let word = nextUint32();
        for (let j = i; j < Math.min(n, i + 4); j++) {
          out[j] = word & 0xff;
          word >>>= 8;
        }
      }
      return out;
    },
    hex: (n) =>
      Buffer.from(random.bytes(Math.ceil(n / 2)))
        .toString("hex")
        .slice(0, n),
    fork: (label) => createRandom(`${seedText}/${label}`),
  };
  return random;
}
