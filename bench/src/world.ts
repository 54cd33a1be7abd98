/**
 * The bench's world: a year of history, so that an incremental sync's 7-day lookback is a small
 * slice of it, as in a real nightly run; a fixed present, so that one seed always gives the same
 * world; and a sprinkling of every finding kind, so the matcher has real work besides the happy path.
 */
import type { FindingKind } from "@omrecon/core";
import type { PlantAmount } from "@omrecon/sandbox";
import type { BenchWorld } from "./job.js";

/** 2026-04-16T00:00:00Z: a fixed present makes `--seed` enough to reproduce a world. */
export const BENCH_NOW_MS = Date.UTC(2026, 3, 16);

export const BENCH_DAYS = 365;

/** About one order in a thousand is an anomaly of some kind. */
export const BENCH_PLANT: Partial<Record<FindingKind, PlantAmount>> = {
  missing_payment: { rate: 0.0001 },
  unrecognized_payment: { rate: 0.0001 },
  underpaid: { rate: 0.0001 },
  overpaid: { rate: 0.0001 },
  late_payment: { rate: 0.0001 },
  duplicate_payment: { rate: 0.0001 },
  tx_hash_mismatch: { rate: 0.00005 },
  orphan_transfer: { rate: 0.0002 },
  bounced_transfer: { rate: 0.00005 },
  balance_chain_break: 1,
  balance_mismatch: 1,
  topup_without_credit: { rate: 0.00005 },
  credit_without_topup: { rate: 0.00005 },
  balance_debit_mismatch: { rate: 0.0001 },
  control_total_mismatch: 1,
};

/** What the sandbox host writes to world.json once the world is up. */
export interface WorldInfo extends BenchWorld {
  transactions: number;
  ledgerRows: number;
  expectedFindings: number;
  /** Generating the world and starting both servers. */
  generateMs: number;
  /** Peak RSS of the sandbox process after generation, MiB. */
  sandboxRssMb: number;
}
