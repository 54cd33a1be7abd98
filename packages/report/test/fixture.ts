import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseTon } from "@omrecon/core";
import { openStore, type Store } from "@omrecon/store";
import { type TestDialect, testDatabase, testDialects } from "@omrecon/store/testing";
import { describe } from "vitest";

export function tempDir(prefix = "omrecon-report-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A new, empty store: a SQLite file, or a fresh Postgres schema when the suite runs on Postgres. */
export async function tempStore(dialect?: TestDialect): Promise<Store> {
  return openStore(dialect ? await dialect.location() : join(tempDir(), "db.sqlite"));
}

/** The dialects a suite runs against (@omrecon/store/testing), once per file. */
export const DIALECTS = testDialects();

/** `describe` once per dialect (`name [sqlite]`, `name [postgres]`); one that cannot run here skips, its title says why. */
export function describeEachDialect(name: string, body: (dialect: TestDialect) => void): void {
  for (const dialect of DIALECTS)
    describe.skipIf(dialect.skip !== null)(`${name} [${dialect.title}]`, () => body(dialect));
}

let nextId = 1000;

/** Inserts one order row as the mirror would hold it. */
export async function addOrder(
  store: Store,
  o: Partial<{
    id: number;
    created_at: string;
    status: string;
    order_type: string;
    recipient_username: string;
    stars_amount: number | null;
    premium_months: number | null;
    price: string;
    payment_method: string;
    payment_memo: string | null;
    client_reference: string | null;
    tx_hash: string | null;
  }>,
): Promise<number> {
  const id = o.id ?? nextId++;
  const type = o.order_type ?? "stars";
  await testDatabase(store)
    .db.insertInto("orders")
    .values({
      id,
      status: o.status ?? "completed",
      order_type: type,
      stars_amount: o.stars_amount === undefined ? (type === "stars" ? 100 : null) : o.stars_amount,
      premium_months: o.premium_months === undefined ? (type === "premium" ? 3 : null) : o.premium_months,
      recipient_username: o.recipient_username ?? "pandus",
      price_nano: parseTon(o.price ?? "0.418"),
      payment_method: o.payment_method ?? "ton_memo",
      payment_currency: "TON",
      payment_address: null,
      payment_address_raw: null,
      payment_memo: o.payment_memo === undefined ? `STARS-${id}` : o.payment_memo,
      client_reference: o.client_reference ?? null,
      tx_hash: o.tx_hash ?? null,
      expires_at: null,
      created_at: new Date(o.created_at ?? "2026-04-16T12:00:00Z").toISOString(),
      updated_at: null,
      paid_at: null,
      completed_at: null,
      extra: "{}",
      synced_at: new Date().toISOString(),
    })
    .execute();
  return id;
}

export async function addMatch(
  store: Store,
  orderId: number,
  runId: number,
  paid: string | null,
  reconciliation: string,
) {
  await testDatabase(store)
    .db.insertInto("order_matches")
    .values({
      order_id: orderId,
      run_id: runId,
      paid_nano: paid === null ? null : parseTon(paid),
      covering_hashes: "[]",
      completing_tx_hash: null,
      memo_normalized: 0,
      reconciliation,
    })
    .execute();
}

export async function addRun(store: Store): Promise<number> {
  const row = await testDatabase(store)
    .db.insertInto("reconciliation_runs")
    .values({
      started_at: "2026-04-17T00:00:00.000Z",
      finished_at: "2026-04-17T00:00:01.000Z",
      window_from: "2026-04-10T00:00:00.000Z",
      window_to: "2026-04-17T00:00:00.000Z",
      as_of: "2026-04-17T00:00:00.000Z",
      status: "done",
      orders: 0,
      transfers: 0,
      matched: 0,
      findings: 0,
      new_findings: 0,
      duration_ms: 1,
      options: "{}",
      error: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function addFinding(
  store: Store,
  runId: number,
  f: {
    key: string;
    kind: string;
    severity: string;
    order_id?: number;
    expected?: string;
    received?: string;
    amount?: string;
    tx_hash?: string;
    message?: string;
  },
) {
  await testDatabase(store)
    .db.insertInto("findings")
    .values({
      key: f.key,
      kind: f.kind,
      severity: f.severity,
      order_id: f.order_id ?? null,
      payment_memo: null,
      tx_hash: f.tx_hash ?? null,
      expected_nano: f.expected === undefined ? null : parseTon(f.expected),
      received_nano: f.received === undefined ? null : parseTon(f.received),
      amount_nano: f.amount === undefined ? null : parseTon(f.amount),
      message: f.message ?? `${f.kind} found`,
      details: "{}",
      first_seen_run: runId,
      last_seen_run: runId,
      first_seen_at: "2026-04-17T00:00:00.000Z",
      last_seen_at: "2026-04-17T00:00:00.000Z",
    })
    .onConflict((oc) => oc.column("key").doUpdateSet({ last_seen_run: runId }))
    .execute();
  await testDatabase(store).db.insertInto("run_findings").values({ run_id: runId, key: f.key, is_new: 1 }).execute();
}
