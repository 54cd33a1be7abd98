/**
 * The run's window, `[from, to)`: orders by `created_at`, chain-only facts by the transfer's
 * `utime`, ledger rows by their `created_at`. Kept in one place because the ground truth of the
 * sandbox scopes findings by exactly these rules.
 */
import { utcIsoMs } from "@omrecon/core";
import type { MatchWindow } from "./types.js";

export interface WindowMs {
  from: number;
  to: number;
}

export function windowMs(window: MatchWindow): WindowMs {
  return { from: Date.parse(window.from), to: Date.parse(window.to) };
}

export function isoInWindow(iso: string, w: WindowMs): boolean {
  const t = isoMs(iso);
  return t >= w.from && t < w.to;
}

export function utimeInWindow(utime: number, w: WindowMs): boolean {
  const t = utime * 1000;
  return t >= w.from && t < w.to;
}

/**
 * `Date.parse(iso)`, read directly for the form the store writes (`toISOString`'s, through core's
 * `utcIsoMs`) and by `Date.parse` for any other: every order's `created_at` is read on every run.
 */
export function isoMs(iso: string): number {
  return utcIsoMs(iso) ?? Date.parse(iso);
}
