/** What every stage's measurement works with: the options, the world, and a way to run a job. */
import { mkdirSync } from "node:fs";
import type { BenchWorld, Job, Measurement, StageModule } from "./job.js";
import type { BenchOptions } from "./options.js";
import { runJob } from "./run-job.js";
import type { SandboxProcess } from "./sandbox-process.js";

export interface BenchContext {
  options: BenchOptions;
  workDir: string;
  world: BenchWorld;
  /** Null once it is no longer needed (or when no stage needs it). */
  sandbox: SandboxProcess | null;
  /** Where `--cpu-prof` profiles go (kept after the run). */
  profileDir: string;
  progress(message: string): void;
}

/** Runs a task in a child; measured runs get a CPU profile when `--cpu-prof` is on. */
export function runTask(
  ctx: BenchContext,
  module: StageModule,
  task: string,
  options: { args?: Record<string, unknown>; measured?: boolean } = {},
): Promise<Measurement> {
  const job: Job = {
    module,
    task,
    workDir: ctx.workDir,
    world: ctx.world,
    ...(ctx.sandbox && { sandbox: ctx.sandbox.endpoints }),
    ...(options.args && { args: options.args }),
  };
  let cpuProfDir: string | undefined;
  if (ctx.options.cpuProf && options.measured !== false) {
    cpuProfDir = ctx.profileDir;
    mkdirSync(cpuProfDir, { recursive: true });
  }
  return runJob(job, cpuProfDir ? { cpuProfDir } : {});
}

/** `repeat` runs of each side, alternating (ours first: some baselines replay what ours did). */
export async function runPair(
  ctx: BenchContext,
  module: StageModule,
  label: string,
  tasks: { ours: string; baseline: string } = { ours: "ours", baseline: "baseline" },
): Promise<{ ours: Measurement[]; baseline: Measurement[] }> {
  const ours: Measurement[] = [];
  const baseline: Measurement[] = [];
  const r = ctx.options.repeat;
  for (let i = 1; i <= r; i++) {
    ctx.progress(`${label}: ours${r > 1 ? ` ${i}/${r}` : ""}`);
    ours.push(await runTask(ctx, module, tasks.ours));
    ctx.progress(`${label}: baseline${r > 1 ? ` ${i}/${r}` : ""}`);
    baseline.push(await runTask(ctx, module, tasks.baseline));
  }
  return { ours, baseline };
}

/** `repeat` runs of one task. */
export async function runRepeated(ctx: BenchContext, module: StageModule, task: string, label: string) {
  const runs: Measurement[] = [];
  for (let i = 1; i <= ctx.options.repeat; i++) {
    ctx.progress(`${label}${ctx.options.repeat > 1 ? ` ${i}/${ctx.options.repeat}` : ""}`);
    runs.push(await runTask(ctx, module, task));
  }
  return runs;
}
