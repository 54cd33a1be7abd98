import { describe, expect, it } from "vitest";
import { humanSummary, type ListedFinding, type RunOutcome, runJson } from "../src/index.js";

const finding = (key: string, severity: "critical" | "warning", amount: bigint | null): ListedFinding => ({
  key,
  kind: severity === "critical" ? "underpaid" : "orphan_transfer",
  severity,
  order_id: null,
  payment_memo: null,
  tx_hash: null,
  expected_nano: null,
  received_nano: null,
  amount_nano: amount,
  message: key,
  new: true,
  first_seen_run: 1,
  first_seen_at: "2026-04-17T00:00:00.000Z",
  held_back: false,
});

const outcome: RunOutcome = {
  runId: 1,
  window: { from: "2026-04-10T00:00:00.000Z", to: "2026-04-17T00:00:00.000Z" },
  asOf: "2026-04-17T00:00:00.000Z",
  totals: { orders: 3, transfers: 3, matched: 1, findings: 3, new_findings: 3 },
  findings: [
    finding("underpaid:1", "critical", 18_000_000n),
    finding("underpaid:2", "critical", 9_007_199_254_740_993n),
    finding("control_total_mismatch:x", "warning", null),
  ],
  resolved: 0,
  mirrorIncomplete: null,
  orders: [],
  cleared: [],
  alerts: null,
  durationMs: 5,
  warnings: [],
};

describe("amounts in the run's outputs", () => {
  it("prints amount_nano in --json as an exact decimal string, null where there is none", () => {
    expect(runJson(outcome).findings.map((f) => f.amount_nano)).toEqual(["18000000", "9007199254740993", null]);
  });

  it("sums what is at stake per severity in the human summary, exactly", () => {
    const text = humanSummary(outcome);
    expect(text).toContain("critical 2 (2 new)\n  9007199.272740993 TON at stake\n");
    expect(text).toContain("warning 1 (1 new)\n  0 TON at stake\n");
  });
});
