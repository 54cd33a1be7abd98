import { createTonChain, startTonApi, type TonApi } from "@omrecon/sandbox";
import { Address, type Transaction } from "@ton/core";
import { TonClient } from "@ton/ton";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const payment = new Address(0, Buffer.alloc(32, 0x5a));
const T0 = 1_760_000_000;
const SLOW = Boolean(process.env.OMRECON_SLOW_TESTS);

describe.each([
  { N: 1_000, skip: false },
  { N: 10_000, skip: !SLOW },
])("TonClient against the toncenter simulator, $N transactions", ({ N, skip }) => {
  const chain = createTonChain();
  let api: TonApi;
  beforeAll(async () => {
    if (skip) return;
    for (let i = 0; i < N; i++) {
      chain.add({
        to: payment,
        from: new Address(0, Buffer.from(i.toString(16).padStart(64, "0"), "hex")),
        value: 1_000_000n + BigInt(i),
        body: { kind: "text", text: `STARS-${i}` },
        utime: T0 + Math.floor(i / 4),
      });
    }
    api = await startTonApi(chain);
  });
  afterAll(() => api?.close());

  it.skipIf(skip)(
    "pages through the address by lt+hash: every transaction once, newest first, hashes equal",
    async () => {
      const client = new TonClient({ endpoint: api.url });
      // UQ…: TonClient sends the EQ form whatever it is given; the simulator accepts any form.
      const address = Address.parse(payment.toString({ bounceable: false }));
      const seen: Transaction[] = [];
      let page = await client.getTransactions(address, { limit: 100 });
      while (page.length > 0) {
        seen.push(...page);
        const last = page[page.length - 1]!;
        // Continuing, TonClient asks for limit + 1 and drops the start transaction: 99 keeps it at toncenter's 100.
        page = await client.getTransactions(address, {
          limit: 99,
          lt: last.lt.toString(),
          hash: last.hash().toString("base64"),
          archival: true,
        });
      }
      const expected = [...chain.transactionsOf(payment)].reverse();
      expect(seen.length).toBe(N);
      expect(seen.map((t) => t.hash().toString("hex"))).toEqual(expected.map((t) => t.hashHex));
      expect(seen.map((t) => t.lt)).toEqual(expected.map((t) => t.lt));
      expect(new Set(seen.map((t) => t.hash().toString("hex"))).size).toBe(N);
      expect(api.counters.requests("getTransactions")).toBe(1 + Math.ceil((N - 100) / 99) + 1);
    },
  );

  it.skipIf(skip)("stops above to_lt, and refuses a continued page of 100 as toncenter does", async () => {
    const client = new TonClient({ endpoint: api.url });
    const all = [...chain.transactionsOf(payment)].reverse();
    const bounded = await client.getTransactions(payment, { limit: 100, to_lt: all[10]!.lt.toString() });
    expect(bounded.map((t) => t.lt)).toEqual(all.slice(0, 10).map((t) => t.lt));
    const start = all[0]!;
    await expect(
      client.getTransactions(payment, {
        limit: 100,
        lt: start.lt.toString(),
        hash: Buffer.from(start.hashHex, "hex").toString("base64"),
      }),
    ).rejects.toThrow(/422/);
  });
});
