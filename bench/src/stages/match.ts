/**
 * Match: the pure matcher over every order, transfer and ledger row of the world, already in
 * memory (read from the chained mirror before the clock starts, as `reconcile` reads it). Baseline:
 * the least a reconciler can do — group deposits by memo in a Map, compare each order's sum with
 * its price. Peak RSS covers the whole process: the loaded input and the matching.
 */
import type { MatchInput } from "@omrecon/reconcile";
import { match } from "@omrecon/reconcile";
import { fixturePath, readJson } from "../fixtures.js";
import { loadMatchInput, sliceInput } from "./match-input.js";
import { type Task, timed } from "./task.js";

const WARM_UP_ROWS = 5_000;

/** Group by memo, compare sums: matched, short, over, or no money at all. */
function minimalMatch(input: MatchInput): { matched: number; short: number; over: number; unpaid: number } {
  const paid = new Map<string, bigint>();
  for (const t of input.transfers) {
    if (t.comment === null || t.value_nano <= 0n) continue;
    paid.set(t.comment, (paid.get(t.comment) ?? 0n) + t.value_nano);
  }
  const counts = { matched: 0, short: 0, over: 0, unpaid: 0 };
  for (const o of input.orders) {
    if (o.payment_memo === null) continue;
    const sum = paid.get(o.payment_memo);
    if (sum === undefined) counts.unpaid++;
    else if (sum === o.price_nano) counts.matched++;
    else if (sum < o.price_nano) counts.short++;
    else counts.over++;
  }
  return counts;
}

const ours: Task = async (job) => {
  const input = await loadMatchInput(job);
  match(sliceInput(input, WARM_UP_ROWS));
  const { ms, value: result } = await timed(() => match(input));
  // The bench world's ground truth: the matcher must find exactly what was planted.
  const truth = new Set(readJson<string[]>(fixturePath(job.workDir, "truth")));
  const found = new Set(result.findings.map((f) => f.key));
  const missing = [...truth].filter((k) => !found.has(k)).length;
  const extra = [...found].filter((k) => !truth.has(k)).length;
  return {
    ms,
    rows: input.orders.length,
    extra: {
      transfers: input.transfers.length,
      findings: result.findings.length,
      matched: result.totals.matched,
      truth_missing: missing,
      truth_extra: extra,
    },
  };
};

const baseline: Task = async (job) => {
  const input = await loadMatchInput(job);
  minimalMatch(sliceInput(input, WARM_UP_ROWS));
  const { ms, value: counts } = await timed(() => minimalMatch(input));
  return { ms, rows: input.orders.length, extra: { ...counts } };
};

export const tasks: Record<string, Task> = { ours, baseline };
