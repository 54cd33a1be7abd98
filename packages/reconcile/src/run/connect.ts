/**
 * From settings to a `ReconcileContext`: the partner API client for the control totals, the chain
 * reader over TonClient with the right pace, and the webhook. `pnpm reconcile` and `pnpm nightly`
 * build their runs the same way through this.
 */
import { OpenMoneyClient } from "@omrecon/client";
import type { Logger } from "@omrecon/core";
import type { Store } from "@omrecon/store";
import { createRateLimiter, type RateLimiter, toncenterRateLimiter } from "../chain/rate-limiter.js";
import { readNewTransfers } from "../chain/read-new-transfers.js";
import { tonClientSource } from "../chain/ton-client-source.js";
import type { FetchStats, ReadChain, ReconcileContext, RunProgress } from "./context.js";

/** The settings a run needs (`@omrecon/cli`'s `Settings` has them all). */
export interface ReconcileSettings {
  apiKey: string | undefined;
  baseUrl: string;
  tonEndpoint: string;
  tonApiKey: string | undefined;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
}

export interface ConnectDeps {
  store: Store;
  logger?: Logger;
  progress?: RunProgress;
  now?: () => Date;
  /** Reuse a client (the nightly's sync already has one); else one is made and closed with the context. */
  client?: Pick<OpenMoneyClient, "orders">;
  /** SIGINT/SIGTERM: the run stops at its next safe point (ReconcileContext.signal). */
  signal?: AbortSignal;
}

export interface ConnectedReconcile {
  ctx: ReconcileContext;
  close(): Promise<void>;
}

/**
 * toncenter's public quota applies to toncenter; a TON API on this machine (the sandbox, a
 * self-hosted toncenter) has none worth pacing for.
 */
export function chainLimiterFor(endpoint: string, apiKey: string | undefined): RateLimiter {
  let host = "";
  try {
    host = new URL(endpoint).hostname;
  } catch {
    // An unparsable endpoint fails in TonClient with its own message; pace it like toncenter.
  }
  const local = host === "localhost" || host === "::1" || host === "[::1]" || host.startsWith("127.");
  return local ? createRateLimiter({ requestsPerSecond: 1_000 }) : toncenterRateLimiter(apiKey);
}

export function chainReaderFor(
  settings: Pick<ReconcileSettings, "tonEndpoint" | "tonApiKey">,
  deps: Pick<ConnectDeps, "store" | "logger" | "progress">,
): ReadChain {
  const source = tonClientSource({
    endpoint: settings.tonEndpoint,
    ...(settings.tonApiKey ? { apiKey: settings.tonApiKey } : {}),
  });
  const limiter = chainLimiterFor(settings.tonEndpoint, settings.tonApiKey);
  return (addresses, signal) =>
    readNewTransfers({
      source,
      store: deps.store,
      addresses,
      limiter,
      ...(signal && { signal }),
      ...(deps.logger ? { logger: deps.logger } : {}),
      onProgress: (p) => deps.progress?.update("reading chain", p.index, p.total, "addresses"),
    });
}

export function connectReconcile(settings: ReconcileSettings, deps: ConnectDeps): ConnectedReconcile {
  const own =
    deps.client === undefined
      ? new OpenMoneyClient({
          apiKey: settings.apiKey ?? "",
          baseUrl: settings.baseUrl,
          userAgent: "reconcile",
          ...(deps.logger ? { logger: deps.logger } : {}),
        })
      : null;
  const client = deps.client ?? own!;
  const fetchStats: FetchStats = (w) => client.orders.stats({ from: w.from, to: w.to });
  const ctx: ReconcileContext = {
    store: deps.store,
    readChain: chainReaderFor(settings, deps),
    fetchStats,
    webhook: { url: settings.webhookUrl, secret: settings.webhookSecret },
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.progress ? { progress: deps.progress } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  };
  return {
    ctx,
    close: async () => {
      await own?.close();
    },
  };
}
