/**
 * Progress for long work: one self-overwriting line at the bottom of a terminal (log lines are
 * written above it, status-line.ts), nothing at all elsewhere.
 */
import { statusLineOf } from "./status-line.js";

export interface Progress {
  /** Reports `done` of `total` (when known) units of `label`. */
  update(label: string, done: number, total?: number, unit?: string): void;
  /** Removes the line (before other output, or at the end). */
  clear(): void;
}

export interface CreateProgressOptions {
  /** Default: stderr is a terminal. Pass false under --json and cron. */
  enabled?: boolean;
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Minimum milliseconds between redraws. */
  intervalMs?: number;
  now?: () => number;
}

export const silentProgress: Progress = { update() {}, clear() {} };

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(s % 60).padStart(2, "0")}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

export function createProgress(options: CreateProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (!(options.enabled ?? Boolean(stream.isTTY))) return silentProgress;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 100;
  const started = new Map<string, number>();
  const line = statusLineOf(stream);
  let last = 0;
  return {
    update(label, done, total, unit = "rows") {
      const t = now();
      if (!started.has(label)) started.set(label, t);
      const finished = total !== undefined && done >= total;
      if (!finished && t - last < interval) return;
      last = t;
      let text = `${label}: ${done.toLocaleString("en-US")}`;
      if (total !== undefined && total > 0) {
        const pct = Math.min(100, Math.floor((done / total) * 100));
        text += `/${total.toLocaleString("en-US")} ${unit} ${pct}%`;
        const elapsed = t - (started.get(label) ?? t);
        if (done > 0 && !finished && elapsed > 1000) text += ` ETA ${duration((elapsed / done) * (total - done))}`;
      } else {
        text += ` ${unit}`;
      }
      line.show(text);
    },
    clear() {
      line.clear();
    },
  };
}
