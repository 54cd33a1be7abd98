import type { Finding } from "@omrecon/core";
import type { Kysely } from "kysely";
import { expect, it } from "vitest";
import { getFinding, openStore, recordRunFindings } from "../src/index.js";
import { testDatabase } from "../src/testing.js";
import { describeEachDialect, orderRow } from "./helpers.js";

const finding = (amount: bigint | null, received = 400_000_000n): Finding => ({
  key: "underpaid:7",
  kind: "underpaid",
  severity: "critical",
  order_id: 7,
  payment_memo: "STARS-7",
  tx_hash: null,
  expected_nano: 418_000_000n,
  received_nano: received,
  amount_nano: amount,
  message: "underpaid",
});

describeEachDialect("findings.amount_nano (migration 007)", (dialect) => {
  it("is stored with the finding and follows it from run to run", async () => {
    const store = await openStore(await dialect.location());
    await recordRunFindings(store.db, 1, "2026-04-17T00:00:00.000Z", [finding(18_000_000n)]);
    expect((await getFinding(store.db, "underpaid:7"))?.amount_nano).toBe(18_000_000n);
    await recordRunFindings(store.db, 2, "2026-04-18T00:00:00.000Z", [finding(118_000_000n, 300_000_000n)]);
    expect((await getFinding(store.db, "underpaid:7"))?.amount_nano).toBe(118_000_000n);
    await store.close();
  });

  it("does not take part in a finding's identity: a resolution still holds when only the amount is new", async () => {
    const store = await openStore(await dialect.location());
    await recordRunFindings(store.db, 1, "2026-04-17T00:00:00.000Z", [finding(null)]);
    await testDatabase(store)
      .db.insertInto("finding_resolutions")
      .values({
        key: "underpaid:7",
        resolved_at: "2026-04-17T01:00:00.000Z",
        resolved_by: "ana",
        note: "paid by wire",
        expected_nano: 418_000_000n,
        received_nano: 400_000_000n,
      })
      .execute();
    const [again] = await recordRunFindings(store.db, 2, "2026-04-18T00:00:00.000Z", [finding(18_000_000n)]);
    expect(again).toMatchObject({ isNew: false, resolved: true });
    await store.close();
  });

  it("fills rows written before it from what the row and the mirror already say", async () => {
    const path = await dialect.location();
    const before = await openStore(path);
    // A mirror from before 007: the column absent, 007 not recorded as run.
    const raw = testDatabase(before);
    await raw.query("ALTER TABLE findings DROP COLUMN amount_nano");
    await raw.query("DELETE FROM kysely_migration WHERE name = '007_findings_amount'");
    // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before migration 007, not the current one.
    const db = raw.db as unknown as Kysely<any>;
    await db
      .insertInto("orders")
      .values(orderRow(7, { price_nano: 5_000_000_000n }))
      .execute();
    await db
      .insertInto("order_matches")
      .values({ order_id: 7, run_id: 1, paid_nano: 6_000_000_000n, covering_hashes: "[]", reconciliation: "x" })
      .execute();
    const row = (key: string, kind: string, fields: Record<string, unknown>) => ({
      key,
      kind,
      severity: "warning",
      order_id: null,
      payment_memo: null,
      tx_hash: null,
      expected_nano: null,
      received_nano: null,
      message: kind,
      details: "{}",
      first_seen_run: 1,
      last_seen_run: 1,
      first_seen_at: "2026-04-17T00:00:00.000Z",
      last_seen_at: "2026-04-17T00:00:00.000Z",
      ...fields,
    });
    await db
      .insertInto("findings")
      .values([
        row("a", "underpaid", { expected_nano: 418_000_000n, received_nano: 400_000_000n }),
        row("b", "balance_chain_break", { expected_nano: 9_000_000_000n, received_nano: 9_500_000_000n }),
        row("c", "duplicate_payment", { expected_nano: 418_000_000n, received_nano: 1_000_000_000n }),
        row("d", "orphan_transfer", { details: JSON.stringify({ value_nano: "123456789012345678" }) }),
        row("e", "missing_payment", { order_id: 7 }),
        row("f", "unrecognized_payment", { order_id: 7 }),
        row("g", "control_total_mismatch", {}),
      ])
      .execute();
    await before.close();
    const store = await openStore(path);
    const amounts = await testDatabase(store)
      .db.selectFrom("findings")
      .select(["key", "amount_nano"])
      .orderBy("key")
      .execute();
    expect(amounts.map((r) => [r.key, r.amount_nano])).toEqual([
      ["a", 18_000_000n],
      ["b", 500_000_000n],
      ["c", 1_000_000_000n],
      ["d", 123456789012345678n],
      ["e", 5_000_000_000n],
      ["f", 6_000_000_000n],
      ["g", null],
    ]);
    await store.close();
  });
});
