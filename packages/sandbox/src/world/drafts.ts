/**
 * What the generator writes down while it builds a world, before the chain has given hashes and
 * the ledger has ids: findings and tricky cases refer to orders by index and to transactions by
 * event index, and are resolved once everything is recorded.
 */
import type { FindingKind } from "@omrecon/core";
import type { SandboxBalanceTxType } from "../model.js";
import type { TrickyKind } from "./truth.js";

/** A ledger row before sorting: `at` and insertion order decide its id. */
export interface LedgerDraft {
  at: number;
  type: SandboxBalanceTxType;
  amount: bigint;
  orderId: number | null;
  /** The chain event whose hash the row names, or -1. */
  event: number;
  /** A hash (hex) that is not one of the world's events, when the row names such a hash. */
  foreignHash: string | null;
  description: string | null;
  /** A planted jump of the served `balance_after` from this row on. */
  breakDelta: bigint;
  seq: number;
  /** Filled when the ledger is finalized: the id, the served balance_after and the previous row's. */
  id: number;
  after: bigint;
  prevAfter: bigint | null;
}

export interface FindingDraft {
  kind: FindingKind;
  /** Order index, or -1. */
  order: number;
  /** The event whose hash the finding names, or -1. */
  event: number;
  /** A hash (hex) named instead of an event's. */
  foreignHash: string | null;
  /** The ledger row the finding is keyed by, if any. */
  row: LedgerDraft | null;
  expected: bigint | null;
  received: bigint | null;
  planted: string;
}

export interface TrickyDraft {
  kind: TrickyKind;
  note: string;
  order: number;
  events: number[];
}

export function findingDraft(kind: FindingKind, planted: string, fields: Partial<FindingDraft> = {}): FindingDraft {
  return {
    kind,
    order: -1,
    event: -1,
    foreignHash: null,
    row: null,
    expected: null,
    received: null,
    planted,
    ...fields,
  };
}
