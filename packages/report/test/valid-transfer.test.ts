import { isValidTransfer } from "@omrecon/reconcile";
import { VALID_TRANSFER_SQL } from "@omrecon/store";
import { testDatabase } from "@omrecon/store/testing";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { describeEachDialect, tempStore } from "./fixture.js";

describe("the report's valid transfer", () => {
  it("is the matcher's rule, for every combination of the flags and the value", () => {
    const db = new SQLite(":memory:");
    db.exec("CREATE TABLE t (external, bounced, aborted, sent_back, bounce_sent, value_nano)");
    const statement = db.prepare(`SELECT (${VALID_TRANSFER_SQL}) AS valid FROM t`).pluck();
    for (let bits = 0; bits < 64; bits++) {
      const [external, bounced, aborted, sentBack, bounceSent, value] = [0, 1, 2, 3, 4, 5].map((i) => (bits >> i) & 1);
      db.exec("DELETE FROM t");
      db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)").run(
        external,
        bounced,
        aborted,
        sentBack,
        bounceSent,
        value ? 5 : 0,
      );
      const matcher = isValidTransfer({
        hash: "00".repeat(32),
        lt: 1n,
        utime: 1,
        address: "0:00",
        source: null,
        value_nano: value ? 5n : 0n,
        comment: null,
        external: external === 1,
        bounced: bounced === 1,
        aborted: aborted === 1,
        sent_back: sentBack === 1,
        bounce_sent: bounceSent === 1,
      });
      expect(statement.get() === 1, `flags ${bits.toString(2)}`).toBe(matcher);
    }
  });
});

describeEachDialect("the report's valid transfer, in the store's own table", (dialect) => {
  it("is the matcher's rule on this dialect too", async () => {
    const store = await tempStore(dialect);
    const raw = testDatabase(store);
    try {
      for (let bits = 0; bits < 64; bits++) {
        const [external, bounced, aborted, sentBack, bounceSent, value] = [0, 1, 2, 3, 4, 5].map((i) =>
          BigInt((bits >> i) & 1),
        );
        const hash = bits.toString(16).padStart(64, "0");
        await raw.db
          .insertInto("chain_transfers")
          .values({
            hash,
            lt: bits,
            utime: 1,
            address: "0:00",
            source: null,
            value_nano: value ? 5n : 0n,
            comment: null,
            body_kind: "none",
            external: external!,
            bounced: bounced!,
            aborted: aborted!,
            sent_back: sentBack!,
            bounce_sent: bounceSent!,
            read_at: "2026-04-17T00:00:00.000Z",
          })
          .execute();
        const [row] = await raw.query<{ valid: unknown }>(
          `SELECT CASE WHEN ${VALID_TRANSFER_SQL} THEN 1 ELSE 0 END AS valid FROM chain_transfers AS t WHERE t.hash = ?`,
          hash,
        );
        const matcher = isValidTransfer({
          hash,
          lt: 1n,
          utime: 1,
          address: "0:00",
          source: null,
          value_nano: value ? 5n : 0n,
          comment: null,
          external: external === 1n,
          bounced: bounced === 1n,
          aborted: aborted === 1n,
          sent_back: sentBack === 1n,
          bounce_sent: bounceSent === 1n,
        });
        expect(Number(row?.valid) === 1, `flags ${bits.toString(2)}`).toBe(matcher);
      }
    } finally {
      await store.close();
    }
  });
});
