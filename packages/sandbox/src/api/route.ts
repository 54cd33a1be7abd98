/** One endpoint of the simulated API: a method, a path pattern and a handler over the state. */
import type { SandboxState } from "../state.js";
import type { ApiShape } from "./shapes.js";

export interface RouteContext {
  state: SandboxState;
  /** How the API's objects are served (shapes.ts). */
  shape: ApiShape;
  /** Path parameters, already URL-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (POST), or undefined. */
  body: unknown;
  idempotencyKey: string | undefined;
}

export interface Reply {
  status: number;
  data: unknown;
  headers?: Record<string, string>;
  /** True when this request created an order (the sandbox counts real creations). */
  created?: boolean;
}

export interface RouteDef {
  method: "GET" | "POST";
  /** Path under /api/v1 with `{name}` parameters, e.g. `/orders/{id}`. */
  pattern: string;
  handle(ctx: RouteContext): Reply;
}

export interface CompiledRoute extends RouteDef {
  /** `METHOD /pattern`: how counters and faults name the route. */
  key: string;
  regex: RegExp;
  names: string[];
}

export function compile(def: RouteDef): CompiledRoute {
  const names: string[] = [];
  const source = def.pattern.replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { ...def, key: `${def.method} ${def.pattern}`, regex: new RegExp(`^${source}$`), names };
}

/** The first route whose method and pattern match, with its decoded parameters. */
export function match(
  routes: readonly CompiledRoute[],
  method: string,
  path: string,
): { route: CompiledRoute; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.regex.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]!);
    });
    return { route, params };
  }
  return undefined;
}
