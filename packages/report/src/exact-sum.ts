import type { IntValue } from "@omrecon/store";

/**
 * An exact integer sum: a double while it stays a safe integer (no allocation per term), the rest
 * carried in a bigint. Terms are `IntValue`s (safe integers as numbers, others as decimal text) or
 * bigints.
 */
export class ExactSum {
  #small = 0;
  #big = 0n;

  add(value: IntValue | bigint): void {
    if (value === null) return;
    if (typeof value === "number") {
      const sum = this.#small + value;
      if (Number.isSafeInteger(sum) && Number.isSafeInteger(value)) {
        this.#small = sum;
        return;
      }
    }
    this.#big += BigInt(value);
  }

  get total(): bigint {
    return this.#big + BigInt(this.#small);
  }
}

/** An `IntValue` as a bigint (null as 0). For the rare paths; the stream's sums use `ExactSum`. */
export function big(value: IntValue | undefined): bigint {
  return value === null || value === undefined ? 0n : BigInt(value);
}
