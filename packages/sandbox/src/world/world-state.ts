/**
 * A generated world as the API simulator serves it: a SandboxState filled through its bulk loaders,
 * plus the one thing the base state has no knob for — stats that disagree with the orders it lists
 * (a planted `control_total_mismatch`).
 */
import { SandboxState, type SandboxStateOptions, type StatsResult } from "../state.js";
import type { StatsOffset } from "./builder.js";
import type { World } from "./generate.js";

export class WorldState extends SandboxState {
  /** Added to every stats answer, whatever the window; null serves the true counts. */
  statsOffset: StatsOffset | null = null;

  override stats(filter: Parameters<SandboxState["stats"]>[0]): StatsResult {
    const stats = super.stats(filter);
    const offset = this.statsOffset;
    if (offset === null) return stats;
    const byStatus = { ...stats.by_status };
    for (const [status, n] of Object.entries(offset.by_status)) byStatus[status] = (byStatus[status] ?? 0) + n;
    return { ...stats, total_orders: stats.total_orders + offset.total_orders, by_status: byStatus };
  }
}

export interface LoadWorldOptions {
  /** The state's clock (epoch ms). Default: the world's `now`, standing still. */
  now?: () => number;
  /** Serve another key than the world's. */
  apiKey?: string;
}

/** A 31-bit number from any seed, for the parts of the state that take a numeric seed. */
function numericSeed(seed: number | string): number {
  let h = 2166136261;
  for (const ch of `${typeof seed}:${seed}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) & 0x7fffffff;
}

/**
 * Loads a world into a fresh state. The state holds the world's own order objects (no copies), so
 * status changes made through the state are visible in `world.orders` too.
 */
export function loadWorld(world: World, options: LoadWorldOptions = {}): WorldState {
  const stateOptions: SandboxStateOptions = {
    seed: numericSeed(world.options.seed),
    partner: { ...world.partner, ...(options.apiKey ? { apiKey: options.apiKey } : {}) },
    now: options.now ?? (() => world.now),
  };
  const state = new WorldState(stateOptions);
  const stuck = new Set(world.neverExpire);
  for (const order of world.orders) state.insertOrder(order, { expire: !stuck.has(order.id) });
  for (const row of world.balanceTxs) state.insertBalanceTx(row);
  state.setBalance(world.balance, world.balanceUpdatedAt);
  state.statsOffset = world.statsOffset;
  return state;
}
