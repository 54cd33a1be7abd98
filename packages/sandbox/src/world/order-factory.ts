/**
 * An order's fixed facts (product, price, memo, address, reference, extra fields) before its role
 * decides status, payments and times. Prices come from the API simulator's own price list, so a
 * world's orders cost what the API would quote.
 */
import type { SandboxOrder } from "../model.js";
import { PREMIUM_MONTHS, type PremiumMonths, pricePremium, priceStars } from "../pricing.js";
import type { Random } from "../random.js";
import type { AddressForm } from "./actors.js";
import { FIRST_ORDER_ID, type WorldBuilder } from "./builder.js";
import { ORDER_TTL_MS } from "./timeline.js";

const COMMON_QUANTITIES = [50, 75, 100, 150, 250, 350, 500, 750, 1000, 1500, 2500, 5000, 10000];
const SYLLABLES = ["ka", "ri", "mo", "to", "na", "le", "vi", "sa", "do", "ne", "pan", "dus", "zor", "mil", "an", "ek"];

export interface OrderFacts {
  method: "ton_memo" | "balance";
  /** Force the wallet (index) and the served address form. */
  wallet?: number;
  form?: AddressForm;
}

/** A pool of recipient usernames (Telegram's rule: a letter, then 4..31 letters, digits, underscores). */
export function usernamePool(random: Random, size: number): string[] {
  const names = new Set<string>();
  while (names.size < size) {
    let name = "";
    const parts = random.int(2, 4);
    for (let k = 0; k < parts; k++) name += random.pick(SYLLABLES);
    if (random.chance(0.4)) name += `_${random.int(1, 999)}`;
    if (name.length >= 5) names.add(name);
  }
  return [...names];
}

export class OrderFactory {
  readonly #usernames: string[];
  // Prices are pure functions of the product; caching them keeps a million orders cheap.
  readonly #starPrices = new Map<number, bigint>();
  readonly #premiumPrices = new Map<PremiumMonths, bigint>();
  #lastReference: string | null = null;

  constructor(readonly builder: WorldBuilder) {
    this.#usernames = usernamePool(
      builder.random,
      Math.min(3000, Math.max(20, Math.ceil(builder.options.orders / 20))),
    );
  }

  #starsPrice(quantity: number): bigint {
    let price = this.#starPrices.get(quantity);
    if (price === undefined) {
      price = priceStars(quantity);
      this.#starPrices.set(quantity, price);
    }
    return price;
  }

  #premiumPrice(months: PremiumMonths): bigint {
    let price = this.#premiumPrices.get(months);
    if (price === undefined) {
      price = pricePremium(months);
      this.#premiumPrices.set(months, price);
    }
    return price;
  }

  #reference(index: number): string | null {
    const r = this.builder.random.next();
    // A repeated reference makes `/orders/by-reference` return more than one order.
    if (r < 0.02 && this.#lastReference !== null) return this.#lastReference;
    if (r < 0.62) {
      this.#lastReference = `inv-${100_000 + index}`;
      return this.#lastReference;
    }
    return null;
  }

  #extra(random: Random): Record<string, unknown> | undefined {
    if (!random.chance(0.03)) return undefined;
    return random.chance(0.5)
      ? { channel: random.pick(["bot", "web", "api"]), promo_code: random.chance(0.5) ? "SPRING" : null }
      : { meta: { ab_test: random.pick(["A", "B"]), retries: random.int(0, 3) } };
  }

  /** Creates order `index` with status `pending_payment` and no payment; the role finishes it. */
  make(index: number, facts: OrderFacts): SandboxOrder {
    const { builder } = this;
    const { random, actors } = builder;
    const created = builder.timeline.created[index]!;
    const premium = random.chance(0.15);
    const months = premium ? random.pick(PREMIUM_MONTHS) : null;
    const quantity = premium ? null : random.chance(0.7) ? random.pick(COMMON_QUANTITIES) : random.int(50, 10_000);
    const id = FIRST_ORDER_ID + index;
    const memoTail = `${random.hex(4)}${id.toString(36)}`;
    let address: string | null = null;
    if (facts.method === "ton_memo") {
      const wallet = facts.wallet ?? (random.chance(0.7) ? 0 : 1);
      const r = random.next();
      const form: AddressForm = facts.form ?? (r < 0.6 ? "uq" : r < 0.9 ? "eq" : "raw");
      address = actors.paymentForms[wallet]![form];
      builder.wallet[index] = wallet;
      builder.walletUsed[wallet] = true;
    }
    const order: SandboxOrder = {
      id,
      status: "pending_payment",
      order_type: premium ? "premium" : "stars",
      stars_amount: quantity,
      premium_months: months,
      recipient_username: random.pick(this.#usernames),
      price_nano: months !== null ? this.#premiumPrice(months) : this.#starsPrice(quantity!),
      payment_method: facts.method,
      payment_currency: "TON",
      payment_address: address,
      payment_memo: facts.method === "ton_memo" ? `${premium ? "PREM" : "STARS"}-${memoTail}` : null,
      client_reference: this.#reference(index),
      tx_hash: null,
      created_at: created,
      expires_at: created + ORDER_TTL_MS,
      updated_at: created,
      paid_at: null,
      completed_at: null,
    };
    const extra = this.#extra(random);
    if (extra) order.extra = extra;
    builder.orders[index] = order;
    builder.hashForm[index] = builder.randomHashForm();
    return order;
  }
}
