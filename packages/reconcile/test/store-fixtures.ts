/** Rows written straight into a real temporary database, as sync and the chain reader would leave them. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  appendBalanceTransactions,
  insertBalanceSnapshot,
  openStore,
  recordCompletePass,
  type Store,
  upsertOrders,
  upsertTransfers,
} from "@omrecon/store";
import { type TestDialect, testDialects } from "@omrecon/store/testing";
import { Address } from "@ton/core";
import { describe } from "vitest";
import type { MatchBalanceTransaction, MatchOrder, MatchTransfer } from "../src/index.js";
import { TOPUP } from "./match-fixtures.js";

/** A new, empty store: a SQLite file, or a fresh Postgres schema when the suite runs on Postgres. */
export async function tempStore(dialect?: TestDialect): Promise<Store> {
  return openStore(
    dialect ? await dialect.location() : join(mkdtempSync(join(tmpdir(), "omrecon-reconcile-")), "db.sqlite"),
  );
}

/** The dialects a suite runs against (@omrecon/store/testing), once per file. */
export const DIALECTS = testDialects();

/** `describe` once per dialect (`name [sqlite]`, `name [postgres]`); one that cannot run here skips, its title says why. */
export function describeEachDialect(name: string, body: (dialect: TestDialect) => void): void {
  for (const dialect of DIALECTS)
    describe.skipIf(dialect.skip !== null)(`${name} [${dialect.title}]`, () => body(dialect));
}

export async function putOrders(
  store: Store,
  orders: readonly MatchOrder[],
  /** Override the raw form sync would store (`null`: as if the address did not parse). */
  options: { rawAddressOf?: (order: MatchOrder) => string | null | undefined } = {},
): Promise<void> {
  const raw = (o: MatchOrder) => {
    const given = options.rawAddressOf?.(o);
    if (given !== undefined) return given;
    return o.payment_address ? Address.parse(o.payment_address).toRawString() : null;
  };
  await upsertOrders(
    store.db,
    orders.map((o) => ({
      id: o.id,
      status: o.status,
      order_type: "stars",
      stars_amount: 100,
      premium_months: null,
      recipient_username: `user${o.id}`,
      price_nano: o.price_nano,
      payment_method: o.payment_method,
      payment_currency: "TON",
      payment_address: o.payment_address,
      payment_address_raw: raw(o),
      payment_memo: o.payment_memo,
      client_reference: null,
      tx_hash: o.tx_hash,
      expires_at: o.expires_at,
      created_at: o.created_at,
      updated_at: null,
      paid_at: null,
      completed_at: null,
      extra: "{}",
      synced_at: new Date().toISOString(),
    })),
  );
  // As a finished sync pass leaves it: the run trusts the mirror.
  await recordCompletePass(store.db, new Date());
}

export async function putTransfers(store: Store, transfers: readonly MatchTransfer[]): Promise<void> {
  if (transfers.length === 0) return;
  await upsertTransfers(
    store.db,
    transfers.map((t) => ({
      hash: t.hash,
      lt: t.lt,
      utime: t.utime,
      address: t.address,
      source: t.source,
      value_nano: t.value_nano,
      comment: t.comment,
      body_kind: t.comment === null ? "none" : "text",
      external: t.external ? 1 : 0,
      bounced: t.bounced ? 1 : 0,
      aborted: t.aborted ? 1 : 0,
      sent_back: t.sent_back ? 1 : 0,
      bounce_sent: t.bounce_sent ? 1 : 0,
      read_at: new Date().toISOString(),
    })),
  );
}

export async function putLedger(store: Store, rows: readonly MatchBalanceTransaction[], balanceNano: bigint) {
  await appendBalanceTransactions(
    store.db,
    rows.map((r) => ({ ...r, description: null, extra: "{}", synced_at: new Date().toISOString() })),
  );
  await insertBalanceSnapshot(store.db, {
    taken_at: new Date().toISOString(),
    balance_nano: balanceNano,
    topup_address: TOPUP.toString(),
    topup_address_raw: TOPUP.toRawString(),
    currency: "TON",
    updated_at: null,
  });
}
