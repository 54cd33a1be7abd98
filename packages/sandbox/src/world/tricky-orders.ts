/**
 * Orders that look suspicious but are fine, each of which a correct reconciler must pass without a
 * finding: the cases a naive implementation gets wrong (float sums, case-folded memos, a payment
 * exactly at expiry, a payment still inside the grace period, …).
 */
import { parseTon } from "@omrecon/core";
import type { AddressForm } from "./actors.js";
import type { WorldBuilder } from "./builder.js";
import { credit, markCompleted, markExpired, markPaid, onTimeSecond } from "./lifecycle.js";
import type { OrderFactory } from "./order-factory.js";
import { payOrdinary } from "./ordinary.js";
import { secondsWithin } from "./planted-orders.js";
import { TRICKY_KINDS, type TrickyKind } from "./truth.js";

/** Tricky cases planted on the chain alone (planted-chain.ts); every other one needs an order. */
const CHAIN_ONLY_TRICKY_KINDS = ["external_in_on_wallet", "bounce_unwatched"] as const satisfies readonly TrickyKind[];
export type OrderTrickyKind = Exclude<TrickyKind, (typeof CHAIN_ONLY_TRICKY_KINDS)[number]>;

/** Tricky cases that need an order, in TRICKY_KINDS' order (the world's seeded draws follow it). */
export const ORDER_TRICKY_KINDS: readonly OrderTrickyKind[] = TRICKY_KINDS.filter(
  (kind): kind is OrderTrickyKind => !(CHAIN_ONLY_TRICKY_KINDS as readonly TrickyKind[]).includes(kind),
);

/** Orders each case takes: the address case shows one wallet in all three forms. */
export const ORDERS_PER_TRICKY: Partial<Record<OrderTrickyKind, number>> = { address_form: 3 };

/** Prices whose float sums are not what they seem (0.1 + 0.2 = 0.30000000000000004 in floats). */
const FLOAT_TRAPS: { price: string; parts: string[] }[] = [
  { price: "0.3", parts: ["0.1", "0.2"] },
  { price: "0.7", parts: ["0.1", "0.6"] },
  { price: "0.3", parts: ["0.1", "0.1", "0.1"] },
  { price: "1.005", parts: ["1.005"] },
  { price: "4.35", parts: ["4.35"] },
  { price: "0.0000001", parts: ["0.0000001"] },
];

const FORMULA_REFERENCES = ['=HYPERLINK("https://example.com","open")', "+79990001122", "-5", "@admin", "\tinv-tab"];
const FORMS: AddressForm[] = ["uq", "eq", "raw"];

export function trickyOrder(
  builder: WorldBuilder,
  factory: OrderFactory,
  index: number,
  kind: OrderTrickyKind,
  v: number,
): void {
  const { random } = builder;
  const form = kind === "address_form" ? FORMS[v % 3] : undefined;
  const order = factory.make(index, form ? { method: "ton_memo", wallet: 0, form } : { method: "ton_memo" });
  const memo = order.payment_memo!;
  const price = order.price_nano;
  const note = (text: string, events: number[]) => builder.tricky.push({ kind, note: text, order: index, events });
  const created = order.created_at / 1000;
  const expires = order.expires_at / 1000;

  switch (kind) {
    case "split_payment": {
      const first = (price * BigInt(random.int(20, 80))) / 100n;
      const events = builder.pay(index, [first, price - first], secondsWithin(builder, 2, created + 1, expires));
      markCompleted(builder, order, builder.events.utimeOf(events[1]!));
      credit(builder, index, events[1]!);
      note("two on-time transfers summing exactly to the price", events);
      break;
    }
    case "memo_case_whitespace": {
      const events = builder.pay(index, [price], [onTimeSecond(builder, order)], ` \t${memo.toLowerCase()}  \n`);
      markCompleted(builder, order, builder.events.utimeOf(events[0]!));
      credit(builder, index, events[0]!);
      note("comment differs from the memo in case and surrounding whitespace (a normalized match)", events);
      break;
    }
    case "memo_long_padding": {
      const events = builder.pay(index, [price], [onTimeSecond(builder, order)], `${memo}${" ".repeat(150)}\n`);
      markCompleted(builder, order, builder.events.utimeOf(events[0]!));
      credit(builder, index, events[0]!);
      note("comment padded past one cell (continued in a referenced cell); trimmed it is the memo", events);
      break;
    }
    case "paid_at_expiry": {
      const events = builder.pay(index, [price], [expires]);
      markCompleted(builder, order, expires);
      credit(builder, index, events[0]!);
      note("the only transfer's utime equals expires_at exactly (on time)", events);
      break;
    }
    case "float_trap": {
      const trap = FLOAT_TRAPS[v % FLOAT_TRAPS.length]!;
      order.price_nano = parseTon(trap.price);
      const parts = trap.parts.map((p) => parseTon(p));
      const events = builder.pay(index, parts, secondsWithin(builder, parts.length, created + 1, expires));
      markCompleted(builder, order, builder.events.utimeOf(events[events.length - 1]!));
      credit(builder, index, events[events.length - 1]!);
      note(`price ${trap.price} paid as ${trap.parts.join(" + ")}`, events);
      break;
    }
    case "address_form": {
      const second = payOrdinary(builder, index);
      markCompleted(builder, order, second);
      note(`payment address served in ${form} form (${order.payment_address})`, []);
      break;
    }
    case "hash_base64": {
      const second = payOrdinary(builder, index);
      markCompleted(builder, order, second);
      const event = builder.lastOrdinaryPayment;
      credit(builder, index, event);
      builder.hashForm[index] = v % 2 === 0 ? 1 : 2;
      note(`tx_hash served in ${v % 2 === 0 ? "standard" : "URL-safe"} base64`, [event]);
      break;
    }
    case "paid_pending_in_grace": {
      // Zone B2: created in the last 14 minutes, paid a minute or two later, still pending.
      const second = Math.min(created + random.int(30, 90), builder.nowSec - 60);
      const events = builder.pay(index, [price], [second]);
      note("paid in full on time, still pending_payment, but within the 30-minute grace", events);
      break;
    }
    case "paid_expired_in_grace": {
      // Zone B1: expired by now, paid just before expiry, less than 30 minutes ago.
      const second = Math.max(created + 1, expires - random.int(10, 120));
      const events = builder.pay(index, [price], [second]);
      markExpired(order);
      note("paid in full on time, status expired, but the payment is within the 30-minute grace", events);
      break;
    }
    case "refunded_paid_on_chain": {
      const paid = payOrdinary(builder, index);
      markPaid(order, paid);
      order.status = "refunded";
      order.updated_at = (paid + random.int(60, 600)) * 1000;
      note("refunded after payment; the payment stays on chain", [builder.lastOrdinaryPayment]);
      break;
    }
    case "returned_transfer": {
      const second = payOrdinary(builder, index);
      markCompleted(builder, order, second);
      const paid = builder.lastOrdinaryPayment;
      const event = builder.events.add({
        utime: second + random.int(30, 600),
        target: builder.wallet[index]!,
        from: builder.payer(),
        value: price,
        body: { kind: "text", text: memo },
        sendBack: true,
      });
      note("a second transfer with the memo was sent back (a return, not a deposit): no duplicate", [paid, event]);
      break;
    }
    case "zero_value_message": {
      const second = payOrdinary(builder, index);
      markCompleted(builder, order, second);
      const paid = builder.lastOrdinaryPayment;
      const event = builder.events.add({
        utime: second + random.int(30, 600),
        target: builder.wallet[index]!,
        from: builder.payer(),
        value: 0n,
        body: { kind: "text", text: memo },
      });
      note("a message carrying the memo but no value is not a transfer: no duplicate", [paid, event]);
      break;
    }
    case "aborted_kept_undeployed":
    case "aborted_kept_bounce_unpaid": {
      // The transaction aborts (no code runs in an undeployed account) and no bounce leaves:
      // non-bounceable, or bounceable but the value cannot pay for the bounce. The coins stay.
      const second = onTimeSecond(builder, order);
      const bounce = kind === "aborted_kept_bounce_unpaid";
      const event = builder.events.add({
        utime: second,
        target: builder.wallet[index]!,
        from: builder.payer(),
        value: price,
        body: { kind: "text", text: memo },
        aborted: true,
        undeployed: true,
        ...(bounce ? { bounce: true } : {}),
      });
      markCompleted(builder, order, second);
      credit(builder, index, event);
      note(
        bounce
          ? "paid by a bounceable transfer that aborted and could not pay for its bounce: the coins stayed, a payment"
          : "paid by a non-bounceable transfer into an undeployed wallet: aborted, the coins stayed, a payment",
        [event],
      );
      break;
    }
    case "unknown_status":
      order.status = "awaiting_review";
      order.updated_at = order.created_at + random.int(60, 600) * 1000;
      note("a status the spec does not name, unpaid: kept as is, non-terminal, no finding", []);
      break;
    case "formula_reference": {
      order.client_reference = FORMULA_REFERENCES[v % FORMULA_REFERENCES.length]!;
      const second = payOrdinary(builder, index);
      markCompleted(builder, order, second);
      note(`client_reference ${JSON.stringify(order.client_reference)} looks like a spreadsheet formula`, []);
      break;
    }
  }
}
