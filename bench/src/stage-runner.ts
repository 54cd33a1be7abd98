/**
 * Child-process entry: runs one task of one stage and reports its time, rows, peak RSS and CPU
 * through IPC. Each task gets a fresh process, so its peak RSS is its own and no other stage's
 * heap or JIT state leaks into it.
 */
import type { ChildMessage, Job, Measurement, TaskResult } from "./job.js";
import type { Task } from "./stages/task.js";

async function load(job: Job): Promise<Task> {
  const tasks: Record<string, Task> = await import(`./stages/${job.module}.js`).then(
    (m: { tasks: Record<string, Task> }) => m.tasks,
  );
  const task = tasks[job.task];
  if (!task) throw new Error(`stage ${job.module} has no task ${job.task}`);
  return task;
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      process.stdout.write(`${JSON.stringify(message)}\n`);
      resolve();
      return;
    }
    process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? "null") as Job;
  try {
    const task = await load(job);
    const result: TaskResult = await task(job);
    const usage = process.resourceUsage();
    const measurement: Measurement = {
      ...result,
      rssMb: usage.maxRSS / 1024,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    };
    await send({ type: "result", result: measurement });
  } catch (error) {
    const e = error as Error;
    await send({ type: "error", message: e?.message ?? String(error), ...(e?.stack && { stack: e.stack }) });
    process.exitCode = 1;
  }
  // A task may leave a keep-alive socket or a timer behind; the measurement is already sent.
  process.exit();
}

await main();
