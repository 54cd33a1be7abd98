/**
 * TonClient's HTTP transport, on undici instead of axios's own: TonClient stays (it builds the
 * JSON-RPC calls and decodes the transactions), but every request goes through here, so that
 * - no redirect is ever followed: axios would follow one with `X-API-Key`, sending TON_API_KEY to
 *   whatever host the endpoint points at;
 * - every answer has a byte limit, counted as it streams (a 1 GB answer never reaches memory);
 * - every request has a timeout, and ends at once when the read's deadline or stop signal fires.
 * TonClient's calls carry no signal of their own, so the read's signal rides along the call in an
 * AsyncLocalStorage (`withRequestSignal`).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { parseRetryAfter } from "@omrecon/core";
import type { TonClient } from "@ton/ton";
import { Agent, errors, request } from "undici";
import { ChainSourceError } from "./chain-source.js";

type TonClientParameters = NonNullable<ConstructorParameters<typeof TonClient>[0]>;
export type TonHttpAdapter = NonNullable<TonClientParameters["httpAdapter"]>;
type AdapterConfig = Parameters<TonHttpAdapter>[0];
type AdapterResponse = Awaited<ReturnType<TonHttpAdapter>>;

/** A page of 100 transactions is a few MB at most; far above that is not a toncenter answer. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

const requestSignal = new AsyncLocalStorage<AbortSignal | undefined>();

/** Runs `fn` with `signal` as the signal of every request it makes through the adapter. */
export function withRequestSignal<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
  return requestSignal.run(signal, fn);
}

export interface TonHttpAdapterOptions {
  /** Default 32 MiB. */
  maxBodyBytes?: number;
  /** Per request, from sending to the last byte of the answer. Default 30 s. */
  timeoutMs?: number;
  /** After every request: its JSON-RPC method, status (null: no answer) and time; never the key. */
  onRequest?: (event: TonRequestEvent) => void;
}

export interface TonRequestEvent {
  /** The JSON-RPC method (`getTransactions`). */
  method: string;
  status: number | null;
  durationMs: number;
}

function headersOf(config: AdapterConfig): Record<string, string> {
  const raw = config.headers as unknown as { toJSON?: () => Record<string, unknown> } & Record<string, unknown>;
  const plain = typeof raw?.toJSON === "function" ? raw.toJSON() : (raw ?? {});
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(plain)) {
    if (value !== undefined && value !== null && typeof value !== "object") out[name] = String(value);
  }
  return out;
}

/** Drops an answer's body without reading it (destroying it emits an error nobody needs). */
function discard(body: { on(event: "error", listener: () => void): unknown; destroy(): void }): void {
  body.on("error", () => {});
  body.destroy();
}

function mib(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

async function readLimited(
  body: Parameters<typeof discard>[0] & AsyncIterable<Buffer>,
  limit: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      discard(body);
      throw new ChainSourceError(`the TON API's answer passed ${mib(limit)}; it was refused`, {
        status: 200,
        retryable: false,
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

/** The JSON-RPC method a request calls, for logs and metrics. */
function rpcMethod(data: unknown): string {
  try {
    const body = typeof data === "string" ? (JSON.parse(data) as unknown) : data;
    const method = (body as { method?: unknown } | null)?.method;
    return typeof method === "string" && /^\w{1,40}$/.test(method) ? method : "unknown";
  } catch {
    return "unknown";
  }
}

/** The adapter for `new TonClient({ httpAdapter })`. One connection pool per adapter. */
export function createTonHttpAdapter(options: TonHttpAdapterOptions = {}): {
  adapter: TonHttpAdapter;
  close(): Promise<void>;
} {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const agent = new Agent({ connections: 4 });

  const adapter = (async (config: AdapterConfig): Promise<AdapterResponse> => {
    const outer = requestSignal.getStore();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    const url = config.url ?? "";
    const started = performance.now();
    let status: number | null = null;
    try {
      const answer = await request(url, {
        method: (config.method ?? "get").toUpperCase() as "POST",
        headers: headersOf(config),
        body: typeof config.data === "string" ? config.data : config.data == null ? null : JSON.stringify(config.data),
        signal,
        dispatcher: agent,
      });
      status = answer.statusCode;
      if (status >= 300 && status < 400) {
        discard(answer.body);
        throw new ChainSourceError(
          `the TON API answered HTTP ${status} (a redirect); redirects are not followed, so that TON_API_KEY never leaves TON_ENDPOINT: set TON_ENDPOINT to the final URL`,
          { status, retryable: false },
        );
      }
      const declared = Number(answer.headers["content-length"]);
      if (Number.isFinite(declared) && declared > limit) {
        discard(answer.body);
        throw new ChainSourceError(`the TON API announced an answer of ${mib(declared)}, over ${mib(limit)}; refused`, {
          status,
          retryable: false,
        });
      }
      if (status < 200 || status >= 300) {
        discard(answer.body);
        const retryAfter = answer.headers["retry-after"];
        const refused = status === 401 || status === 403;
        const said = refused
          ? `the TON API refused the request with HTTP ${status}: check TON_API_KEY`
          : `the TON API answered HTTP ${status}`;
        throw new ChainSourceError(said, {
          status,
          retryable: status === 429 || status >= 500,
          retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
        });
      }
      const text = await readLimited(answer.body, limit);
      return { data: text, status, statusText: "", headers: {}, config, request: {} } as AdapterResponse;
    } catch (error) {
      if (error instanceof ChainSourceError) throw error;
      if (outer?.aborted) throw outer.reason ?? error;
      if (timeout.aborted) {
        throw new ChainSourceError(`the TON API did not answer within ${timeoutMs / 1000} s`, {
          status: null,
          retryable: true,
          cause: error,
        });
      }
      const code =
        error instanceof errors.UndiciError ? error.code : ((error as NodeJS.ErrnoException)?.code ?? "network error");
      throw new ChainSourceError(`the TON API could not be reached (${code})`, {
        status: null,
        retryable: true,
        cause: error,
      });
    } finally {
      options.onRequest?.({ method: rpcMethod(config.data), status, durationMs: performance.now() - started });
    }
  }) as TonHttpAdapter;

  return { adapter, close: () => agent.close() };
}
