/** The shape of bench/results.json and of each table row. */
import type { Measurement } from "./job.js";
import type { StageId } from "./options.js";

/** One side (ours or baseline) of a row: medians over the repeats. */
export interface SideResult {
  ms: number;
  /** Every run's time, in run order. */
  runs_ms: number[];
  rows: number;
  rows_per_s: number | null;
  rss_mb: number;
  cpu_ms: number;
  extra: Record<string, unknown>;
}

export interface Check {
  /** What is checked, e.g. "ratio", "requests", "peak RSS". */
  what: string;
  /** The target as people read it, e.g. "≤ 1.5". */
  target: string;
  /** The measured value as printed. */
  value: string;
  ok: boolean;
}

export interface RowResult {
  id: string;
  stage: StageId;
  label: string;
  ours: SideResult;
  baseline: SideResult | null;
  /** ours ÷ baseline time, when there is a baseline. */
  ratio: number | null;
  checks: Check[];
  /** Null when the row has no target (shown for information). */
  ok: boolean | null;
  /** Cells of the table where the generic ones do not fit (request counts, RSS comparisons). */
  cells?: { ours?: string; baseline?: string; ratio?: string };
  note?: string;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Medians of several runs of one side; `rows` from the first run (every run does the same work). */
export function sideOf(runs: readonly Measurement[], rows?: number): SideResult {
  const first = runs[0];
  if (!first) throw new Error("no runs to summarize");
  const ms = median(runs.map((r) => r.ms));
  const n = rows ?? first.rows;
  return {
    ms,
    runs_ms: runs.map((r) => Math.round(r.ms * 10) / 10),
    rows: n,
    rows_per_s: n > 0 && ms > 0 ? Math.round((n / ms) * 1000) : null,
    rss_mb: Math.round(median(runs.map((r) => r.rssMb))),
    cpu_ms: Math.round(median(runs.map((r) => r.cpuMs))),
    extra: first.extra ?? {},
  };
}

export function ratioCheck(ratio: number, limit: number): Check {
  return { what: "ratio", target: `≤ ${limit}`, value: ratio.toFixed(2), ok: ratio <= limit };
}

export function rowOk(checks: readonly Check[]): boolean | null {
  return checks.length === 0 ? null : checks.every((c) => c.ok);
}

/** The row of a stage whose child failed: no numbers, one failed check carrying the reason. */
export function failedRow(stage: StageId, message: string): RowResult {
  const none: SideResult = { ms: 0, runs_ms: [], rows: 0, rows_per_s: null, rss_mb: 0, cpu_ms: 0, extra: {} };
  return {
    id: `${stage}.failed`,
    stage,
    label: stage,
    ours: none,
    baseline: null,
    ratio: null,
    checks: [{ what: "run", target: "completes", value: "failed", ok: false }],
    ok: false,
    cells: { ours: "failed", baseline: "—" },
    note: message,
  };
}
