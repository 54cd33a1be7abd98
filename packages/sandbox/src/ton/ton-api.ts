/**
 * The toncenter HTTP API v2 simulator: JSON-RPC (`POST /api/v2/jsonRPC`, what @ton/ton's TonClient
 * sends) and the matching GET routes (`GET /api/v2/getTransactions?…`, handy with curl), over a
 * simulated chain, with toncenter's envelopes, optional rate limits and injectable faults.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { PROXY_502_PAGE } from "../api/envelope.js";
import { type Decision, type FaultControl, Faults } from "../api/faults.js";
import { listen } from "../listen.js";
import { getTransactions, TonApiError } from "./get-transactions.js";
import { type TonApiCounters, TonCounters } from "./ton-api-counters.js";
import { ToncenterRateLimit, type ToncenterRateLimitOptions } from "./toncenter-rate-limit.js";
import type { TonChain } from "./types.js";

export const TON_API_PREFIX = "/api/v2";
const MAX_BODY = 1 << 20;

/** The methods served; the chain reader needs no other. */
const METHODS: Record<string, (chain: TonChain, params: Record<string, unknown>) => unknown> = {
  getTransactions,
};

export interface TonApiHandlerOptions {
  /** Seeds the random fault rates. Default 1. */
  faultSeed?: number;
  /** toncenter's limits (1 request/s without a key): off by default; `true` for toncenter's numbers. */
  rateLimit?: boolean | ToncenterRateLimitOptions;
  /** Clock for the rate limit, in ms. Default `Date.now`. */
  now?: () => number;
}

export interface TonApiOptions extends TonApiHandlerOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/**
 * The simulator as a request handler, to mount beside other routes on one server: `handle`
 * serves paths under `/api/v2` and returns false, touching nothing, for any other path.
 * Fault routes are JSON-RPC method names (`getTransactions`), or `*`.
 */
export interface TonApiHandler {
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  counters: TonApiCounters;
  faults: FaultControl;
}

export interface TonApi {
  /** The JSON-RPC endpoint, as `TON_ENDPOINT` takes it (like https://toncenter.com/api/v2/jsonRPC). */
  url: string;
  port: number;
  counters: TonApiCounters;
  faults: FaultControl;
  close(): Promise<void>;
}

interface Outgoing {
  status: number;
  body: string;
  contentType?: string;
}

interface Call {
  method: string;
  params: Record<string, unknown>;
  /** The JSON-RPC id, echoed back; undefined for GET routes. */
  id?: unknown;
  apiKey: string | null;
}

function envelope(call: Pick<Call, "id"> | null, fields: Record<string, unknown>): string {
  const rpc = call && call.id !== undefined ? { id: call.id, jsonrpc: "2.0" } : {};
  return JSON.stringify({ ...fields, ...rpc });
}

function failure(call: Pick<Call, "id"> | null, code: number, error: string): Outgoing {
  return { status: code, body: envelope(call, { ok: false, error, code }) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new TonApiError(413, "request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Reads the method, params and key of a request; null when the path is not an API route. */
async function readCall(req: IncomingMessage, url: URL): Promise<Call | null> {
  const route = url.pathname.slice(TON_API_PREFIX.length).replace(/^\/+|\/+$/g, "");
  const apiKey = header(req, "x-api-key") ?? url.searchParams.get("api_key") ?? null;
  if (route === "jsonRPC" && req.method === "POST") {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      if (error instanceof TonApiError) throw error;
      throw new TonApiError(422, "Validation error: request body is not JSON");
    }
    const { method, params, id } = (body ?? {}) as Record<string, unknown>;
    if (typeof method !== "string") throw new TonApiError(422, "Validation error: method is required");
    return { method, params: (params ?? {}) as Record<string, unknown>, id: id ?? null, apiKey };
  }
  if (req.method === "GET" && route in METHODS) {
    const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    delete params.api_key;
    return { method: route, params, apiKey };
  }
  return null;
}

/** Faults served before the request reaches the service (proxy, limiter, overloaded backend). */
function early(decision: Decision, call: Call): Outgoing | null {
  switch (decision.fault) {
    case "server_error":
      return failure(call, 500, "Internal server error");
    case "unavailable":
      return failure(call, 503, "Service unavailable");
    case "rate_limit":
      // toncenter sends no Retry-After: clients have to pace themselves.
      return failure(call, 429, "Ratelimit exceed");
    case "html":
      return { status: 502, body: PROXY_502_PAGE, contentType: "text/html" };
    case "error":
      return failure(call, decision.envelope!.status, decision.envelope!.message);
    default:
      return null;
  }
}

export function createTonApiHandler(chain: TonChain, options: TonApiHandlerOptions = {}): TonApiHandler {
  const counters = new TonCounters();
  const faults = new Faults(options.faultSeed ?? 1);
  const limit =
    options.rateLimit === true
      ? new ToncenterRateLimit()
      : options.rateLimit
        ? new ToncenterRateLimit(options.rateLimit)
        : null;
  const now = options.now ?? Date.now;

  function send(res: ServerResponse, out: Outgoing): void {
    counters.response(out.status);
    const bytes = Buffer.from(out.body, "utf8");
    res.writeHead(out.status, {
      "Content-Type": out.contentType ?? "application/json",
      "Content-Length": String(bytes.length),
    });
    res.end(bytes);
  }

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let call: Call | null;
    try {
      call = await readCall(req, url);
    } catch (error) {
      counters.request("(invalid)");
      const e = error instanceof TonApiError ? error : new TonApiError(422, "Validation error");
      return send(res, failure(null, e.code, e.message));
    }
    if (!call) {
      counters.request("(unknown route)");
      return send(res, failure(null, 404, "Not Found"));
    }
    counters.request(call.method);
    if (limit && !limit.admit(call.apiKey, now())) {
      counters.refusedByRateLimit();
      return send(res, failure(call, 429, "Ratelimit exceed"));
    }
    const decision = faults.decide(call.method);
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    const before = early(decision, call);
    if (before) return send(res, before);

    let out: Outgoing;
    const handler = METHODS[call.method];
    if (!handler) {
      out = failure(call, 422, "Unknown method");
    } else {
      try {
        out = { status: 200, body: envelope(call, { ok: true, result: handler(chain, call.params) }) };
      } catch (error) {
        out =
          error instanceof TonApiError
            ? failure(call, error.code, error.message)
            : failure(call, 503, (error as Error).message);
      }
    }
    const bytes = Buffer.from(out.body, "utf8");
    const half = bytes.subarray(0, Math.max(1, bytes.length >> 1));
    switch (decision.fault) {
      case "drop":
        counters.response(0);
        req.socket.destroy();
        return;
      case "reset":
        counters.response(0);
        res.writeHead(out.status, { "Content-Type": "application/json", "Content-Length": String(bytes.length) });
        res.write(half, () => req.socket.destroy());
        return;
      case "truncate":
        counters.response(200);
        res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(half.length) });
        res.end(half);
        return;
      default:
        send(res, out);
    }
  }

  return {
    handle(req, res) {
      const url = new URL(req.url ?? "/", "http://toncenter");
      if (url.pathname !== TON_API_PREFIX && !url.pathname.startsWith(`${TON_API_PREFIX}/`)) return false;
      serve(req, res, url).catch(() => req.socket.destroy());
      return true;
    },
    counters,
    faults,
  };
}

/** Starts the simulator on its own HTTP server (127.0.0.1, an ephemeral port by default). */
export async function startTonApi(chain: TonChain, options: TonApiOptions = {}): Promise<TonApi> {
  const handler = createTonApiHandler(chain, options);
  const server = createServer((req, res) => {
    if (!handler.handle(req, res)) {
      const body = JSON.stringify({ ok: false, error: "Not Found", code: 404 });
      res.writeHead(404, { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) });
      res.end(body);
    }
  });
  const { host, port, close } = await listen(server, options);
  return {
    url: `http://${host}:${port}${TON_API_PREFIX}/jsonRPC`,
    port,
    counters: handler.counters,
    faults: handler.faults,
    close,
  };
}
