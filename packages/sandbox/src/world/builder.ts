/**
 * The generator's working state: orders as they are made, the chain events and ledger rows they
 * cause, and the drafts of the truth. The role modules (normal, planted, tricky) write into it;
 * `generateWorld` records it into a chain and resolves it.
 */
import type { SandboxBalanceTxType, SandboxOrder } from "../model.js";
import type { Random } from "../random.js";
import type { Actors } from "./actors.js";
import { ChainEvents } from "./chain-events.js";
import type { FindingDraft, LedgerDraft, TrickyDraft } from "./drafts.js";
import type { ResolvedWorldOptions } from "./options.js";
import type { Timeline } from "./timeline.js";

/** Added to the counts `/orders/stats/summary` computes, so the API disagrees with its own list. */
export interface StatsOffset {
  total_orders: number;
  by_status: Record<string, number>;
}

export const FIRST_ORDER_ID = 10_001;
export const TON = 1_000_000_000n;
/** What the generator keeps on the balance beyond the next debit, so the ledger never goes negative. */
const RESERVE = 2n * TON;

/** How a hash is served: lowercase hex, standard base64, or URL-safe base64. */
export type HashForm = 0 | 1 | 2;

export class WorldBuilder {
  readonly events = new ChainEvents();
  readonly orders: SandboxOrder[] = [];
  /** Order index → the event whose hash the order names as its `tx_hash` (-1: none). */
  readonly credit: Int32Array;
  /** Order index → a hash (hex) the order names that is not its payment. */
  readonly foreignTx = new Map<number, string>();
  /** Order index → how its `tx_hash` is served. */
  readonly hashForm: Uint8Array;
  readonly findings: FindingDraft[] = [];
  readonly tricky: TrickyDraft[] = [];
  readonly ledger: LedgerDraft[] = [];
  /** Order index → payment wallet index (meaningless for balance orders). */
  readonly wallet: Uint8Array;
  readonly walletUsed: boolean[];
  /** Ids of `pending_payment` orders the state must not expire by the clock. */
  readonly neverExpire: number[] = [];
  /** A lower bound of the running balance in walk order (refunds ignored). */
  balanceFloor = 0n;
  /** What `/balance` serves beyond the last `balance_after` (a planted `balance_mismatch`). */
  balanceOffset = 0n;
  /** What the stats endpoint adds to its counts (a planted `control_total_mismatch`). */
  statsOffset: StatsOffset | null = null;
  /** The most recent ordinary payment event, for plants that name someone else's transaction. */
  lastOrdinaryPayment = -1;

  constructor(
    readonly random: Random,
    readonly options: ResolvedWorldOptions,
    readonly timeline: Timeline,
    readonly actors: Actors,
  ) {
    this.credit = new Int32Array(options.orders).fill(-1);
    this.hashForm = new Uint8Array(options.orders);
    this.wallet = new Uint8Array(options.orders);
    this.walletUsed = actors.paymentWallets.map(() => false);
  }

  get startSec(): number {
    return this.timeline.start / 1000;
  }

  get nowSec(): number {
    return this.timeline.now / 1000;
  }

  payer(): number {
    return this.random.int(0, this.actors.payers.length - 1);
  }

  /** A random second in settled history (zone A), at least `after` (unix seconds). */
  settledSecond(after = this.startSec): number {
    return this.random.int(Math.max(after, this.startSec), this.timeline.settledBefore / 1000 - 1);
  }

  /**
   * Pays an order's memo into its wallet: one transfer per part at the given seconds (ascending),
   * each from the same payer, with `comment` instead of the memo when given. Returns the events.
   */
  pay(index: number, parts: readonly bigint[], seconds: readonly number[], comment?: string): number[] {
    const order = this.orders[index]!;
    const wallet = this.wallet[index]!;
    const payer = this.payer();
    const text = comment ?? order.payment_memo!;
    return parts.map((value, k) => this.events.text(seconds[k]!, wallet, payer, value, text));
  }

  row(at: number, type: SandboxBalanceTxType, amount: bigint, fields: Partial<LedgerDraft> = {}): LedgerDraft {
    const draft: LedgerDraft = {
      at,
      type,
      amount,
      orderId: null,
      event: -1,
      foreignHash: null,
      description: null,
      breakDelta: 0n,
      seq: this.ledger.length,
      id: 0,
      after: 0n,
      prevAfter: null,
      ...fields,
    };
    this.ledger.push(draft);
    // Refunds arrive later than the walk's position; leaving them out keeps the floor a lower bound.
    if (type !== "refund") this.balanceFloor += amount;
    return draft;
  }

  /**
   * Makes sure the balance covers `amount` at `at` (ms): if it might not, the partner tops up a
   * little earlier, on chain and in the ledger.
   */
  ensureBalance(amount: bigint, at: number): void {
    if (this.balanceFloor - amount >= RESERVE) return;
    const value = amount + BigInt(this.random.int(20, 200)) * TON + BigInt(this.random.int(0, 999)) * 1_000_000n;
    const utime = Math.max(this.startSec, Math.floor(at / 1000) - this.random.int(60, 900));
    this.topup(utime, value, Math.min(utime * 1000 + this.random.int(5, 40) * 1000, at));
  }

  /**
   * A debit outside the walk (a planted row at an arbitrary time): a top-up of at least its amount
   * just before keeps every later balance where it was, so the ledger still never goes negative.
   */
  fundedDebit(at: number, amount: bigint, fields: Partial<LedgerDraft>): LedgerDraft {
    const utime = Math.max(this.startSec, Math.floor(at / 1000) - this.random.int(60, 600));
    this.topup(utime, amount + BigInt(this.random.int(1, 50)) * TON, Math.max(utime * 1000, at - 1000));
    return this.row(at, "order_debit", -amount, fields);
  }

  /** A top-up transfer into the partner's address and the ledger row that credits it. */
  topup(utime: number, value: bigint, rowAt: number): LedgerDraft {
    const body = this.random.next() < 0.5 ? ({ kind: "none" } as const) : ({ kind: "text", text: "top-up" } as const);
    const event = this.events.add({ utime, target: -1, from: this.payer(), value, body });
    return this.row(rowAt, "topup", value, { event, description: "balance top-up" });
  }

  /** How the API serves a hash: mostly hex, sometimes base64 (both alphabets). */
  randomHashForm(): HashForm {
    const r = this.random.next();
    return r < 0.7 ? 0 : r < 0.95 ? 1 : 2;
  }
}
