/**
 * From settings to a `ReconcileContext`: the partner API client for the control totals, the chain
 * reader over TonClient with the right pace, and the program's alerts. `pnpm reconcile` and
 * `pnpm nightly` build their runs the same way through this.
 */
import type { OpenMoneyClient } from "@omrecon/client";
import type { Logger } from "@omrecon/core";
import type { Store } from "@omrecon/store";
import type { ChainRetryPolicy } from "../chain/chain-limits.js";
import type { TonRequestEvent } from "../chain/http-adapter.js";
import { createRateLimiter, type RateLimiter, toncenterRateLimiter } from "../chain/rate-limiter.js";
import { readNewTransfers } from "../chain/read-new-transfers.js";
import { tonClientSource } from "../chain/ton-client-source.js";
import type { FetchStats, ReadChain, ReconcileContext, RunAlerts, RunProgress } from "./context.js";

/** The settings a run needs (`@omrecon/cli`'s `Settings` has them all). */
export interface ReconcileSettings {
  apiKey: string | undefined;
  baseUrl: string;
  tonEndpoint: string;
  tonApiKey: string | undefined;
  /** `OMRECON_CHAIN_DEADLINE` / `--chain-deadline`, in ms; default 30 minutes. */
  chainDeadlineMs?: number | undefined;
  /** `OMRECON_CHAIN_MAX_PAGES` / `--chain-max-pages`; default 20,000. */
  chainMaxPages?: number | undefined;
}

export interface ConnectDeps {
  store: Store;
  logger?: Logger;
  progress?: RunProgress;
  now?: () => Date;
  /** The chain reader's retries (tests make them fast); default `DEFAULT_CHAIN_RETRY`. */
  chainRetry?: Partial<ChainRetryPolicy>;
  /** The program's partner API client (built once from settings, closed by the program). */
  client: Pick<OpenMoneyClient, "orders">;
  /** SIGINT/SIGTERM: the run stops at its next safe point (ReconcileContext.signal). */
  signal?: AbortSignal;
  /** Where the run's alerts go (the outbox and its receiver); absent: none. */
  alerts?: RunAlerts;
  /** Every answer (or failure) of the TON API: debug logs and request metrics. */
  onTonRequest?: (event: TonRequestEvent) => void;
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
  settings: Pick<ReconcileSettings, "tonEndpoint" | "tonApiKey" | "chainDeadlineMs" | "chainMaxPages">,
  deps: Pick<ConnectDeps, "store" | "logger" | "progress" | "chainRetry" | "onTonRequest">,
): ReadChain {
  const limiter = chainLimiterFor(settings.tonEndpoint, settings.tonApiKey);
  const limits = {
    ...(settings.chainDeadlineMs !== undefined ? { deadlineMs: settings.chainDeadlineMs } : {}),
    ...(settings.chainMaxPages !== undefined ? { maxPages: settings.chainMaxPages } : {}),
  };
  return async (addresses, signal) => {
    // One connection pool per read, closed with it: nothing of a read outlives it.
    const source = tonClientSource({
      endpoint: settings.tonEndpoint,
      ...(settings.tonApiKey ? { apiKey: settings.tonApiKey } : {}),
      ...(deps.onTonRequest ? { onRequest: deps.onTonRequest } : {}),
    });
    try {
      return await readNewTransfers({
        source,
        store: deps.store,
        addresses,
        limiter,
        limits,
        ...(signal && { signal }),
        ...(deps.chainRetry ? { retry: deps.chainRetry } : {}),
        ...(deps.logger ? { logger: deps.logger } : {}),
        onProgress: (p) => deps.progress?.update("reading chain", p.index, p.total, "addresses"),
      });
    } finally {
      await source.close();
    }
  };
}

export function connectReconcile(settings: ReconcileSettings, deps: ConnectDeps): ConnectedReconcile {
  // The stats endpoint is optional (docs/partner-api.md#stats): without it, one warning and no control totals.
  const fetchStats: FetchStats = async (w) => {
    const answer = await deps.client.orders.optionalStats({ from: w.from, to: w.to });
    return answer.stats ?? { stats: null, warning: answer.warning ?? "control totals skipped" };
  };
  const ctx: ReconcileContext = {
    store: deps.store,
    readChain: chainReaderFor(settings, deps),
    fetchStats,
    ...(deps.alerts ? { alerts: deps.alerts } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.progress ? { progress: deps.progress } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  };
  return {
    ctx,
    // Nothing of its own to close: the client and the store belong to the program.
    close: async () => {},
  };
}
