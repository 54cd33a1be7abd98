import { describe, expect, it } from "vitest";
import { match } from "../src/index.js";
import { input, order, PAY, PAY2, transfer } from "./match-fixtures.js";

const keys = (r: ReturnType<typeof match>) => r.findings.map((f) => f.key).sort();

describe("match: the payment address an order names (core's rawAddressOrNull)", () => {
  it("takes a transfer into the named account whatever form either side uses", () => {
    for (const form of [
      PAY.toString({ bounceable: true }),
      PAY.toRawString(),
      ` ${PAY.toString({ urlSafe: false })} `,
    ]) {
      const r = match(
        input({ orders: [order(1, { payment_address: form })], transfers: [transfer({ comment: "STARS-1" })] }),
      );
      expect(r.orders[0]?.reconciliation, form).toBe("matched");
    }
  });

  it("lets an order that names no address take a transfer into any watched one", () => {
    for (const none of [null, "", "  "]) {
      const t = transfer({ comment: "STARS-1", address: PAY2.toRawString() });
      const r = match(input({ orders: [order(1, { payment_address: none })], transfers: [t] }));
      expect(r.orders[0]?.reconciliation, JSON.stringify(none)).toBe("matched");
    }
  });

  it("lets an order that names something that is no address take nothing, so both sides show up", () => {
    const friendly = PAY.toString();
    const garbled = friendly.slice(0, -1) + (friendly.endsWith("A") ? "B" : "A");
    const t = transfer({ comment: "STARS-1" });
    const r = match(input({ orders: [order(1, { payment_address: garbled })], transfers: [t] }));
    expect(keys(r)).toEqual(["missing_payment:1", `orphan_transfer:${t.hash}`]);
  });
});
