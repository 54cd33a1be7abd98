/**
 * One bench run: the world (sandbox process), the stages in pipeline order with the fixtures each
 * needs, and the results document. A stage not asked for still runs, unmeasured, when a later one
 * needs what it leaves (a mirror), unless `--work` already holds it.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "@omrecon/cli";
import { type BenchContext, runTask } from "./bench-context.js";
import { type Fixture, fixturePath, hasFixture, readJson, removeDb } from "./fixtures.js";
import type { BenchWorld } from "./job.js";
import { type MachineInfo, machineInfo } from "./machine.js";
import { measurePostgres } from "./measure-postgres.js";
import { measureChain, measureMatch, measureReport, measureStore, measureSync } from "./measure-stages.js";
import type { BenchOptions, StageId } from "./options.js";
import { failedRow, type RowResult } from "./results.js";
import { JobError } from "./run-job.js";
import { startSandboxProcess } from "./sandbox-process.js";
import { type SourceState, sourceState } from "./source-state.js";
import { TARGETS } from "./targets.js";
import { BENCH_DAYS, BENCH_NOW_MS, type WorldInfo } from "./world.js";

export const BENCH_ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface BenchResults {
  generated_at: string;
  machine: MachineInfo;
  /** The code measured (read when the run starts). */
  source: SourceState;
  options: { seed: number; orders: number; days: number; now: string; repeat: number; stages: StageId[] };
  world: WorldInfo;
  targets: typeof TARGETS;
  rows: RowResult[];
  /** Every target of the rows that ran was met. */
  ok: boolean;
  duration_ms: number;
}

/** What each stage reads, and what it leaves for later stages. */
const NEEDS: Record<StageId, Fixture[]> = {
  sync: [],
  chain: ["synced"],
  store: ["synced"],
  match: ["chained", "stats", "truth"],
  report: ["reconciled"],
  postgres: ["synced", "chained", "stats"],
};
/** The fixture a stage (re)creates, and those built from it that it makes stale. */
const MAKES: Partial<Record<StageId, { fixture: Fixture; stale: Fixture[] }>> = {
  sync: { fixture: "synced", stale: ["chained", "reconciled"] },
  chain: { fixture: "chained", stale: ["reconciled"] },
  match: { fixture: "reconciled", stale: [] },
};
/** How to make a missing fixture without measuring. */
const PREPARE: Partial<
  Record<Fixture, { module: "sync" | "chain" | "reconcile"; needs: Fixture[]; sandbox: boolean }>
> = {
  synced: { module: "sync", needs: [], sandbox: true },
  stats: { module: "sync", needs: [], sandbox: true },
  chained: { module: "chain", needs: ["synced"], sandbox: true },
  reconciled: { module: "reconcile", needs: ["chained", "stats"], sandbox: false },
};

const MEASURE: Record<StageId, (ctx: BenchContext) => Promise<RowResult[]>> = {
  sync: measureSync,
  chain: measureChain,
  store: measureStore,
  match: measureMatch,
  report: measureReport,
  postgres: measurePostgres,
};

/** Fixtures that must be made, in order, before `stage` can run (given what exists by then). */
function missingBefore(stage: StageId, workDir: string, made: Set<Fixture>): Fixture[] {
  const out: Fixture[] = [];
  const visit = (f: Fixture) => {
    if (made.has(f) || out.includes(f) || hasFixture(workDir, f)) return;
    for (const n of PREPARE[f]?.needs ?? []) visit(n);
    out.push(f);
  };
  for (const f of NEEDS[stage]) visit(f);
  return out;
}

function planNeedsSandbox(options: BenchOptions, workDir: string): { needed: boolean; lastUse: number } {
  // Simulate the run: which steps need the servers, and when is the last one?
  const made = new Set<Fixture>();
  let lastUse = -1;
  if (!hasFixture(workDir, "world") || !hasFixture(workDir, "truth")) lastUse = 0;
  options.stages.forEach((stage, i) => {
    for (const f of missingBefore(stage, workDir, made)) {
      if (PREPARE[f]?.sandbox) lastUse = i;
      made.add(f);
    }
    if (stage === "sync" || stage === "chain") lastUse = i;
    const makes = MAKES[stage];
    if (makes) made.add(makes.fixture);
    if (stage === "sync") made.add("stats");
  });
  return { needed: lastUse >= 0, lastUse };
}

export async function runBench(options: BenchOptions, progress: (message: string) => void): Promise<BenchResults> {
  const started = performance.now();
  const source = sourceState(BENCH_ROOT);
  const workDir = options.workDir ?? join(BENCH_ROOT, "out", `run-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  if (hasFixture(workDir, "world")) {
    const w = readJson<WorldInfo>(fixturePath(workDir, "world"));
    if (w.seed !== options.seed || w.orders !== options.orders || w.days !== BENCH_DAYS || w.nowMs !== BENCH_NOW_MS) {
      throw new UsageError(
        `--work ${workDir} holds another world (seed ${w.seed}, ${w.orders} orders); use another folder or delete it`,
      );
    }
  }

  const plan = planNeedsSandbox(options, workDir);
  const ctx: BenchContext = {
    options,
    workDir,
    world: undefined as unknown as BenchWorld,
    sandbox: null,
    profileDir: options.workDir ? join(options.workDir, "profiles") : join(BENCH_ROOT, "out", "profiles"),
    progress,
  };
  let world: WorldInfo;
  if (plan.needed) {
    progress(
      `world: generating ${options.orders.toLocaleString("en-US")} orders (seed ${options.seed}) and starting the sandbox`,
    );
    ctx.sandbox = await startSandboxProcess({
      seed: options.seed,
      orders: options.orders,
      days: BENCH_DAYS,
      nowMs: BENCH_NOW_MS,
      workDir,
    });
    world = ctx.sandbox.world;
  } else {
    world = readJson<WorldInfo>(fixturePath(workDir, "world"));
  }
  ctx.world = { seed: world.seed, orders: world.orders, days: world.days, nowMs: world.nowMs, window: world.window };

  const rows: RowResult[] = [];
  const made = new Set<Fixture>();
  try {
    for (const [i, stage] of options.stages.entries()) {
      for (const f of missingBefore(stage, workDir, made)) {
        const prepare = PREPARE[f];
        if (!prepare) throw new Error(`${stage} needs ${f}, which only the sandbox host writes`);
        progress(`${stage}: preparing ${f} (not measured)`);
        await runTask(ctx, prepare.module, "ours", { measured: false });
        made.add(f);
      }
      const makes = MAKES[stage];
      if (makes) for (const f of makes.stale) removeDb(fixturePath(workDir, f));
      try {
        rows.push(...(await MEASURE[stage](ctx)));
      } catch (error) {
        // One stage failing (a child out of memory, say) must not throw away a long run's other rows.
        if (!(error instanceof JobError)) throw error;
        progress(`${stage}: ${error.message}`);
        rows.push(failedRow(stage, error.message));
      }
      if (makes) made.add(makes.fixture);
      if (i >= plan.lastUse && ctx.sandbox) {
        await ctx.sandbox.stop();
        ctx.sandbox = null;
      }
    }
  } finally {
    await ctx.sandbox?.stop();
    if (options.workDir === null) rmSync(workDir, { recursive: true, force: true });
  }

  return {
    generated_at: new Date().toISOString(),
    machine: machineInfo(),
    source,
    options: {
      seed: options.seed,
      orders: options.orders,
      days: BENCH_DAYS,
      now: new Date(BENCH_NOW_MS).toISOString(),
      repeat: options.repeat,
      stages: options.stages,
    },
    world,
    targets: TARGETS,
    rows,
    ok: rows.every((r) => r.ok !== false),
    duration_ms: Math.round(performance.now() - started),
  };
}
