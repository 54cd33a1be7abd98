/** Runs one job in a fresh child process and returns its measurement. */
import { fork } from "node:child_process";
import type { ChildMessage, Job, Measurement } from "./job.js";

export interface RunJobOptions {
  /** Write a V8 CPU profile of the child (`node --cpu-prof`) into this folder. */
  cpuProfDir?: string;
}

export class JobError extends Error {
  override name = "JobError";
}

export function runJob(job: Job, options: RunJobOptions = {}): Promise<Measurement> {
  const name = `${job.module}.${job.task}`;
  const execArgv = options.cpuProfDir
    ? ["--cpu-prof", "--cpu-prof-dir", options.cpuProfDir, "--cpu-prof-name", `${name}.${Date.now()}.cpuprofile`]
    : [];
  const child = fork(new URL("./stage-runner.js", import.meta.url), [JSON.stringify(job)], {
    execArgv,
    // The child's stdout goes to our stderr: stdout is for the results (`--json`) alone.
    stdio: ["ignore", 2, 2, "ipc"],
  });
  return new Promise((resolve, reject) => {
    let outcome: ChildMessage | undefined;
    child.on("message", (message: ChildMessage) => {
      outcome = message;
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (outcome?.type === "result") resolve(outcome.result);
      else if (outcome?.type === "error") {
        const detail = process.env.OMRECON_DEBUG === "1" && outcome.stack ? `\n${outcome.stack}` : "";
        reject(new JobError(`${name} failed: ${outcome.message}${detail}`));
      } else reject(new JobError(`${name} ended (${signal ?? `exit ${code}`}) without a result`));
    });
  });
}
