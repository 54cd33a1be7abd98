/**
 * What the orchestrator asks a stage child to do, and what the child answers. Plain JSON both
 * ways: the job travels as the child's one argument, the answer as one IPC message.
 */

/** Where the sandbox is and which world it serves; written once by the sandbox host. */
export interface BenchWorld {
  seed: number;
  orders: number;
  days: number;
  /** The world's present, epoch ms: the sandbox clock stands still there. */
  nowMs: number;
  /** The world's whole window, ISO 8601. */
  window: { from: string; to: string };
}

export interface SandboxEndpoints {
  apiUrl: string;
  apiKey: string;
  tonEndpoint: string;
}

/** One measured (or preparatory) task in its own process. */
export interface Job {
  /** Stage module under `stages/`, e.g. `sync`. */
  module: StageModule;
  /** Task exported by that module, e.g. `ours`, `baseline`, `incremental`. */
  task: string;
  workDir: string;
  world: BenchWorld;
  /** Absent when the task needs no network. */
  sandbox?: SandboxEndpoints;
  /** Task-specific arguments. */
  args?: Record<string, unknown>;
}

export type StageModule = "store" | "sync" | "chain" | "match" | "reconcile" | "report" | "postgres";

/** What a task returns; the runner adds the process's own numbers. */
export interface TaskResult {
  /** Wall time of the measured part, ms. */
  ms: number;
  /** Units of work done (orders, transfers, …) for rows/s. */
  rows: number;
  /** Anything worth printing or checking: request counts, findings, … */
  extra?: Record<string, unknown>;
}

export interface Measurement extends TaskResult {
  /** Peak resident set of the whole child process, MiB. */
  rssMb: number;
  /** User + system CPU time of the whole child process, ms. */
  cpuMs: number;
}

export type ChildMessage = { type: "result"; result: Measurement } | { type: "error"; message: string; stack?: string };
