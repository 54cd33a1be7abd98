/** A real database holding one underpaid order, reconciled once: something to resolve. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { reconcile } from "@omrecon/reconcile";
import { openStore, upsertOrders, upsertTransfers } from "@omrecon/store";

const WALLET = `0:${"07".repeat(32)}`;

export async function databaseWithUnderpaidOrder(): Promise<{ path: string; key: string }> {
  const path = join(mkdtempSync(join(tmpdir(), "omrecon-app-reconcile-")), "db.sqlite");
  const store = await openStore(path);
  await upsertOrders(store.db, [
    {
      id: 10421,
      status: "completed",
      order_type: "stars",
      stars_amount: 100,
      premium_months: null,
      recipient_username: "pandus",
      price_nano: 418_000_000n,
      payment_method: "ton_memo",
      payment_currency: "TON",
      payment_address: WALLET,
      payment_address_raw: WALLET,
      payment_memo: "STARS-a1b2c3",
      client_reference: null,
      tx_hash: null,
      expires_at: "2026-04-16T12:15:00.000Z",
      created_at: "2026-04-16T12:00:00.000Z",
      updated_at: null,
      paid_at: null,
      completed_at: null,
      extra: "{}",
      synced_at: "2026-04-16T13:00:00.000Z",
    },
  ]);
  await upsertTransfers(store.db, [
    {
      hash: "ab".repeat(32),
      lt: 1000n,
      utime: Date.parse("2026-04-16T12:05:00Z") / 1000,
      address: WALLET,
      source: null,
      value_nano: 400_000_000n,
      comment: "STARS-a1b2c3",
      body_kind: "text",
      external: 0,
      bounced: 0,
      aborted: 0,
      sent_back: 0,
      read_at: "2026-04-16T13:00:00.000Z",
    },
  ]);
  await reconcile({ store }, { from: new Date("2026-04-16T00:00:00Z"), to: new Date("2026-04-17T00:00:00Z") });
  await store.close();
  return { path, key: "underpaid:10421" };
}

/** A stream that keeps what is written to it. */
export function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join("") });
}

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), "omrecon-app-reconcile-")), "db.sqlite");
}
