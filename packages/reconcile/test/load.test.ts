import { Address } from "@ton/core";
import { expect, it } from "vitest";
import { loadStoredFacts } from "../src/index.js";
import { at, ledger, order, PAY, TOPUP, ton, transfer } from "./match-fixtures.js";
import { describeEachDialect, putLedger, putOrders, putTransfers, tempStore } from "./store-fixtures.js";

describeEachDialect("loadStoredFacts: the mirror as the matcher's input", (dialect) => {
  it("reads every order by id, with its payment address in raw form when sync could parse it", async () => {
    const store = await tempStore(dialect);
    const orders = [
      order(3, { payment_address: PAY.toString({ bounceable: true }), tx_hash: "ab".repeat(32) }),
      order(1, { payment_method: "balance", payment_memo: null, payment_address: null, expires_at: null }),
      order(2, { status: "pending_payment", created_at: at(-60) }),
    ];
    await putOrders(store, orders, { rawAddressOf: (o) => (o.id === 2 ? null : undefined) });
    const facts = await loadStoredFacts(store);
    expect(facts.orders).toEqual([
      orders[1],
      // Without a raw form, the address as the API gave it: the matcher parses it.
      orders[2],
      { ...orders[0], payment_address: PAY.toRawString() },
    ]);
    await store.close();
  });

  it("reads every transfer by address then lt, each flag on its own", async () => {
    const store = await tempStore(dialect);
    const flags = ["external", "bounced", "aborted", "sent_back", "bounce_sent"] as const;
    const other = new Address(0, Buffer.alloc(32, 0x99)).toRawString();
    const transfers = [
      transfer({ comment: "STARS-1", address: other, lt: 5n }),
      ...flags.map((flag, i) => transfer({ comment: null, lt: BigInt(20 - i), [flag]: true })),
      transfer({
        comment: "x",
        lt: 3n,
        external: true,
        bounced: true,
        aborted: true,
        sent_back: true,
        bounce_sent: true,
        source: null,
      }),
      transfer({ comment: "big", lt: 1n, value_nano: 2n ** 62n }),
    ];
    await putTransfers(store, transfers);
    const facts = await loadStoredFacts(store);
    const byAddressLt = [...transfers].sort((a, b) =>
      a.address !== b.address ? (a.address < b.address ? -1 : 1) : Number(a.lt - b.lt),
    );
    expect(facts.transfers).toEqual(byAddressLt);
    await store.close();
  });

  it("reads the ledger by id and the latest balance with its top-up address in raw form", async () => {
    const store = await tempStore(dialect);
    const rows = [
      ledger(2, "order_debit", "-1", "9", { order_id: 7, created_at: at(2) }),
      ledger(1, "topup", "10", "10", { tx_hash: "cd".repeat(32) }),
    ];
    await putLedger(store, rows, ton(9));
    const facts = await loadStoredFacts(store);
    expect(facts.balanceTransactions).toEqual([rows[1], rows[0]]);
    expect(facts.balance).toEqual({ balance_nano: ton(9), topup_address: TOPUP.toRawString() });
    await store.close();
  });
});
