/** How a resource describes one API call to the client's request pipeline. */
import type { z } from "zod";
import type { RequestOptions } from "./types.js";

export interface ApiCall<T> {
  method: "GET" | "POST";
  /** Path under the base URL, e.g. `/orders/10421`. */
  path: string;
  query?: Record<string, string | number | Date | undefined>;
  body?: Record<string, unknown>;
  /** Validates and converts the envelope's `data`. */
  schema: z.ZodType<T>;
}

/** The pipeline: one logical call, retries included. */
export type Send = <T>(call: ApiCall<T>, options?: RequestOptions) => Promise<T>;

/** A path segment with everything but unreserved characters escaped. */
export const segment = (value: string | number): string => encodeURIComponent(String(value));
