/**
 * The partner API simulator on node:http: the 17 endpoints of docs/partner-api.md under /api/v1 over a
 * SandboxState, with Bearer auth, the spec's envelopes and error codes, and injectable faults.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { listen } from "../listen.js";
import { badRequest, notFound, SandboxError } from "../sandbox-error.js";
import type { SandboxState } from "../state.js";
import { type ApiCounters, Counters } from "./counters.js";
import { errorBody, PROXY_502_PAGE, successBody } from "./envelope.js";
import { type Decision, type FaultControl, Faults } from "./faults.js";
import { openApiDocument } from "./openapi.js";
import { type CompiledRoute, compile, match } from "./route.js";
import { accountRoutes } from "./routes-account.js";
import { orderRoutes } from "./routes-orders.js";
import { type ApiShape, type ApiShapeName, apiShape } from "./shapes.js";

export const API_PREFIX = "/api/v1";
const MAX_BODY = 1 << 20;
const allRoutes = [...orderRoutes, ...accountRoutes].map(compile);
const STATS_ROUTE = "GET /orders/stats/summary";

export interface PartnerApiOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seeds the random fault rates. Default 1. */
  faultSeed?: number;
  /** How objects and lists are served (shapes.ts). Default `spec`. */
  shape?: ApiShapeName;
  /** Serve an OpenAPI document of the shape at `/api/v1/openapi.json`. Default false. */
  openapi?: boolean;
}

export interface PartnerApi {
  /** Base URL including `/api/v1`. */
  url: string;
  port: number;
  state: SandboxState;
  counters: ApiCounters;
  faults: FaultControl;
  close(): Promise<void>;
}

interface Outgoing {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export async function startPartnerApi(state: SandboxState, options: PartnerApiOptions = {}): Promise<PartnerApi> {
  const counters = new Counters();
  const faults = new Faults(options.faultSeed ?? 1);
  const shape = apiShape(options.shape);
  // An API without stats has no such route: its path is answered like any unknown one.
  const routes = shape.stats === null ? allRoutes.filter((r) => r.key !== STATS_ROUTE) : allRoutes;
  const site: Site = {
    state,
    counters,
    faults,
    shape,
    routes,
    openapi: options.openapi ? JSON.stringify(openApiDocument(shape.name)) : null,
  };
  const server = createServer((req, res) => {
    serve(site, req, res).catch(() => req.socket.destroy());
  });
  const { host, port, close } = await listen(server, options);
  return {
    url: `http://${host}:${port}${API_PREFIX}`,
    port,
    state,
    counters,
    faults,
    close,
  };
}

/** One server's state, shape and bookkeeping. */
interface Site {
  state: SandboxState;
  counters: Counters;
  faults: Faults;
  shape: ApiShape;
  routes: readonly CompiledRoute[];
  /** The OpenAPI document's text, when served. */
  openapi: string | null;
}

async function serve(site: Site, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { state, counters, faults, routes } = site;
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", "http://sandbox");
  if (site.openapi !== null && method === "GET" && url.pathname === `${API_PREFIX}/openapi.json`) {
    // A public document, like most APIs' Swagger: no key, no faults; counted as its own route.
    counters.record({
      route: "GET /openapi.json",
      method,
      path: url.pathname,
      idempotencyKey: null,
      userAgent: null,
      fault: null,
    });
    await drain(req);
    return send(res, { status: 200, body: site.openapi, headers: {} });
  }
  const inside = url.pathname.startsWith(`${API_PREFIX}/`);
  const subPath = inside ? url.pathname.slice(API_PREFIX.length).replace(/\/+$/, "") : "";
  const found = inside ? match(routes, method, subPath) : undefined;
  const routeKey = found?.route.key ?? `${method} (unmatched)`;
  const idempotencyKey = headerValue(req, "idempotency-key");
  const decision = faults.decide(routeKey);
  const record = counters.record({
    route: routeKey,
    method,
    path: url.pathname,
    idempotencyKey: idempotencyKey ?? null,
    userAgent: headerValue(req, "user-agent") ?? null,
    fault: decision.fault ?? (decision.latencyMs > 0 ? "latency" : null),
  });
  const requestId = `req_${record.seq}`;
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  const early = beforeProcessing(decision);
  if (early) {
    await drain(req);
    return send(res, { ...early, headers: { ...early.headers, "X-Request-Id": requestId } });
  }

  let out: Outgoing;
  try {
    const raw = await readBody(req);
    if (headerValue(req, "authorization") !== `Bearer ${state.partner.apiKey}`) {
      throw new SandboxError("UNAUTHORIZED", 401, "missing or invalid API key");
    }
    if (!found) throw notFound(`no such endpoint: ${method} ${url.pathname}`);
    const reply = found.route.handle({
      state,
      shape: site.shape,
      params: found.params,
      query: url.searchParams,
      body: method === "POST" ? parseBody(raw) : undefined,
      idempotencyKey,
    });
    if (reply.created) counters.countCreated();
    out = { status: reply.status, body: successBody(reply.data), headers: reply.headers ?? {} };
  } catch (error) {
    const e =
      error instanceof SandboxError ? error : new SandboxError("INTERNAL_ERROR", 500, "internal error in the sandbox");
    out = { status: e.status, body: errorBody(e.code, e.message), headers: {} };
  }
  out.headers["X-Request-Id"] = requestId;
  afterProcessing(decision, req, res, out);
}

/** Faults a proxy or rate limiter serves without the request reaching the service. */
function beforeProcessing(decision: Decision): Outgoing | null {
  switch (decision.fault) {
    case "server_error":
      return { status: 500, body: errorBody("INTERNAL_ERROR", "internal server error"), headers: {} };
    case "unavailable":
      return { status: 503, body: errorBody("SERVICE_UNAVAILABLE", "service unavailable"), headers: {} };
    case "rate_limit":
      return {
        status: 429,
        body: errorBody("RATE_LIMITED", "too many requests"),
        headers: { "Retry-After": decision.retryAfter },
      };
    case "html":
      return { status: 502, body: PROXY_502_PAGE, headers: { "Content-Type": "text/html" } };
    case "error": {
      const e = decision.envelope!;
      return { status: e.status, body: errorBody(e.code, e.message), headers: {} };
    }
    default:
      return null;
  }
}

/** Faults that strike after the service did the work: the answer is lost or damaged on the way back. */
function afterProcessing(decision: Decision, req: IncomingMessage, res: ServerResponse, out: Outgoing): void {
  const bytes = Buffer.from(out.body, "utf8");
  const half = bytes.subarray(0, Math.max(1, bytes.length >> 1));
  switch (decision.fault) {
    case "drop":
      req.socket.destroy();
      return;
    case "reset":
      res.writeHead(out.status, { ...jsonHeaders(out.headers), "Content-Length": String(bytes.length) });
      res.write(half, () => req.socket.destroy());
      return;
    case "truncate":
      res.writeHead(200, { ...jsonHeaders(out.headers), "Content-Length": String(half.length) });
      res.end(half);
      return;
    default:
      send(res, out);
  }
}

function send(res: ServerResponse, out: Outgoing): void {
  const bytes = Buffer.from(out.body, "utf8");
  res.writeHead(out.status, { ...jsonHeaders(out.headers), "Content-Length": String(bytes.length) });
  res.end(bytes);
}

function jsonHeaders(headers: Record<string, string>): Record<string, string> {
  return { "Content-Type": "application/json; charset=utf-8", ...headers };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw badRequest("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const _ of req) {
    // discard
  }
}

function parseBody(raw: string): object {
  if (raw.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw badRequest("request body is not valid JSON");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw badRequest("request body must be a JSON object");
  return body;
}
