import type { Finding } from "@omrecon/core";
import { expect, it } from "vitest";
import {
  appendBalanceTransactions,
  clearUnseenFindings,
  findingKeysByPrefix,
  getFindingState,
  insertRun,
  listFindingStates,
  openStore,
  recordRunFindings,
  resolveFinding,
  runsOfFinding,
  type Store,
  upsertOrders,
  upsertTransfers,
} from "../src/index.js";
import type { TestDialect } from "../src/testing.js";
import { balanceRow, describeEachDialect, orderRow } from "./helpers.js";

const HASH = "c".repeat(64);
const finding = (over: Partial<Finding> & Pick<Finding, "key" | "kind" | "severity">): Finding => ({
  order_id: null,
  payment_memo: null,
  tx_hash: null,
  expected_nano: null,
  received_nano: null,
  amount_nano: null,
  message: over.key,
  ...over,
});
const underpaid = finding({
  key: "underpaid:1",
  kind: "underpaid",
  severity: "critical",
  order_id: 1,
  expected_nano: 418_000_000n,
  received_nano: 400_000_000n,
  amount_nano: 18_000_000n,
});
const missing = finding({
  key: "missing_payment:2",
  kind: "missing_payment",
  severity: "critical",
  order_id: 2,
  amount_nano: 418_000_000n,
});
const orphan = finding({
  key: `orphan_transfer:${HASH}`,
  kind: "orphan_transfer",
  severity: "warning",
  tx_hash: HASH,
  amount_nano: 7_000_000_000n,
});
const chainBreak = finding({
  key: "balance_chain_break:3",
  kind: "balance_chain_break",
  severity: "critical",
  amount_nano: 1n,
  details: { balance_tx_id: 3 },
});
const balance = finding({ key: "balance_mismatch:3", kind: "balance_mismatch", severity: "critical", amount_nano: 5n });
const control = finding({
  key: "control_total_mismatch:2026-04-09..2026-04-16",
  kind: "control_total_mismatch",
  severity: "critical",
});

/** Orders 1 and 2 created on 2026-04-16 (helpers), the orphan's transfer and ledger row 3 that day too. */
async function world(dialect: TestDialect): Promise<Store> {
  const store = await openStore(await dialect.location());
  await upsertOrders(store.db, [orderRow(1), orderRow(2)]);
  await upsertTransfers(store.db, [
    {
      hash: HASH,
      lt: 5n,
      utime: Date.parse("2026-04-16T13:00:00Z") / 1000,
      address: `0:${"07".repeat(32)}`,
      source: null,
      value_nano: 7_000_000_000n,
      comment: "<!channel>",
      body_kind: "text",
      external: 0,
      bounced: 0,
      aborted: 0,
      sent_back: 0,
      read_at: "2026-04-16T14:00:00.000Z",
    },
  ]);
  await appendBalanceTransactions(store.db, [balanceRow(1), balanceRow(2), balanceRow(3)]);
  return store;
}

async function run(store: Store, findings: Finding[], day: string): Promise<number> {
  const id = await insertRun(store.db, {
    started_at: `${day}T02:00:00.000Z`,
    window_from: "2026-04-09T00:00:00.000Z",
    window_to: "2026-04-17T00:00:00.000Z",
    as_of: "2026-04-17T00:00:00.000Z",
    options: {},
  });
  await recordRunFindings(store.db, id, `${day}T02:00:00.000Z`, findings);
  return id;
}

describeEachDialect("findings as an operator looks them up", (dialect) => {
  it("lists open findings most severe first, then most at stake; filters by kind, severity and first-seen date", async () => {
    const store = await world(dialect);
    await run(store, [underpaid, orphan], "2026-04-16");
    await run(store, [underpaid, orphan, missing], "2026-04-17");
    const open = await listFindingStates(store.db);
    expect(open.map((f) => [f.key, f.status])).toEqual([
      ["missing_payment:2", "open"],
      ["underpaid:1", "open"],
      [orphan.key, "open"],
    ]);
    expect((await listFindingStates(store.db, { kind: "underpaid" })).map((f) => f.key)).toEqual(["underpaid:1"]);
    expect((await listFindingStates(store.db, { severity: "warning" })).map((f) => f.key)).toEqual([orphan.key]);
    expect((await listFindingStates(store.db, { since: "2026-04-17T00:00:00.000Z" })).map((f) => f.key)).toEqual([
      "missing_payment:2",
    ]);
    await store.close();
  });

  it("tells open, resolved and cleared apart, and re-opens a cleared finding that comes back as new", async () => {
    const store = await world(dialect);
    await run(store, [underpaid, missing, orphan], "2026-04-16");
    await resolveFinding(store.db, {
      key: "missing_payment:2",
      by: "ana",
      note: "paid by card",
      at: "2026-04-16T09:00:00Z",
    });
    const second = await run(store, [orphan], "2026-04-17");
    const window = { from: "2026-04-09T00:00:00.000Z", to: "2026-04-17T00:00:00.000Z" };
    const cleared = await clearUnseenFindings(store.db, { runId: second, at: "2026-04-17T02:00:00.000Z", window });
    // The resolved one stays resolved; the underpayment is gone from an order the run covered.
    expect(cleared.map((f) => f.key)).toEqual(["underpaid:1"]);
    expect((await listFindingStates(store.db, { status: "all" })).map((f) => [f.key, f.status])).toEqual([
      ["missing_payment:2", "resolved"],
      ["underpaid:1", "cleared"],
      [orphan.key, "open"],
    ]);
    expect((await getFindingState(store.db, "missing_payment:2"))?.resolution).toMatchObject({ resolved_by: "ana" });
    expect(await getFindingState(store.db, "underpaid:1")).toMatchObject({ cleared_run: BigInt(second) });

    const third = await insertRun(store.db, {
      started_at: "2026-04-18T02:00:00.000Z",
      window_from: window.from,
      window_to: window.to,
      as_of: window.to,
      options: {},
    });
    const again = await recordRunFindings(store.db, third, "2026-04-18T02:00:00.000Z", [underpaid, orphan]);
    expect(again.map((r) => [r.finding.key, r.isNew])).toEqual([
      ["underpaid:1", true],
      [orphan.key, false],
    ]);
    expect((await getFindingState(store.db, "underpaid:1"))?.status).toBe("open");
    expect((await runsOfFinding(store.db, "underpaid:1")).map((r) => [Number(r.run_id), r.is_new])).toEqual([
      [third, true],
      [1, true],
    ]);
    await store.close();
  });

  it("clears only what the run covered: subjects in its window, every-run checks, this window's control totals", async () => {
    const store = await world(dialect);
    await run(store, [underpaid, orphan, chainBreak, balance, control], "2026-04-16");
    const later = await run(store, [], "2026-04-17");
    // A window that holds none of the subjects: only the balance check (made every run) clears.
    const elsewhere = { from: "2026-05-01T00:00:00.000Z", to: "2026-05-08T00:00:00.000Z" };
    const none = await clearUnseenFindings(store.db, {
      runId: later,
      at: "2026-04-17T02:00:00.000Z",
      window: elsewhere,
      everyRun: ["balance_mismatch"],
      keyedKinds: ["control_total_mismatch"],
      keys: ["control_total_mismatch:2026-05-01..2026-05-08"],
    });
    expect(none.map((f) => f.key)).toEqual(["balance_mismatch:3"]);
    // The window holds the order, the transfer and the ledger row; this window's control totals too.
    const covered = await clearUnseenFindings(store.db, {
      runId: later,
      at: "2026-04-17T02:00:00.000Z",
      window: { from: "2026-04-16T00:00:00.000Z", to: "2026-04-17T00:00:00.000Z" },
      keyedKinds: ["control_total_mismatch"],
      keys: [control.key],
    });
    expect(covered.map((f) => f.key).sort()).toEqual([chainBreak.key, control.key, orphan.key, "underpaid:1"].sort());
    expect(await listFindingStates(store.db)).toEqual([]);
    await store.close();
  });

  it("finds a key by any unique prefix, lists what an ambiguous one matches, and takes LIKE's wildcards literally", async () => {
    const store = await world(dialect);
    await run(
      store,
      [underpaid, missing, orphan, finding({ key: "underpaid:12", kind: "underpaid", severity: "critical" })],
      "2026-04-16",
    );
    expect(await findingKeysByPrefix(store.db, "orphan")).toEqual([orphan.key]);
    expect(await findingKeysByPrefix(store.db, `orphan_transfer:${"c".repeat(10)}`)).toEqual([orphan.key]);
    expect(await findingKeysByPrefix(store.db, "underpaid:1")).toEqual(["underpaid:1"]);
    expect(await findingKeysByPrefix(store.db, "underpaid:")).toEqual(["underpaid:1", "underpaid:12"]);
    expect(await findingKeysByPrefix(store.db, "UNDERPAID")).toEqual([]);
    expect(await findingKeysByPrefix(store.db, "missing%")).toEqual([]);
    expect(await findingKeysByPrefix(store.db, "missing_p")).toEqual(["missing_payment:2"]);
    expect(await findingKeysByPrefix(store.db, "missingXp")).toEqual([]);
    expect(await findingKeysByPrefix(store.db, "")).toEqual([]);
    await store.close();
  });
});
