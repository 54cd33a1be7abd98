/**
 * What an endpoint's `data` holds — one object, a page of a list, or an array — read by the
 * declaration of its objects (shape.ts). A list may come as the array itself or as an object
 * holding it under `items`, `results`, `data` or `orders`, with or without `total`
 * (docs/partner-api.md#tolerance); every such assumption about lists is here.
 */
import { shown, typeName } from "./fields.js";
import {
  type Audit,
  type CompiledSpec,
  compile,
  type Difference,
  describeObject,
  type ObjectSpec,
  readObject,
  Sink,
} from "./shape.js";
import type { Page } from "./types.js";

/** Where a list object keeps its rows, in the order they are looked for. [assumed: items] */
export const LIST_KEYS = ["items", "results", "data", "orders"] as const;
/** Where it keeps the count of all rows. `count` is not one: it often means the page's own count. */
export const TOTAL_KEYS = ["total", "total_count"] as const;

export interface Shape<T> {
  /** The declaration of the objects it holds. */
  readonly spec: ObjectSpec;
  readonly container: "object" | "page" | "array";
  /** The data as the client returns it, or undefined when it cannot be used (`audit` says why). */
  read(data: unknown): T | undefined;
  /** Every difference between the data and the declaration. */
  audit(data: unknown): Audit;
}

export function objectShape<T>(spec: ObjectSpec): Shape<T> {
  const c = compile(spec);
  return {
    spec,
    container: "object",
    read: (data) => readObject(c, data, null) as T | undefined,
    audit: (data) => {
      const sink = new Sink();
      readObject(c, data, sink);
      return tagged(sink, describeObject(c, data));
    },
  };
}

/** A page of a list endpoint (`GET /orders`, `GET /balance/transactions`). */
export function pageShape<T>(spec: ObjectSpec): Shape<Page<T>> {
  const c = compile(spec);
  return {
    spec,
    container: "page",
    read: (data) => readList(c, data, null, true) as Page<T> | undefined,
    audit: (data) => auditList(c, data, true),
  };
}

/** An endpoint answering every match at once (`GET /orders/by-reference/{ref}`). */
export function arrayShape<T>(spec: ObjectSpec): Shape<T[]> {
  const c = compile(spec);
  return {
    spec,
    container: "array",
    read: (data) => (readList(c, data, null, false) as Page<T> | undefined)?.items,
    audit: (data) => auditList(c, data, false),
  };
}

function auditList(c: CompiledSpec, data: unknown, paged: boolean): Audit {
  const sink = new Sink();
  const out: Audit = { problems: [], notes: [] };
  readList(c, data, sink, paged, out);
  out.problems.unshift(...sink.problems);
  out.notes.unshift(...sink.notes);
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The rows (and, for a page, `total`, `limit`, `offset` when given). With a sink, the list's own
 * differences go to it and each row's, tagged with the row, to `rows`.
 */
function readList(
  c: CompiledSpec,
  data: unknown,
  sink: Sink | null,
  paged: boolean,
  rows?: Audit,
): Page<Record<string, unknown>> | undefined {
  let list: unknown;
  let total: number | null = null;
  let limit: number | null = null;
  let offset: number | null = null;
  if (Array.isArray(data)) {
    list = data;
    if (paged)
      sink?.note("shape", "data", "is the list itself, without a total (accepted: the walk reads to a short page)");
  } else if (isObject(data)) {
    let holder: string | undefined;
    for (const key of LIST_KEYS) {
      if (Array.isArray(data[key])) {
        holder = key;
        list = data[key];
        break;
      }
    }
    if (holder === undefined) {
      sink?.problem("missing", "data", `holds no list (looked for ${LIST_KEYS.join(", ")})`);
      return undefined;
    }
    if (holder !== LIST_KEYS[0]) sink?.note("shape", `data.${holder}`, "holds the list (accepted)");
    if (paged) {
      const t = counted(data, TOTAL_KEYS, sink);
      if (t === undefined) return undefined;
      total = t;
      if (total === null) sink?.note("shape", "data.total", "is absent (accepted: the walk reads to a short page)");
      // Only the walk's own bookkeeping, never trusted for where the list ends: taken when usable.
      limit = wholeOrNull(data.limit);
      offset = wholeOrNull(data.offset);
    }
  } else {
    sink?.problem("mistyped", "data", `is ${typeName(data)}, not a list`);
    return undefined;
  }
  const input = list as unknown[];
  const items = new Array<Record<string, unknown>>(input.length);
  let failed = false;
  for (let i = 0; i < input.length; i++) {
    if (rows === undefined) {
      const item = readObject(c, input[i], null);
      if (item === undefined) return undefined;
      items[i] = item;
    } else {
      const own = new Sink();
      const item = readObject(c, input[i], own);
      if (item === undefined) failed = true;
      else items[i] = item;
      const where = `${describeObject(c, input[i])} (item ${i + 1})`;
      for (const d of own.problems) rows.problems.push({ ...d, where });
      for (const d of own.notes) rows.notes.push({ ...d, where });
    }
  }
  return failed ? undefined : { items, total, limit, offset };
}

/** A whole number ≥ 0 under the first of `keys` present; null when none is; undefined when mistyped. */
function counted(data: Record<string, unknown>, keys: readonly string[], sink: Sink | null): number | null | undefined {
  for (const key of keys) {
    const v = data[key];
    if (v === undefined || v === null) continue;
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return v;
    sink?.problem("mistyped", `data.${key}`, `is ${shown(v)}, not a whole number ≥ 0`);
    return undefined;
  }
  return null;
}

function wholeOrNull(v: unknown): number | null {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : null;
}

function tagged(sink: Sink, where: string): Audit {
  const tag = (d: Difference): Difference => ({ ...d, where });
  return { problems: sink.problems.map(tag), notes: sink.notes.map(tag) };
}
