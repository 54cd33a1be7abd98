/**
 * `generateWorld`: one consistent, seeded world — orders, payments on chain, the balance ledger —
 * with planted anomalies and the ground truth a correct reconciler must reproduce.
 */
import type { SandboxBalanceTx, SandboxOrder, SandboxPartner } from "../model.js";
import { createRandom } from "../random.js";
import { createTonChain } from "../ton/chain.js";
import type { TonChain } from "../ton/types.js";
import { type Actors, createActors } from "./actors.js";
import { type StatsOffset, WorldBuilder } from "./builder.js";
import { finalizeLedger, serveHash } from "./ledger.js";
import { type ResolvedWorldOptions, resolveWorldOptions, type WorldOptions } from "./options.js";
import { OrderFactory } from "./order-factory.js";
import { ordinaryOrder } from "./ordinary.js";
import { plantChain } from "./planted-chain.js";
import { plantLedger } from "./planted-ledger.js";
import { plantedOrder } from "./planted-orders.js";
import { resolveTruth } from "./resolve-truth.js";
import { dealSpecials, listSpecials, needsOf } from "./specials.js";
import { createTimeline } from "./timeline.js";
import { trickyOrder } from "./tricky-orders.js";
import type { GroundTruth } from "./truth.js";

export interface World {
  options: ResolvedWorldOptions;
  /** Epoch ms: the window is [start, now). */
  start: number;
  now: number;
  partner: SandboxPartner;
  /** The world's accounts as addresses (payment wallets, top-up, payers). */
  actors: Actors;
  /** Ascending id (= created_at order). */
  orders: SandboxOrder[];
  /** Ascending id (= created_at order). */
  balanceTxs: SandboxBalanceTx[];
  /** What `/balance` serves. */
  balance: bigint;
  balanceUpdatedAt: number;
  /** Added to the stats endpoint's counts, or null. */
  statsOffset: StatsOffset | null;
  /** Ids of `pending_payment` orders that must stay pending whatever the clock says. */
  neverExpire: number[];
  chain: TonChain;
  truth: GroundTruth;
}

/** Generates a world. Same (seed, options, now) → the same world, hashes included. */
export function generateWorld(input: WorldOptions): World {
  const options = resolveWorldOptions(input);
  const root = createRandom(options.seed);
  const actors = createActors(root.fork("actors"), options.orders);
  const slots = listSpecials(options);
  const timeline = createTimeline(root.fork("timeline"), options.orders, options.days, options.now, needsOf(slots));
  const specials = dealSpecials(root.fork("specials"), slots, timeline);
  const builder = new WorldBuilder(root.fork("orders"), options, timeline, actors);
  const factory = new OrderFactory(builder);

  // The partner's first top-up opens the ledger, a few minutes into the window.
  const openingSecond = builder.startSec + builder.random.int(60, 600);
  const opening = builder.topup(
    openingSecond,
    BigInt(builder.random.int(50, 500)) * 1_000_000_000n,
    (openingSecond + 10) * 1000,
  );

  for (let index = 0; index < options.orders; index++) {
    const special = specials.get(index);
    if (special === undefined) ordinaryOrder(builder, factory, index);
    else if (special.kind === "planted") plantedOrder(builder, factory, index, special.finding, special.variant);
    else trickyOrder(builder, factory, index, special.tricky, special.variant);
  }
  plantChain(builder);
  plantLedger(builder, opening);

  const chain = input.chain ?? createTonChain();
  const hashes = builder.events.record(chain, actors);
  const { orders } = builder;
  for (let index = 0; index < orders.length; index++) {
    const event = builder.credit[index]!;
    const hex = event >= 0 ? hashes[event]! : (builder.foreignTx.get(index) ?? null);
    if (hex !== null) orders[index]!.tx_hash = serveHash(hex, builder.hashForm[index] as 0 | 1 | 2);
  }
  const ledger = finalizeLedger(builder, hashes);
  const truth = resolveTruth(builder, hashes, ledger);

  return {
    options,
    start: timeline.start,
    now: timeline.now,
    partner: {
      apiKey: actors.apiKey,
      topupAddress: actors.topupForms.uq,
      paymentAddresses: actors.paymentForms.map((f) => f.uq),
    },
    actors,
    orders,
    balanceTxs: ledger.rows,
    balance: ledger.balance,
    balanceUpdatedAt: ledger.balanceUpdatedAt,
    statsOffset: builder.statsOffset,
    neverExpire: builder.neverExpire,
    chain,
    truth,
  };
}
