/** How a resource describes one API call to the client's request pipeline. */
import type { Shape } from "./reader.js";
import type { RequestOptions } from "./types.js";

export interface ApiCall<T> {
  method: "GET" | "POST";
  /** Path under the base URL, e.g. `/orders/10421`. */
  path: string;
  query?: Record<string, string | number | Date | undefined>;
  body?: Record<string, unknown>;
  /** Reads the envelope's `data` (schemas.ts). */
  shape: Shape<T>;
  /** The endpoint always exists: a 404 means the base URL is wrong. */
  fixed?: boolean;
  /** The API may not have the endpoint at all (stats): a 404 is its own answer, never the base URL's fault. */
  optional?: boolean;
  /** A page of a list: it counts against a walk's deadline and page cap (walk.ts). */
  list?: boolean;
}

/** The pipeline: one logical call, retries included. */
export type Send = <T>(call: ApiCall<T>, options?: RequestOptions) => Promise<T>;

/** A path segment with everything but unreserved characters escaped. */
export const segment = (value: string | number): string => encodeURIComponent(String(value));
