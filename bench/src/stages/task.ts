import type { Job, TaskResult } from "../job.js";

/** One thing a stage child can do: prepare a fixture, or run our code or its baseline. */
export type Task = (job: Job) => Promise<TaskResult>;

/** Milliseconds `fn` took, with its value. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}
