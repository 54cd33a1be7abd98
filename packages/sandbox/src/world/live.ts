/**
 * Making new things happen in a loaded world between two runs of the toolkit: time passes, a
 * payer pays, the partner tops up, the service changes a status. Each action writes the chain and
 * the state consistently, as the real service would; the world's ground truth is not updated
 * (it describes the world as generated).
 */
import { Address } from "@ton/core";
import type { SandboxBalanceTx, SandboxOrder } from "../model.js";
import type { ChainTransaction, TonChain, TransferSpec } from "../ton/types.js";
import type { World } from "./generate.js";
import type { WorldState } from "./world-state.js";

export interface PayOrderOptions {
  /** Nanotons. Default: the order's price. */
  amount?: bigint;
  /** Default: the order's memo. */
  comment?: string;
  /** Epoch ms. Default: the clock. */
  at?: number;
  /**
   * Whether the service notices: a full, on-time payment of a `pending_payment` order moves it to
   * `paid` naming the transaction. Default true; false leaves the order as it is.
   */
  recognize?: boolean;
}

export interface TopUpOptions {
  at?: number;
  /** Whether the ledger credits it (a `topup` row naming the transaction). Default true. */
  credit?: boolean;
}

export interface LiveWorld {
  /** The clock the state serves (epoch ms). */
  now(): number;
  /** Moves the clock forward; pending orders past their expiry expire on the next read. */
  advance(ms: number): void;
  /** A payer pays an order's memo into its payment address. */
  payOrder(orderId: number, options?: PayOrderOptions): ChainTransaction;
  /** The partner tops up the balance on chain (and, by default, the ledger credits it). */
  topUp(amount: bigint, options?: TopUpOptions): { tx: ChainTransaction; row: SandboxBalanceTx | null };
  /** The service moves an order to any status. */
  setStatus(orderId: number, status: string, patch?: { at?: number; tx_hash?: string | null }): SandboxOrder;
  /** Any transaction at all (a bounce, an orphan, …). */
  transfer(spec: TransferSpec): ChainTransaction;
}

export function liveWorld(
  world: World,
  state: WorldState,
  chain: TonChain,
  clock: { now(): number; advance(ms: number): void },
): LiveWorld {
  const payer = (id: number) => world.actors.payers[id % world.actors.payers.length]!;
  const second = (at: number | undefined) => Math.floor((at ?? clock.now()) / 1000);

  return {
    now: () => clock.now(),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) takes a duration ≥ 0, got ${ms}`);
      clock.advance(ms);
    },
    payOrder(orderId, options = {}) {
      const order = state.getOrder(orderId);
      if (!order) throw new RangeError(`payOrder: no order ${orderId}`);
      if (order.payment_address === null || order.payment_memo === null) {
        throw new RangeError(`payOrder: order ${orderId} is paid from the balance, it has no memo`);
      }
      const amount = options.amount ?? order.price_nano;
      const utime = second(options.at);
      const tx = chain.add({
        to: Address.parse(order.payment_address),
        from: payer(orderId),
        value: amount,
        body: { kind: "text", text: options.comment ?? order.payment_memo },
        utime,
      });
      const onTime = utime * 1000 <= order.expires_at;
      if (options.recognize !== false && order.status === "pending_payment" && amount >= order.price_nano && onTime) {
        state.setStatus(orderId, "paid", { at: utime * 1000, tx_hash: tx.hashHex });
      }
      return tx;
    },
    topUp(amount, options = {}) {
      const utime = second(options.at);
      const tx = chain.add({ to: world.actors.topup, from: payer(0), value: amount, body: { kind: "none" }, utime });
      const row =
        options.credit === false
          ? null
          : state.addBalanceTx({ type: "topup", amount_nano: amount, tx_hash: tx.hashHex, created_at: utime * 1000 });
      return { tx, row };
    },
    setStatus: (orderId, status, patch) => state.setStatus(orderId, status, patch),
    transfer: (spec) => chain.add(spec),
  };
}

/** A clock that starts at `start` and moves only when told, or also with wall time. */
export function worldClock(start: number, running: boolean): { now(): number; advance(ms: number): void } {
  const wallStart = Date.now();
  let advanced = 0;
  return {
    now: () => start + advanced + (running ? Date.now() - wallStart : 0),
    advance(ms) {
      advanced += ms;
    },
  };
}
