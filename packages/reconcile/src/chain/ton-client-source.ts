import type { Transaction } from "@ton/core";
import { TonClient } from "@ton/ton";
import { type ChainPageRequest, type ChainSource, ChainSourceError } from "./chain-source.js";
import { createTonHttpAdapter, type TonHttpAdapterOptions, withRequestSignal } from "./http-adapter.js";

/**
 * toncenter refuses `limit` above 100, and TonClient asks for one more than it is given when paging
 * by lt+hash (it drops the start transaction itself): 99 is the most a page can hold.
 */
const PAGE_LIMIT = 99;

export interface TonClientSourceOptions extends TonHttpAdapterOptions {
  /** `TON_ENDPOINT`: the JSON-RPC URL, e.g. https://toncenter.com/api/v2/jsonRPC. */
  endpoint: string;
  /** `TON_API_KEY`, sent as `X-API-Key` (to the endpoint only: redirects are not followed). */
  apiKey?: string;
}

/** The one TonClient method used (a TonClient, or anything shaped like it). */
export type TonClientLike = Pick<TonClient, "getTransactions">;

/** A chain source that owns a connection pool: close it when done. */
export interface ClosableChainSource extends ChainSource {
  close(): Promise<void>;
}

/** The endpoint as errors may show it: no user, password, query or fragment (a key may hide there). */
export function shownEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return "(not a URL)";
  }
}

/** What TonClient throws besides our adapter's errors: plain Errors from its own checks. */
function classify(error: unknown): ChainSourceError {
  if (error instanceof ChainSourceError) return error;
  // A TonClient of the caller's own, on axios: an HTTP status or a network error.
  const axios = error as { isAxiosError?: boolean; code?: string; response?: { status?: number } };
  const status = axios?.response?.status;
  if (typeof status === "number") {
    return new ChainSourceError(`the TON API answered HTTP ${status}`, {
      status,
      retryable: status === 429 || status >= 500,
      cause: error,
    });
  }
  if (axios?.isAxiosError) {
    return new ChainSourceError(`the TON API could not be reached (${axios.code ?? "network error"})`, {
      status: null,
      retryable: true,
      cause: error,
    });
  }
  const message = String((error as { message?: unknown })?.message ?? error);
  // TonClient's own check of a 200 answer: a body that is not `{ok: true}` (truncated, not JSON).
  if (message.startsWith("Received error")) {
    return new ChainSourceError(`the TON API answered 200 without a result: ${message.slice(0, 160)}`, {
      status: 200,
      retryable: true,
      cause: error,
    });
  }
  return new ChainSourceError(`the TON API's answer is unusable: ${message.slice(0, 160)}`, {
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

/**
 * A `ChainSource` over toncenter's HTTP API v2 through @ton/ton's TonClient, whose requests go
 * through our own transport (`createTonHttpAdapter`: no redirects, a body limit, a timeout). Given
 * a TonClient-shaped object instead (tests), it uses that as it is.
 */
export function tonClientSource(options: TonClientSourceOptions | TonClientLike): ClosableChainSource {
  let client: TonClientLike;
  let close = async () => {};
  let label: string | undefined;
  if ("getTransactions" in options) {
    client = options;
  } else {
    const http = createTonHttpAdapter(options);
    close = http.close;
    label = `TON_ENDPOINT ${shownEndpoint(options.endpoint)}`;
    client = new TonClient({
      endpoint: options.endpoint,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      httpAdapter: http.adapter,
    });
  }
  return {
    pageLimit: PAGE_LIMIT,
    ...(label ? { label } : {}),
    close,
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
        return await abortable(
          withRequestSignal(request.signal, () => client.getTransactions(request.address, opts)),
          request.signal,
        );
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason ?? error;
        throw classify(error);
      }
    },
  };
}
