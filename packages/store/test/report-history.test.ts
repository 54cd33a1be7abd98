import type { Finding } from "@omrecon/core";
import { describe, expect, it } from "vitest";
import {
  appendBalanceTransactions,
  endRun,
  finishRun,
  insertBalanceSnapshot,
  insertRun,
  openStore,
  readReportSnapshot,
  recordRunFindings,
  resolveFinding,
  type Store,
  writeTransaction,
} from "../src/index.js";
import { balanceRow, tempDbPath } from "./helpers.js";

const underpaid: Finding = {
  key: "underpaid:10421",
  kind: "underpaid",
  severity: "critical",
  order_id: 10421,
  payment_memo: "STARS-a1b2c3",
  tx_hash: "b".repeat(64),
  expected_nano: 418_000_000n,
  received_nano: 300_000_000n,
  amount_nano: 118_000_000n,
  message: "short",
};
const orphan: Finding = {
  key: `orphan_transfer:${"c".repeat(64)}`,
  kind: "orphan_transfer",
  severity: "warning",
  order_id: null,
  payment_memo: null,
  tx_hash: "c".repeat(64),
  expected_nano: null,
  received_nano: null,
  amount_nano: 7_000_000_000n,
  message: "orphan",
};

async function doneRun(store: Store, day: number, findings: Finding[]): Promise<number> {
  const at = `2026-04-${day}T02:00:00.000Z`;
  const id = await insertRun(store.db, {
    started_at: at,
    window_from: "2026-04-01T00:00:00.000Z",
    window_to: at,
    as_of: at,
    options: { fail_on: "warning" },
  });
  await writeTransaction(store.db, async (trx) => {
    const recorded = await recordRunFindings(trx, id, at, findings);
    const open = recorded.filter((r) => !r.resolved).length;
    await finishRun(trx, id, {
      finished_at: at.replace("02:00", "02:01"),
      duration_ms: 60_000,
      totals: { orders: 10, transfers: 10, matched: 9, findings: open, new_findings: 0 },
    });
  });
  return id;
}

describe("the summary page's reads: run history and the balance against the ledger", () => {
  it("lists the ended runs newest first with their open findings and what they put at stake, resolved ones left out", async () => {
    const store = await openStore(tempDbPath());
    try {
      const first = await doneRun(store, 10, [underpaid, orphan]);
      await resolveFinding(store.db, { key: orphan.key, by: "ann", note: "ours", at: "2026-04-10T09:00:00.000Z" });
      const second = await doneRun(store, 11, [underpaid, orphan]);
      const failed = await insertRun(store.db, {
        started_at: "2026-04-12T02:00:00.000Z",
        window_from: "2026-04-05T00:00:00.000Z",
        window_to: "2026-04-12T02:00:00.000Z",
        as_of: "2026-04-12T02:00:00.000Z",
        options: { fail_on: "critical" },
      });
      await endRun(store.db, failed, "failed", {
        finished_at: "2026-04-12T02:03:00.000Z",
        duration_ms: 180_000,
        error: "TON endpoint unreachable",
      });
      // Still running: not a night's result yet.
      await insertRun(store.db, {
        started_at: "2026-04-13T02:00:00.000Z",
        window_from: "2026-04-06T00:00:00.000Z",
        window_to: "2026-04-13T02:00:00.000Z",
        as_of: "2026-04-13T02:00:00.000Z",
        options: {},
      });

      const history = await readReportSnapshot(store.db, async (r) => r.runHistory(30));
      expect(history.map((h) => [Number(h.id), h.status, Number(h.findings), h.at_stake_nano])).toEqual([
        [failed, "failed", 0, 0n],
        [second, "done", 1, 118_000_000n],
        [first, "done", 2, 7_118_000_000n],
      ]);
      expect(history[0]?.error).toBe("TON endpoint unreachable");
      expect(JSON.parse(history[0]?.options ?? "{}")).toEqual({ fail_on: "critical" });
      const newest = await readReportSnapshot(store.db, async (r) => r.runHistory(2));
      expect(newest.map((h) => Number(h.id))).toEqual([failed, second]);
    } finally {
      await store.close();
    }
  });

  it("reads the newest balance reading and the ledger's last row by id, or null for each when there is none", async () => {
    const store = await openStore(tempDbPath());
    try {
      expect(await readReportSnapshot(store.db, async (r) => r.balanceAgainstLedger())).toEqual({
        reported: null,
        last_row: null,
      });
      await appendBalanceTransactions(store.db, [balanceRow(1), balanceRow(2), balanceRow(3)]);
      for (const [taken_at, balance_nano] of [
        ["2026-04-16T10:00:00.000Z", 5_000_000_000n],
        ["2026-04-16T11:00:00.000Z", 3_000_000_001n],
      ] as const) {
        await insertBalanceSnapshot(store.db, {
          taken_at,
          balance_nano,
          topup_address: "UQ…",
          topup_address_raw: null,
          currency: "TON",
          updated_at: null,
        });
      }
      const check = await readReportSnapshot(store.db, async (r) => r.balanceAgainstLedger());
      expect(check.reported).toEqual({ balance_nano: 3_000_000_001n, taken_at: "2026-04-16T11:00:00.000Z" });
      expect(check.last_row).toEqual({
        id: 3n,
        created_at: balanceRow(3).created_at,
        balance_after_nano: 3_000_000_000n,
      });
    } finally {
      await store.close();
    }
  });
});
