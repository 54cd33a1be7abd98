/** What a world is generated from, and the checks that turn loose options into exact counts. */
import { FINDING_KINDS, type FindingKind } from "@omrecon/core";
import type { Seed } from "../random.js";
import type { TonChain } from "../ton/types.js";
import { TRICKY_KINDS, type TrickyKind } from "./truth.js";

/** An exact number of planted findings, or a rate (per order) that becomes `round(rate × orders)`. */
export type PlantAmount = number | { rate: number };

export interface WorldOptions {
  seed: Seed;
  /** Number of orders (≥ 1). */
  orders: number;
  /** Days of history before `now` (> 0, at least two hours' worth). Default 7. */
  days?: number;
  /**
   * The world's present (epoch ms): orders are created in `[now − days, now)`, and the truth holds
   * for a reconcile with as-of = now. Default `Date.now()` floored to the minute, so a world is
   * deterministic per (seed, options, now).
   */
  now?: number;
  /** Findings to plant. `balance_mismatch` and `control_total_mismatch` are at most one each. */
  plant?: Partial<Record<FindingKind, PlantAmount>>;
  /**
   * Must-not-find cases: `true` one of each kind, `false` none, or a count per kind. Default: one of
   * each when the world has at least 60 orders, none below.
   */
  tricky?: boolean | Partial<Record<TrickyKind, number>>;
  /** The chain to record transactions in. Default: a fresh `createTonChain()`. */
  chain?: TonChain;
}

export interface ResolvedWorldOptions {
  seed: Seed;
  orders: number;
  days: number;
  now: number;
  plant: Record<FindingKind, number>;
  tricky: Record<TrickyKind, number>;
}

/** Orders a tricky world needs at least (one order per order-bound tricky case plus room). */
export const TRICKY_DEFAULT_MIN_ORDERS = 60;
const SINGLETONS: readonly FindingKind[] = ["balance_mismatch", "control_total_mismatch"];
const MINUTE = 60_000;

function countOf(kind: string, amount: PlantAmount | undefined, orders: number): number {
  if (amount === undefined) return 0;
  if (typeof amount === "number") {
    if (!Number.isSafeInteger(amount) || amount < 0) {
      throw new RangeError(`plant.${kind}: a count must be a whole number ≥ 0, got ${amount}`);
    }
    return amount;
  }
  const { rate } = amount;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new RangeError(`plant.${kind}: a rate must be within 0..1, got ${rate}`);
  }
  return rate > 0 && SINGLETONS.includes(kind as FindingKind) ? 1 : Math.round(rate * orders);
}

export function resolveWorldOptions(options: WorldOptions): ResolvedWorldOptions {
  const { orders } = options;
  if (!Number.isSafeInteger(orders) || orders < 1)
    throw new RangeError(`orders must be a whole number ≥ 1, got ${orders}`);
  const days = options.days ?? 7;
  if (!Number.isFinite(days) || days * 24 < 2) throw new RangeError(`days must cover at least two hours, got ${days}`);
  const now = options.now ?? Math.floor(Date.now() / MINUTE) * MINUTE;
  if (!Number.isSafeInteger(now) || now % 1000 !== 0) {
    throw new RangeError(`now must be epoch milliseconds on a whole second, got ${now}`);
  }

  const plant = {} as Record<FindingKind, number>;
  for (const kind of FINDING_KINDS) plant[kind] = countOf(kind, options.plant?.[kind], orders);
  for (const kind of Object.keys(options.plant ?? {})) {
    if (!(FINDING_KINDS as string[]).includes(kind)) throw new RangeError(`plant: unknown finding kind ${kind}`);
  }
  for (const kind of SINGLETONS) {
    if (plant[kind] > 1)
      throw new RangeError(`plant.${kind}: a world has one /balance and one stats answer, at most 1`);
  }

  const given = options.tricky ?? orders >= TRICKY_DEFAULT_MIN_ORDERS;
  const tricky = {} as Record<TrickyKind, number>;
  for (const kind of TRICKY_KINDS) {
    const n = typeof given === "boolean" ? (given ? 1 : 0) : (given[kind] ?? 0);
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`tricky.${kind}: a count must be a whole number ≥ 0`);
    tricky[kind] = n;
  }
  if (typeof given === "object") {
    for (const kind of Object.keys(given)) {
      if (!(TRICKY_KINDS as readonly string[]).includes(kind)) throw new RangeError(`tricky: unknown case ${kind}`);
    }
  }
  return { seed: options.seed, orders, days, now, plant, tricky };
}
