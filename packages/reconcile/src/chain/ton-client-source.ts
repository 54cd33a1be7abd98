import type { Transaction } from "@ton/core";
import { TonClient } from "@ton/ton";
import { type ChainPageRequest, type ChainSource, ChainSourceError } from "./chain-source.js";

/**
 * toncenter refuses `limit` above 100, and TonClient asks for one more than it is given when paging
 * by lt+hash (it drops the start transaction itself): 99 is the most a page can hold.
 */
const PAGE_LIMIT = 99;

export interface TonClientSourceOptions {
  /** `TON_ENDPOINT`: the JSON-RPC URL, e.g. https://toncenter.com/api/v2/jsonRPC. */
  endpoint: string;
  /** `TON_API_KEY`, sent as `X-API-Key`. */
  apiKey?: string;
  /** Per request, ms. Default 30 000. */
  timeoutMs?: number;
}

/** The one TonClient method used (a TonClient, or anything shaped like it). */
export type TonClientLike = Pick<TonClient, "getTransactions">;

/** What TonClient throws: axios errors (with `response` when the server answered) or plain Errors. */
interface ThrownByTonClient {
  message?: string;
  code?: string;
  isAxiosError?: boolean;
  response?: { status?: number };
}

function classify(error: unknown): ChainSourceError {
  const e = (error ?? {}) as ThrownByTonClient;
  const status = e.response?.status;
  if (typeof status === "number") {
    return new ChainSourceError(`TON API answered HTTP ${status}`, {
      status,
      retryable: status === 429 || status >= 500,
      cause: error,
    });
  }
  if (e.isAxiosError) {
    return new ChainSourceError(`TON API unreachable (${e.code ?? "network error"})`, {
      status: null,
      retryable: true,
      cause: error,
    });
  }
  const message = String(e.message ?? error);
  // TonClient's own check of a 200 answer: a body that is not `{ok: true}` (truncated, not JSON).
  if (message.startsWith("Received error")) {
    return new ChainSourceError(`TON API answered 200 without a result: ${message.slice(0, 160)}`, {
      status: 200,
      retryable: true,
      cause: error,
    });
  }
  return new ChainSourceError(`TON API response unusable: ${message.slice(0, 160)}`, {
    status: null,
    retryable: false,
    cause: error,
  });
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

/** A `ChainSource` over toncenter's HTTP API v2 through @ton/ton's TonClient. */
export function tonClientSource(options: TonClientSourceOptions | TonClientLike): ChainSource {
  const client =
    "getTransactions" in options
      ? options
      : new TonClient({
          endpoint: options.endpoint,
          ...(options.apiKey ? { apiKey: options.apiKey } : {}),
          timeout: options.timeoutMs ?? 30_000,
        });
  return {
    pageLimit: PAGE_LIMIT,
    async getTransactions(request: ChainPageRequest): Promise<Transaction[]> {
      const { before } = request;
      const limit = Math.max(1, Math.min(request.limit, PAGE_LIMIT));
      const opts = {
        limit,
        archival: true,
        ...(before ? { lt: before.lt.toString(), hash: Buffer.from(before.hash, "hex").toString("base64") } : {}),
        ...(request.toLt !== undefined ? { to_lt: request.toLt.toString() } : {}),
      };
      try {
        return await abortable(client.getTransactions(request.address, opts), request.signal);
      } catch (error) {
        if (request.signal?.aborted) throw error;
        throw classify(error);
      }
    },
  };
}
