/**
 * API requests counted by route and status for the metrics (and named in debug logs): the partner
 * API's path without its query and with ids as `{id}`, the TON API's JSON-RPC method.
 */

export type ApiName = "partner" | "ton";

export interface RequestCount {
  api: ApiName;
  route: string;
  /** The HTTP status, or `error` when no answer came. */
  status: string;
  count: number;
}

export class RequestTally {
  readonly #counts = new Map<string, RequestCount>();

  record(api: ApiName, route: string, status: number | null): void {
    const label = status === null ? "error" : String(status);
    const key = `${api}\u0000${route}\u0000${label}`;
    const entry = this.#counts.get(key);
    if (entry) entry.count++;
    else this.#counts.set(key, { api, route, status: label, count: 1 });
  }

  entries(): RequestCount[] {
    return [...this.#counts.values()].sort(
      (a, b) => a.api.localeCompare(b.api) || a.route.localeCompare(b.route) || a.status.localeCompare(b.status),
    );
  }

  total(api?: ApiName): number {
    let n = 0;
    for (const e of this.#counts.values()) if (api === undefined || e.api === api) n += e.count;
    return n;
  }
}

/** `GET /orders/10421?x=1` → `GET /orders/{id}`: a bounded set of label values. */
export function partnerRoute(method: string, path: string): string {
  const bare = path.split("?")[0] ?? "";
  const route = bare
    .split("/")
    .map((segment) => (/^\d+$/.test(segment) || /^[0-9a-f-]{16,}$/i.test(segment) ? "{id}" : segment))
    .join("/");
  return `${method} ${route || "/"}`;
}
