import { inspect } from "node:util";
import { createRandom } from "@omrecon/sandbox";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { safeParse } from "../src/fields.js";
import { balanceTransactionSchema, orderSchema, pageSchema } from "../src/schemas.js";

/** The sandbox's seeded generator: the same cases on every run. */
const seeded = (seed: number): (() => number) => {
  const r = createRandom(seed);
  return () => r.next();
};

const HEX = "31a0b02c5d8e66d92836b403a2effc424dfc42d149d1e56dcd19e04a66b44cdd";
/** Values a field may hold in a body, right or wrong for it. */
const VALUES: unknown[] = [
  0,
  1,
  -1,
  10_421,
  2 ** 53 - 1,
  2 ** 53,
  -(2 ** 53),
  1.5,
  -0,
  1e21,
  "",
  "x",
  "0.418",
  "-12",
  "1e-9",
  "abc",
  "2026-04-16T12:00:00Z",
  "2026-02-30T00:00:00Z",
  "yesterday",
  HEX,
  HEX.toUpperCase(),
  Buffer.from(HEX, "hex").toString("base64"),
  "zz",
  null,
  true,
  false,
  [],
  [1],
  {},
  { a: 1 },
];

const order = {
  id: 10_421,
  status: "pending_payment",
  order_type: "stars",
  stars_amount: 100,
  premium_months: null,
  recipient_username: "pandus",
  price_ton: "0.418",
  payment_method: "ton_memo",
  payment_currency: "TON",
  payment_address: "UQBFJTkJ5hZdH7i6rWQTnm43zn6h2dPBV9lFZ2e98WvWABy_",
  payment_memo: "STARS-a1b2c3",
  client_reference: null,
  tx_hash: HEX,
  expires_at: "2026-04-16T12:15:00Z",
  created_at: "2026-04-16T12:00:00Z",
  updated_at: null,
  paid_at: null,
  completed_at: null,
};

const transaction = {
  id: 881,
  type: "order_debit",
  amount_ton: "-0.418",
  balance_after_ton: "12.082",
  order_id: 10_421,
  tx_hash: null,
  description: "order 10421",
  created_at: "2026-04-16T12:00:00Z",
};

/** The object with a few keys dropped, retyped, added or moved, as JSON.parse would hand it over. */
function mutate(base: Record<string, unknown>, next: () => number): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const entries = Object.entries(base);
  for (let n = Math.floor(next() * 3); n > 0; n--) {
    const r = next();
    const i = Math.floor(next() * entries.length);
    if (r < 0.25) entries.splice(i, 1);
    else if (r < 0.6 && entries[i]) entries[i] = [entries[i]![0], pick(VALUES)];
    else if (r < 0.8)
      entries.splice(i, 0, [pick(["price_nano", "region", "__proto__", "amount_nano", "zeta"]), pick(VALUES)]);
    else entries.reverse();
  }
  return JSON.parse(JSON.stringify(Object.fromEntries(entries)).replace('"zeta"', '"__proto__"'));
}

/** Success, and the value with its key order, undefined and bigints visible. */
function shown(result: z.ZodSafeParseResult<unknown>): string {
  return result.success ? inspect(result.data, { depth: null }) : "failure";
}

function expectSameAsZod(schema: z.ZodType, input: unknown): boolean {
  const fast = safeParse(schema, input);
  const zod = schema.safeParse(input);
  expect(shown(fast), JSON.stringify(input)).toBe(shown(zod));
  if (!fast.success) expect(fast.error.issues).toEqual(zod.error?.issues);
  return zod.success;
}

describe("fast checks", () => {
  it("accept and convert exactly what zod does, for orders and ledger rows", () => {
    const next = seeded(42);
    let accepted = 0;
    for (let n = 0; n < 5_000; n++) {
      if (expectSameAsZod(orderSchema, mutate(order, next))) accepted++;
      if (expectSameAsZod(balanceTransactionSchema, mutate(transaction, next))) accepted++;
    }
    // Both outcomes must be common, or the comparison proves little.
    expect(accepted).toBeGreaterThan(2_000);
    expect(accepted).toBeLessThan(8_000);
  });

  it("accept exactly what zod does for pages", () => {
    const next = seeded(7);
    const page = pageSchema(orderSchema);
    for (let n = 0; n < 1_000; n++) {
      const items = Array.from({ length: Math.floor(next() * 4) }, () => (next() < 0.8 ? order : mutate(order, next)));
      const body: Record<string, unknown> = { items, total: 3, limit: 100, offset: 0 };
      expectSameAsZod(page, mutate(body, next));
    }
    expectSameAsZod(page, { items: [order], total: 1, limit: 100, offset: 0, next: "x" });
    expectSameAsZod(page, [order]);
  });

  it("report a failure with zod's own issues", () => {
    const result = safeParse(orderSchema, { ...order, created_at: "yesterday" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["created_at"]);
  });
});
