/**
 * How many distinct strings a list holds, for lists of up to millions of transaction hashes. A
 * `Set` of them costs a hash-table insert each; instead each string gets a number that equal
 * strings share (for 64 hex characters, the value of the last 13 digits, which differ between
 * any two real hashes), the numbers are sorted, and only when two are equal — a repeated string,
 * or two strings that merely share those digits — does a `Set` decide.
 */
export function distinctCount(values: readonly string[]): number {
  const prints = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) prints[i] = fingerprint(values[i]!);
  prints.sort();
  for (let i = 1; i < prints.length; i++) if (prints[i] === prints[i - 1]) return new Set(values).size;
  return values.length;
}

const DIGITS = 13;
/** The value of each lowercase hex digit's code unit, -1 for any other. */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) HEX_VALUE["0123456789abcdef".charCodeAt(d)] = d;

/**
 * A number equal strings share: the last 13 hex digits (below 2^52) when they are lowercase hex,
 * else a hash of the whole string placed above 2^52, so the two kinds never meet.
 */
export function fingerprint(s: string): number {
  if (s.length >= DIGITS) {
    let v = 0;
    for (let i = s.length - DIGITS; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const d = c < 128 ? HEX_VALUE[c]! : -1;
      if (d < 0) return textPrint(s);
      v = v * 16 + d;
    }
    return v;
  }
  return textPrint(s);
}

/** FNV-1a over the code units, as a number in [2^52, 2^53). */
function textPrint(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return 2 ** 52 + (h >>> 0);
}
