import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import { describe } from "vitest";
import type { NewBalanceTransactionRow, NewOrderRow, Store } from "../src/index.js";
import type { Database } from "../src/schema.js";
import { sessionOf } from "../src/session.js";
import type { SqliteDriver } from "../src/sqlite/driver.js";
import { type TestDialect, testDialects } from "../src/testing.js";

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), "omrecon-store-")), "db.sqlite");
}

export function orderRow(id: number, overrides: Partial<NewOrderRow> = {}): NewOrderRow {
  return {
    id,
    status: "pending_payment",
    order_type: "stars",
    stars_amount: 100,
    premium_months: null,
    recipient_username: `user${id}`,
    price_nano: 418_000_000n,
    payment_method: "ton_memo",
    payment_currency: "TON",
    payment_address: "UQBFJTkJ5hZdH7i6rWQTnm43zn6h2dPBV9lFZ2e98WvWABy_",
    payment_address_raw: "0:45253909e6165d1fb8baad64139e6e37ce7ea1d9d3c157d945676f7df16bd600",
    payment_memo: `STARS-${id}`,
    client_reference: null,
    tx_hash: null,
    expires_at: new Date(Date.UTC(2026, 3, 16, 12, 15) + id * 60_000).toISOString(),
    created_at: new Date(Date.UTC(2026, 3, 16, 12, 0) + id * 60_000).toISOString(),
    updated_at: null,
    paid_at: null,
    completed_at: null,
    extra: "{}",
    synced_at: "2026-04-17T00:00:00.000Z",
    ...overrides,
  };
}

export function balanceRow(id: number, overrides: Partial<NewBalanceTransactionRow> = {}): NewBalanceTransactionRow {
  return {
    id,
    type: "topup",
    amount_nano: 1_000_000_000n,
    balance_after_nano: BigInt(id) * 1_000_000_000n,
    order_id: null,
    tx_hash: null,
    description: null,
    created_at: new Date(Date.UTC(2026, 3, 16) + id * 60_000).toISOString(),
    extra: "{}",
    synced_at: "2026-04-17T00:00:00.000Z",
    ...overrides,
  };
}

/** The store's own tests may look under the hood: kysely and the raw connection of a store. */
export function internals(store: Store): { kysely: Kysely<Database>; sqlite: SQLite.Database } {
  const { kysely, driver } = sessionOf(store.db);
  return { kysely, sqlite: (driver as SqliteDriver).database };
}

/** The dialects of testing-dialects.ts, once per file (a file's Postgres suites share one database). */
export const DIALECTS = testDialects();

/** `describe` once per dialect (`name [sqlite]`, `name [postgres]`); one that cannot run here skips, its title says why. */
export function describeEachDialect(name: string, body: (dialect: TestDialect) => void): void {
  for (const dialect of DIALECTS)
    describe.skipIf(dialect.skip !== null)(`${name} [${dialect.title}]`, () => body(dialect));
}
