/** Turns the drafts into the ground truth once hashes and ledger ids exist. */
import {
  FINDING_KINDS,
  FINDING_SEVERITY,
  type FindingKind,
  findingKey,
  formatIsoUtc,
  ORDER_FINDING_KINDS,
  TRANSFER_FINDING_KINDS,
  utcDate,
} from "@omrecon/core";
import type { WorldBuilder } from "./builder.js";
import type { FindingDraft } from "./drafts.js";
import type { FinalLedger } from "./ledger.js";
import type { ExpectedFinding, GroundTruth, TrickyCase } from "./truth.js";

// The key scheme is core's (docs/reconciliation.md#findings), as the reconciler's keys are.
const ORDER_KEYED = new Set<FindingKind>(ORDER_FINDING_KINDS);
const HASH_KEYED = new Set<FindingKind>(TRANSFER_FINDING_KINDS);

function keyOf(
  d: FindingDraft,
  orderId: number | null,
  hash: string | null,
  ledger: FinalLedger,
  builder: WorldBuilder,
) {
  const { kind } = d;
  if (ORDER_KEYED.has(kind)) return findingKey.order(kind, orderId!);
  if (HASH_KEYED.has(kind)) return findingKey.transfer(kind, hash!);
  switch (kind) {
    case "balance_chain_break":
    case "credit_without_topup":
      return findingKey.balanceTx(kind, d.row!.id);
    case "balance_debit_mismatch":
      return orderId !== null ? findingKey.order(kind, orderId) : findingKey.debitWithoutOrder(d.row!.id);
    case "balance_mismatch":
      return findingKey.balanceMismatch(ledger.rows[ledger.rows.length - 1]?.id ?? null);
    case "control_total_mismatch":
      return findingKey.controlTotal(utcDate(builder.timeline.start), utcDate(builder.timeline.now));
    default:
      throw new Error(`no key rule for ${kind}`);
  }
}

function amountsOf(d: FindingDraft, ledger: FinalLedger): [bigint | null, bigint | null] {
  if (d.kind === "balance_chain_break") return [d.row!.prevAfter! + d.row!.amount, d.row!.after];
  if (d.kind === "balance_mismatch") {
    const last = ledger.rows[ledger.rows.length - 1]?.balance_after_nano ?? 0n;
    return [last, ledger.balance];
  }
  return [d.expected, d.received];
}

export function resolveTruth(builder: WorldBuilder, hashes: readonly string[], ledger: FinalLedger): GroundTruth {
  const findings: ExpectedFinding[] = builder.findings.map((d) => {
    const order = d.order >= 0 ? builder.orders[d.order]! : null;
    const hash = d.event >= 0 ? hashes[d.event]! : d.foreignHash;
    const [expected, received] = amountsOf(d, ledger);
    return {
      key: keyOf(d, order?.id ?? null, hash, ledger, builder),
      kind: d.kind,
      severity: FINDING_SEVERITY[d.kind],
      order_id: order?.id ?? null,
      payment_memo: order?.payment_memo ?? null,
      tx_hash: hash,
      expected_nano: expected,
      received_nano: received,
      planted: d.planted,
    };
  });
  findings.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const keys = new Set(findings.map((f) => f.key));
  if (keys.size !== findings.length) throw new Error("world generator planted two findings with one key");

  const tricky: TrickyCase[] = builder.tricky.map((t) => ({
    kind: t.kind,
    note: t.note,
    order_id: t.order >= 0 ? builder.orders[t.order]!.id : null,
    tx_hashes: t.events.map((e) => hashes[e]!),
  }));

  const counts = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
  for (const f of findings) counts[f.kind]++;
  const from = formatIsoUtc(builder.timeline.start);
  const to = formatIsoUtc(builder.timeline.now);
  return { findings, tricky, window: { from, to }, asOf: to, graceMinutes: 30, toleranceNano: 0n, counts };
}
