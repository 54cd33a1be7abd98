/** Query-string parameters of list endpoints: paging (limit 1..100, larger clamped) and the time window. */
import { instantProblem, parseInstant } from "@omrecon/core";
import { badRequest } from "../sandbox-error.js";

export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 50;

export interface Paging {
  limit: number;
  offset: number;
}

function integer(params: URLSearchParams, name: string): number | undefined {
  const text = params.get(name);
  if (text === null || text === "") return undefined;
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw badRequest(`${name} must be an integer`);
  return Number(text);
}

export function paging(params: URLSearchParams): Paging {
  const limit = integer(params, "limit") ?? DEFAULT_LIMIT;
  const offset = integer(params, "offset") ?? 0;
  if (limit < 1) throw badRequest("limit must be at least 1");
  if (offset < 0) throw badRequest("offset must not be negative");
  return { limit: Math.min(limit, MAX_LIMIT), offset };
}

/** An ISO 8601 instant with Z or an offset (core's strict reader) as epoch ms, or undefined when absent. */
export function instant(params: URLSearchParams, name: string): number | undefined {
  const text = params.get(name);
  if (text === null || text === "") return undefined;
  const ms = parseInstant(text);
  if (Number.isNaN(ms))
    throw badRequest(`${name} must be an ISO 8601 date-time with Z or an offset: ${instantProblem(text)}`);
  return ms;
}

export function window(params: URLSearchParams): { from?: number; to?: number } {
  const from = instant(params, "from");
  const to = instant(params, "to");
  return { ...(from !== undefined && { from }), ...(to !== undefined && { to }) };
}

/** A non-empty string parameter, or undefined when absent. */
export function text(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value === "" ? undefined : value;
}

export function requiredText(params: URLSearchParams, name: string): string {
  const value = text(params, name);
  if (value === undefined) throw badRequest(`${name} is required`);
  return value;
}
