/**
 * Injected failures, per route (`METHOD /pattern`, or `*` for every route): random rates drawn from
 * a seeded PRNG, so a seed replays the same failures, and one-shot scripted faults ("the next N
 * requests to this route get this fault") so tests can be exact. Changeable while the server runs.
 */
import { createRandom, type Random } from "../random.js";

/**
 * What a fault does. Before processing: server_error, unavailable, rate_limit, html, error (any
 * envelope, scripted only). After processing: reset, truncate, drop.
 */
export type FaultKind = "server_error" | "unavailable" | "rate_limit" | "html" | "reset" | "truncate" | "drop";

export type ScriptedFault =
  | FaultKind
  | { kind: Exclude<FaultKind, "rate_limit"> }
  | { kind: "rate_limit" /** Seconds or an HTTP date. Default 1. */; retryAfter?: string | number }
  | { kind: "latency"; ms: number }
  /** An error envelope of your choice, e.g. 403 FORBIDDEN, which the sandbox has no other reason to serve. */
  | { kind: "error"; status: number; code: string; message?: string };

export interface FaultRates {
  /** Probability per request of each fault, 0..1; at most one fault per request. */
  server_error?: number;
  unavailable?: number;
  rate_limit?: number;
  html?: number;
  reset?: number;
  truncate?: number;
  drop?: number;
  /** Served with rate_limit: seconds or an HTTP date. Default 1. */
  retryAfter?: string | number;
  /** Added before every request of the route. */
  latencyMs?: number;
}

export interface FaultControl {
  /** Sets the random rates of a route (replacing its previous ones); `*` applies where a route has none. */
  setRates(route: string, rates: FaultRates): void;
  /** The next `count` requests to `route` (or `*`: to any route) get `fault`, before any random one. */
  next(route: string, fault: ScriptedFault, count?: number): void;
  /** Scripted faults not yet served (for `route`, or in all). */
  pending(route?: string): number;
  /** Removes every rate and scripted fault. */
  clear(): void;
  /** Restarts the PRNG. */
  reseed(seed: number): void;
}

export interface Decision {
  fault: FaultKind | "error" | null;
  retryAfter: string;
  latencyMs: number;
  /** For `error`. */
  envelope?: { status: number; code: string; message: string };
}

const KINDS: readonly FaultKind[] = ["server_error", "unavailable", "rate_limit", "html", "reset", "truncate", "drop"];

export class Faults implements FaultControl {
  readonly #rates = new Map<string, FaultRates>();
  readonly #scripted = new Map<string, { fault: Exclude<ScriptedFault, FaultKind> }[]>();
  #random: Random;

  constructor(seed: number) {
    this.#random = createRandom(`faults:${seed}`);
  }

  setRates(route: string, rates: FaultRates): void {
    this.#rates.set(route, { ...rates });
  }

  next(route: string, fault: ScriptedFault, count = 1): void {
    const queue = this.#scripted.get(route) ?? [];
    const normalized = typeof fault === "string" ? { kind: fault } : fault;
    for (let i = 0; i < count; i++) queue.push({ fault: normalized as Exclude<ScriptedFault, FaultKind> });
    this.#scripted.set(route, queue);
  }

  pending(route?: string): number {
    if (route !== undefined) return this.#scripted.get(route)?.length ?? 0;
    let n = 0;
    for (const q of this.#scripted.values()) n += q.length;
    return n;
  }

  clear(): void {
    this.#rates.clear();
    this.#scripted.clear();
  }

  reseed(seed: number): void {
    this.#random = createRandom(`faults:${seed}`);
  }

  /** What happens to one request of `route`. */
  decide(route: string): Decision {
    const rates = this.#rates.get(route) ?? this.#rates.get("*");
    const decision: Decision = {
      fault: null,
      retryAfter: String(rates?.retryAfter ?? 1),
      latencyMs: rates?.latencyMs ?? 0,
    };
    const scripted = this.#scripted.get(route)?.shift() ?? this.#scripted.get("*")?.shift();
    if (scripted) {
      const f = scripted.fault;
      if (f.kind === "latency") decision.latencyMs += f.ms;
      else decision.fault = f.kind;
      if (f.kind === "rate_limit") decision.retryAfter = String(f.retryAfter ?? 1);
      if (f.kind === "error") decision.envelope = { status: f.status, code: f.code, message: f.message ?? f.code };
      return decision;
    }
    if (!rates) return decision;
    const u = this.#random.next();
    let edge = 0;
    for (const kind of KINDS) {
      edge += rates[kind] ?? 0;
      if (u < edge) {
        decision.fault = kind;
        break;
      }
    }
    return decision;
  }
}
