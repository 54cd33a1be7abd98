/**
 * The partner side of a sandbox world in memory: orders, the balance ledger, the current balance,
 * the partner account and a clock. The API simulator serves it; the world generator fills it with
 * the bulk loaders. Everything is plain data (model.ts) so a million orders stay cheap.
 */
import { ChronoList, pageNewestFirst } from "./chrono-list.js";
import { ExpiryQueue } from "./expiry-queue.js";
import { fingerprint, IdempotencyStore } from "./idempotency.js";
import type { SandboxBalanceTx, SandboxOrder, SandboxPartner } from "./model.js";
import { OrderLookup } from "./order-lookup.js";
import { defaultPartner } from "./partner.js";
import { DEFAULT_PRICING, type PremiumMonths, type PricingConfig, pricePremium, priceStars } from "./pricing.js";
import { createRandom, type Random } from "./random.js";
import { SandboxError } from "./sandbox-error.js";
import type {
  BalanceTxFilter,
  CreatePremiumInput,
  CreateStarsInput,
  ListResult,
  NewBalanceTx,
  OrderFilter,
  OrderResult,
  SandboxStateOptions,
  StatsResult,
} from "./state-types.js";
import { validateCreate } from "./validate-create.js";

export type {
  BalanceTxFilter,
  CreateOrderInput,
  CreatePremiumInput,
  CreateStarsInput,
  ListResult,
  NewBalanceTx,
  OrderFilter,
  OrderResult,
  SandboxStateOptions,
  StatsResult,
} from "./state-types.js";

export const ORDER_TTL_MS = 15 * 60 * 1000;
const PAID_STATUSES = new Set(["paid", "processing", "completed"]);

export class SandboxState {
  readonly partner: SandboxPartner;
  readonly pricing: PricingConfig;
  readonly ttlMs: number;
  /** The clock (epoch ms); replace it to move time. */
  now: () => number;

  readonly #orders = new ChronoList<SandboxOrder>();
  readonly #balanceTxs = new ChronoList<SandboxBalanceTx>();
  readonly #lookup = new OrderLookup(() => this.#orders.rows);
  readonly #expiry = new ExpiryQueue();
  readonly #idempotency = new IdempotencyStore();
  readonly #random: Random;
  #nextOrderId: number;
  #nextBalanceTxId: number;
  #balance = 0n;
  #balanceUpdatedAt: number | null = null;

  constructor(options: SandboxStateOptions = {}) {
    const seed = options.seed ?? 1;
    this.partner = defaultPartner(seed, options.partner);
    this.pricing = { ...DEFAULT_PRICING, ...options.pricing };
    this.ttlMs = options.ttlMs ?? ORDER_TTL_MS;
    this.now = options.now ?? Date.now;
    this.#random = createRandom(`sandbox-state:${seed}`);
    this.#nextOrderId = options.firstOrderId ?? 10_001;
    this.#nextBalanceTxId = options.firstBalanceTxId ?? 1;
  }

  // ── reads ──────────────────────────────────────────────────────────────────

  get orderCount(): number {
    return this.#orders.size;
  }

  /** Every order, ascending id (expiry applied). */
  orders(): readonly SandboxOrder[] {
    this.expireDue();
    return this.#orders.rows;
  }

  /** Every balance transaction, ascending id. */
  balanceTransactions(): readonly SandboxBalanceTx[] {
    return this.#balanceTxs.rows;
  }

  getOrder(id: number): SandboxOrder | undefined {
    this.expireDue();
    return this.#orders.byId(id);
  }

  getOrderByMemo(memo: string): SandboxOrder | undefined {
    this.expireDue();
    return this.#lookup.byMemo(memo);
  }

  /** Ascending id. */
  ordersByReference(reference: string): SandboxOrder[] {
    this.expireDue();
    return this.#lookup.byReference(reference);
  }

  /** Newest first (created_at, then id, descending). */
  listOrders(filter: OrderFilter, limit: number, offset: number): ListResult<SandboxOrder> {
    this.expireDue();
    const { status, order_type } = filter;
    const match =
      status === undefined && order_type === undefined
        ? undefined
        : (o: SandboxOrder) =>
            (status === undefined || o.status === status) && (order_type === undefined || o.order_type === order_type);
    return pageNewestFirst(this.#orders.window(filter.from, filter.to), match, limit, offset);
  }

  stats(filter: Pick<OrderFilter, "from" | "to">): StatsResult {
    this.expireDue();
    const { rows, lo, hi } = this.#orders.window(filter.from, filter.to);
    const byStatus: Record<string, number> = {};
    let stars = 0;
    let premium = 0;
    let volume = 0n;
    for (let i = lo; i < hi; i++) {
      const o = rows[i]!;
      byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
      if (o.stars_amount !== null) stars += o.stars_amount;
      if (o.order_type === "premium") premium++;
      if (PAID_STATUSES.has(o.status)) volume += o.price_nano;
    }
    return {
      total_orders: hi - lo,
      by_status: byStatus,
      stars_total: stars,
      premium_total: premium,
      volume_nano: volume,
    };
  }

  /** Newest first (by id, which is time order for an append-only ledger). */
  listBalanceTransactions(filter: BalanceTxFilter, limit: number, offset: number): ListResult<SandboxBalanceTx> {
    const { type } = filter;
    const match = type === undefined ? undefined : (t: SandboxBalanceTx) => t.type === type;
    return pageNewestFirst(this.#balanceTxs.window(filter.from, filter.to), match, limit, offset);
  }

  /** The balance `/balance` serves; may differ from the ledger when a world plants a mismatch. */
  get balance(): bigint {
    return this.#balance;
  }

  get balanceUpdatedAt(): number | null {
    return this.#balanceUpdatedAt;
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────

  createStarsOrder(input: CreateStarsInput, options: { idempotencyKey?: string } = {}): OrderResult {
    const valid = validateCreate("stars", input, this.pricing);
    return this.#create("stars", valid, options.idempotencyKey, () => ({
      stars_amount: valid.amount,
      premium_months: null,
      price_nano: priceStars(valid.amount, this.pricing),
    }));
  }

  createPremiumOrder(input: CreatePremiumInput, options: { idempotencyKey?: string } = {}): OrderResult {
    const valid = validateCreate("premium", input, this.pricing);
    return this.#create("premium", valid, options.idempotencyKey, () => ({
      stars_amount: null,
      premium_months: valid.amount,
      price_nano: pricePremium(valid.amount as PremiumMonths, this.pricing),
    }));
  }

  /** Cancels a `pending_payment` order; a repeated key replays the first cancel. */
  cancelOrder(id: number, options: { idempotencyKey?: string } = {}): OrderResult {
    this.expireDue();
    const print = fingerprint("cancel", { id });
    const earlier = this.#idempotency.lookup(options.idempotencyKey, print);
    if (earlier !== undefined) return { order: this.#orders.byId(earlier)!, replayed: true };
    const order = this.#orders.byId(id);
    if (!order) throw new SandboxError("NOT_FOUND", 404, `order ${id} not found`);
    if (order.status !== "pending_payment") {
      throw new SandboxError("ORDER_NOT_CANCELLABLE", 409, `order ${id} is ${order.status}, not pending_payment`);
    }
    this.setStatus(id, "cancelled");
    this.#idempotency.remember(options.idempotencyKey, print, id);
    return { order, replayed: false };
  }

  /** Moves an order to any status (world scripts, tests); stamps paid_at/completed_at on the way. */
  setStatus(id: number, status: string, patch: { at?: number; tx_hash?: string | null } = {}): SandboxOrder {
    const order = this.#orders.byId(id);
    if (!order) throw new SandboxError("NOT_FOUND", 404, `order ${id} not found`);
    const at = patch.at ?? this.now();
    order.status = status;
    order.updated_at = at;
    if (status === "paid" && order.paid_at === null) order.paid_at = at;
    if (status === "completed") {
      order.paid_at ??= at;
      order.completed_at ??= at;
    }
    if (patch.tx_hash !== undefined) order.tx_hash = patch.tx_hash;
    if (status === "pending_payment") this.#expiry.add(order);
    return order;
  }

  /** Appends a ledger row with a correct running `balance_after`, and moves the balance by the amount. */
  addBalanceTx(input: NewBalanceTx): SandboxBalanceTx {
    const previous = this.#balanceTxs.last?.balance_after_nano ?? 0n;
    const tx: SandboxBalanceTx = {
      id: this.#nextBalanceTxId,
      type: input.type,
      amount_nano: input.amount_nano,
      balance_after_nano: previous + input.amount_nano,
      order_id: input.order_id ?? null,
      tx_hash: input.tx_hash ?? null,
      description: input.description ?? null,
      created_at: input.created_at ?? this.now(),
    };
    const balance = this.#balance + input.amount_nano;
    this.insertBalanceTx(tx);
    // Keep any offset a world planted between the ledger and /balance.
    this.#balance = balance;
    return tx;
  }

  /** Orders whose TTL has passed move from `pending_payment` to `expired`. Returns how many. */
  expireDue(): number {
    const due = this.#expiry.takeDue(this.now());
    let count = 0;
    for (const order of due) {
      if (order.status !== "pending_payment") continue;
      order.status = "expired";
      order.updated_at = order.expires_at;
      count++;
    }
    return count;
  }

  // ── bulk loaders (world generator) ─────────────────────────────────────────

  /**
   * Adds an order as given (ids must ascend). A `pending_payment` order expires lazily by the clock
   * unless `expire: false` (a world planting an order stuck in `pending_payment`).
   */
  insertOrder(order: SandboxOrder, options: { expire?: boolean } = {}): void {
    this.#orders.push(order);
    this.#lookup.add(order);
    if (order.status === "pending_payment" && options.expire !== false) this.#expiry.add(order);
    if (order.id >= this.#nextOrderId) this.#nextOrderId = order.id + 1;
  }

  /** Adds a ledger row as given (a world may plant a broken chain); the balance follows its `balance_after`. */
  insertBalanceTx(tx: SandboxBalanceTx): void {
    this.#balanceTxs.push(tx);
    this.#balance = tx.balance_after_nano;
    this.#balanceUpdatedAt = tx.created_at;
    if (tx.id >= this.#nextBalanceTxId) this.#nextBalanceTxId = tx.id + 1;
  }

  /** Sets the served balance independently of the ledger. */
  setBalance(amount: bigint, at: number = this.now()): void {
    this.#balance = amount;
    this.#balanceUpdatedAt = at;
  }

  /** A fresh unique memo (`STARS-xxxxxx` / `PREM-xxxxxx`) from the seeded generator. */
  newMemo(kind: "stars" | "premium"): string {
    const prefix = kind === "stars" ? "STARS-" : "PREM-";
    for (;;) {
      const memo = prefix + this.#random.hex(6);
      if (this.#lookup.byMemo(memo) === undefined) return memo;
    }
  }

  #create(
    kind: "stars" | "premium",
    valid: ReturnType<typeof validateCreate>,
    key: string | undefined,
    product: () => Pick<SandboxOrder, "stars_amount" | "premium_months" | "price_nano">,
  ): OrderResult {
    this.expireDue();
    const print = fingerprint(kind, { ...valid });
    const earlier = this.#idempotency.lookup(key, print);
    if (earlier !== undefined) return { order: this.#orders.byId(earlier)!, replayed: true };
    const now = this.now();
    const { price_nano, ...amounts } = product();
    const fromBalance = valid.payment_method === "balance";
    if (fromBalance && this.#balance < price_nano) {
      throw new SandboxError("INSUFFICIENT_BALANCE", 402, "insufficient balance for this order");
    }
    const id = this.#nextOrderId;
    const addresses = this.partner.paymentAddresses;
    const order: SandboxOrder = {
      id,
      status: fromBalance ? "paid" : "pending_payment",
      order_type: kind,
      ...amounts,
      recipient_username: valid.recipient_username,
      price_nano,
      payment_method: valid.payment_method,
      payment_currency: valid.payment_currency,
      payment_address: fromBalance ? null : (addresses[id % addresses.length] ?? null),
      payment_memo: fromBalance ? null : this.newMemo(kind),
      client_reference: valid.client_reference,
      tx_hash: null,
      created_at: now,
      expires_at: now + this.ttlMs,
      updated_at: now,
      paid_at: fromBalance ? now : null,
      completed_at: null,
    };
    this.insertOrder(order);
    if (fromBalance) {
      this.addBalanceTx({ type: "order_debit", amount_nano: -price_nano, order_id: id, description: `order ${id}` });
    }
    this.#idempotency.remember(key, print, id);
    return { order, replayed: false };
  }
}
