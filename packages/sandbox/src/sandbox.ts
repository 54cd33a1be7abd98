/**
 * `startSandbox`: a generated world served by the partner API simulator and the TON HTTP API
 * simulator on local ports, with its ground truth, faults passed through, and helpers that make
 * new things happen between two runs of the toolkit.
 */
import {
  type ApiCounters,
  type ApiShapeName,
  type FaultControl,
  type FaultRates,
  startPartnerApi,
} from "./api/index.js";
import type { SandboxPartner } from "./model.js";
import { createTonChain } from "./ton/chain.js";
import { startTonApi } from "./ton/ton-api.js";
import type { TonApiCounters } from "./ton/ton-api-counters.js";
import type { ToncenterRateLimitOptions } from "./ton/toncenter-rate-limit.js";
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
  /** Fault rates of the TON API per JSON-RPC method (`"getTransactions"`, or `"*"`). */
  tonFaults?: Record<string, FaultRates>;
  /** toncenter's own request limits (1 request/s without a key): off by default, `true` for toncenter's numbers. */
  tonRateLimit?: boolean | ToncenterRateLimitOptions;
  /** `fixed` (default): the clock stands at the world's `now` until `advance`; `running`: it also follows wall time. */
  clock?: "fixed" | "running";
  /** Serve this key instead of the world's. */
  apiKey?: string;
  /** How the partner API serves its objects: `spec` (default), `page` (the public page's example), or a drifted shape (`API_SHAPES`). */
  shape?: ApiShapeName;
  /** Serve an OpenAPI document of the shape at `/api/v1/openapi.json`. */
  openapi?: boolean;
}

export interface SandboxCounters {
  /** Requests the partner API saw, per route. */
  api: ApiCounters;
  /** Requests the TON API saw, per JSON-RPC method. */
  ton: TonApiCounters;
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
  /** Change the faults of either server while it runs. */
  faults: { api: FaultControl; ton: FaultControl };
  /** `.env` lines: OPENMONEY_BASE_URL, OPENMONEY_API_KEY, TON_ENDPOINT, TON_API_KEY. */
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
    ...(options.shape !== undefined && { shape: options.shape }),
    ...(options.openapi !== undefined && { openapi: options.openapi }),
  });
  let ton: Awaited<ReturnType<typeof startTonApi>>;
  try {
    ton = await startTonApi(chain, {
      host,
      port: options.tonPort ?? 0,
      faultSeed: faultSeedOf(`ton:${options.seed}`),
      ...(options.tonRateLimit !== undefined ? { rateLimit: options.tonRateLimit } : {}),
    });
  } catch (error) {
    await api.close();
    throw error;
  }
  for (const [method, rates] of Object.entries(options.tonFaults ?? {})) ton.faults.setRates(method, rates);
  const everyRoute = { ...options.faults?.["*"] };
  if (options.rateLimit) {
    everyRoute.rate_limit = options.rateLimit.rate;
    if (options.rateLimit.retryAfter !== undefined) everyRoute.retryAfter = options.rateLimit.retryAfter;
  }
  for (const [route, rates] of Object.entries(options.faults ?? {}))
    if (route !== "*") api.faults.setRates(route, rates);
  if (Object.keys(everyRoute).length > 0) api.faults.setRates("*", everyRoute);

  const tonEndpoint = ton.url;
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
    counters: { api: api.counters, ton: ton.counters },
    faults: { api: api.faults, ton: ton.faults },
    // Any TON_API_KEY lifts the chain reader to toncenter's keyed rate; the simulator accepts every key.
    env: [
      `OPENMONEY_BASE_URL=${api.url}`,
      `OPENMONEY_API_KEY=${apiKey}`,
      `TON_ENDPOINT=${tonEndpoint}`,
      "TON_API_KEY=sandbox",
    ],
    stop: async () => {
      await Promise.all([api.close(), ton.close()]);
    },
  };
}
