/** The matcher's input for the whole world, read from the chained mirror as `reconcile` reads it. */
import { loadStoredFacts, type MatchInput, type MatchStats } from "@omrecon/reconcile";
import { openStore } from "@omrecon/store";
import { type Fixture, fixturePath, readJson } from "../fixtures.js";
import type { Job } from "../job.js";

export const GRACE_MINUTES = 30;

export function storedStats(job: Job): MatchStats {
  return readJson<MatchStats>(fixturePath(job.workDir, "stats"));
}

export async function loadMatchInput(job: Job, fixture: Fixture = "chained"): Promise<MatchInput> {
  const store = await openStore(fixturePath(job.workDir, fixture));
  try {
    const facts = await loadStoredFacts(store);
    return {
      ...facts,
      window: job.world.window,
      asOf: job.world.window.to,
      stats: storedStats(job),
      options: { toleranceNano: 0n, graceMs: GRACE_MINUTES * 60_000 },
    };
  } finally {
    await store.close();
  }
}

/** A small consistent-enough slice of the input, to warm the JIT up before the clock starts. */
export function sliceInput(input: MatchInput, n: number): MatchInput {
  return {
    ...input,
    orders: input.orders.slice(0, n),
    transfers: input.transfers.slice(0, n),
    balanceTransactions: input.balanceTransactions.slice(0, n),
  };
}
