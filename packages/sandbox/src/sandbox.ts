/**
 * `startSandbox`: a generated world served by the partner API simulator and the TON HTTP API
 * simulator on local ports, with its ground truth, faults passed through, and helpers that make
 * new things happen between two runs of the toolkit.
 */
import { type ApiCounters, type FaultControl, type FaultRates, startPartnerApi } from "./api/index.js";
import type { SandboxPartner } from "./model.js";
import { createTonChain } from "./ton/chain.js";
import type { TonChain } from "./ton/types.js";
import { generateWorld, type World } from "./world/generate.js";
import { type LiveWorld, liveWorld, worldClock } from "./world/live.js";
import type { WorldOptions } from "./world/options.js";
import type { GroundTruth } from "./world/truth.js";
import { loadWorld, type WorldState } from "./world/world-state.js";

export interface SandboxOptions extends Omit<WorldOptions, "chain"> {
  /** Partner API port. Default 0 (ephemeral). */
  port?: number;
  /** TON API port. Default 0 (ephemeral). */
  tonPort?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Fault rates of the partner API per route (`"GET /orders"`, or `"*"` for every route). */
  faults?: Record<string, FaultRates>;
  /** A share of requests (0..1) to every API route answered 429 with `Retry-After` (seconds). */
  rateLimit?: { rate: number; retryAfter?: number | string };
  /** `fixed` (default): the clock stands at the world's `now` until `advance`; `running`: it also follows wall time. */
  clock?: "fixed" | "running";
  /** Serve this key instead of the world's. */
  apiKey?: string;
}

export interface SandboxCounters {
  /** Requests the partner API saw, per route. */
  api: ApiCounters;
}

export interface Sandbox extends LiveWorld {
  /** Partner API base URL (…/api/v1). */
  apiUrl: string;
  /** TON HTTP API v2 JSON-RPC endpoint. */
  tonEndpoint: string;
  apiKey: string;
  truth: GroundTruth;
  world: World;
  state: WorldState;
  chain: TonChain;
  partner: SandboxPartner;
  counters: SandboxCounters;
  /** Change the partner API's faults while it runs. */
  faults: { api: FaultControl };
  /** Lines to paste into a shell or `.env`: OPENMONEY_BASE_URL, OPENMONEY_API_KEY, TON_ENDPOINT. */
  env: string[];
  stop(): Promise<void>;
}

/** A 31-bit fault seed from any world seed, so faults replay with the world. */
function faultSeedOf(seed: number | string): number {
  let h = 2166136261;
  for (const ch of `faults:${typeof seed}:${seed}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) & 0x7fffffff;
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const chain = createTonChain();
  const world = generateWorld({ ...options, chain });
  const clock = worldClock(world.now, options.clock === "running");
  const state = loadWorld(world, { now: clock.now, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });

  const host = options.host ?? "127.0.0.1";
  const api = await startPartnerApi(state, {
    host,
    port: options.port ?? 0,
    faultSeed: faultSeedOf(options.seed),
  });
  const everyRoute = { ...options.faults?.["*"] };
  if (options.rateLimit) {
    everyRoute.rate_limit = options.rateLimit.rate;
    if (options.rateLimit.retryAfter !== undefined) everyRoute.retryAfter = options.rateLimit.retryAfter;
  }
  for (const [route, rates] of Object.entries(options.faults ?? {}))
    if (route !== "*") api.faults.setRates(route, rates);
  if (Object.keys(everyRoute).length > 0) api.faults.setRates("*", everyRoute);

  const tonEndpoint = "";
  const apiKey = state.partner.apiKey;
  return {
    ...liveWorld(world, state, chain, clock),
    apiUrl: api.url,
    tonEndpoint,
    apiKey,
    truth: world.truth,
    world,
    state,
    chain,
    partner: state.partner,
    counters: { api: api.counters },
    faults: { api: api.faults },
    env: [`OPENMONEY_BASE_URL=${api.url}`, `OPENMONEY_API_KEY=${apiKey}`, `TON_ENDPOINT=${tonEndpoint}`],
    stop: () => api.close(),
  };
}
