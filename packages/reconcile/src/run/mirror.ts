/**
 * Whether the mirror a run reads is complete (docs/reconciliation.md#runs): the last sync pass
 * finished every walk, and finished recently enough. On an incomplete mirror a run still
 * reconciles what it can, but holds back the alerts of the findings a missing or stale order or
 * ledger row can cause, and says why.
 */
import type { FindingKind } from "@omrecon/core";
import { type MirrorState, readMirrorState, type Store } from "@omrecon/store";

/** A nightly sync with an hour or two of slack; `--max-sync-age-hours` changes it. */
export const DEFAULT_MAX_SYNC_AGE_MS = 26 * 60 * 60_000;

/**
 * Findings an order or ledger row missing from the mirror, or a stale status, can cause:
 * - `orphan_transfer`: its memo's order is not mirrored yet;
 * - `balance_debit_mismatch`: the debit's order, or the order's debit, is not mirrored yet;
 * - `unrecognized_payment`: the mirror still has the status the order had before it was paid;
 * - `control_total_mismatch`: the mirror's counts per status lag the API's;
 * - `topup_without_credit`, `balance_mismatch`, `balance_chain_break`: ledger rows not mirrored yet
 *   (a ledger walk stopped midway leaves a gap).
 * The rest compare what the mirror does hold with the chain, which the run reads itself.
 */
export const MIRROR_SENSITIVE_KINDS: ReadonlySet<FindingKind> = new Set<FindingKind>([
  "orphan_transfer",
  "balance_debit_mismatch",
  "unrecognized_payment",
  "control_total_mismatch",
  "topup_without_credit",
  "balance_mismatch",
  "balance_chain_break",
]);

/** Null when the mirror is complete, else why not, in words for the warning line and the run's record. */
export async function mirrorIncompleteness(store: Store, nowMs: number, maxAgeMs: number): Promise<string | null> {
  return incompleteness(await readMirrorState(store.db), nowMs, maxAgeMs);
}

export function incompleteness(state: MirrorState, nowMs: number, maxAgeMs: number): string | null {
  if (state.ordersWalk) {
    const { kind, offset } = state.ordersWalk;
    return `the last sync pass did not finish: its ${kind} walk of the orders stopped after ${offset.toLocaleString("en-US")} orders`;
  }
  if (state.ledgerWalk) {
    return `the last sync pass did not finish: its walk of the balance ledger stopped after ${state.ledgerWalk.offset.toLocaleString("en-US")} rows`;
  }
  if (state.lastCompletePass === null) return "no sync pass has finished on this database";
  const ageMs = nowMs - Date.parse(state.lastCompletePass);
  if (ageMs > maxAgeMs) {
    const hours = (ms: number) => `${Math.round((ms / 3_600_000) * 10) / 10} h`;
    return `the last complete sync pass started ${hours(ageMs)} ago (${state.lastCompletePass}), more than ${hours(maxAgeMs)}`;
  }
  return null;
}
