/**
 * Money is integer nanotons (1 TON = 10^9 nanotons) from the edge inward. This module is the only
 * place that converts between TON decimals and nanotons; nothing else parses or prints amounts.
 */

declare const nanoBrand: unique symbol;

/** An amount in nanotons. A plain `bigint` with a brand so that TON decimals cannot sneak in. */
export type Nano = bigint & { readonly [nanoBrand]: true };

export const NANO_PER_TON = 1_000_000_000n;

/** Brands an integer count of nanotons. */
export function nano(value: bigint | number | string): Nano {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new RangeError(`nano(): ${value} is not a safe integer count of nanotons`);
  }
  return BigInt(value) as Nano;
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses a TON amount given as a decimal string ("0.418", "-12", "1e-9") or as a JSON number into
 * nanotons, exactly. A number is read through its shortest round-trip decimal form, so the API's
 * `0.418` is 418000000 and never 417999999. Digits below one nanoton are rounded half away from
 * zero: they can only be float artefacts (`0.41800000000000004`), since the chain has no smaller unit.
 */
export function parseTon(value: string | number): Nano {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a TON amount: ${value}`);
    text = String(value);
  } else {
    text = value.trim();
  }
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === "" && (m[3] === undefined || m[3] === ""))) {
    throw new RangeError(`not a TON amount: ${JSON.stringify(value)}`);
  }
  const sign = m[1] === "-" ? -1n : 1n;
  let digits = (m[2] ?? "") + (m[3] ?? "");
  // Position of the decimal point counted from the left of `digits`, shifted by the exponent.
  let point = (m[2] ?? "").length + (m[4] ? Number(m[4]) : 0);
  if (!Number.isSafeInteger(point) || Math.abs(point) > 1000) {
    throw new RangeError(`TON amount out of range: ${JSON.stringify(value)}`);
  }
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  if (digits.length < point) digits = digits.padEnd(point, "0");
  const whole = digits.slice(0, point);
  const frac = digits.slice(point);
  const kept = frac.slice(0, 9).padEnd(9, "0");
  let units = BigInt(whole === "" ? "0" : whole) * NANO_PER_TON + BigInt(kept);
  const dropped = frac.slice(9);
  if (dropped !== "" && dropped.charCodeAt(0) >= 53 /* '5' */) units += 1n;
  return (sign * units) as Nano;
}

/** Formats nanotons as an exact TON decimal string: 418000000 → "0.418", -5·10^9 → "-5", 0 → "0". */
export function formatTon(amount: bigint): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const whole = abs / NANO_PER_TON;
  const frac = (abs % NANO_PER_TON).toString().padStart(9, "0").replace(/0+$/, "");
  const text = frac === "" ? whole.toString() : `${whole}.${frac}`;
  return negative ? `-${text}` : text;
}

/** Converts nanotons to a JS number of TON, for display and for the API's own number fields only. */
export function nanoToTonNumber(amount: bigint): number {
  return Number(formatTon(amount));
}

/** Sums amounts exactly. */
export function sumNano(amounts: Iterable<bigint>): Nano {
  let total = 0n;
  for (const a of amounts) total += a;
  return total as Nano;
}
