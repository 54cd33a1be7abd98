/** The orchestrator's handle on the sandbox host process. */
import { fork } from "node:child_process";
import type { SandboxEndpoints } from "./job.js";
import type { HostArgs, HostMessage, HostRequest, RequestCounts } from "./sandbox-host.js";
import type { WorldInfo } from "./world.js";

export interface SandboxProcess {
  endpoints: SandboxEndpoints;
  world: WorldInfo;
  /** Requests both servers have seen so far. */
  counts(): Promise<RequestCounts>;
  stop(): Promise<void>;
}

export function startSandboxProcess(args: HostArgs): Promise<SandboxProcess> {
  const child = fork(new URL("./sandbox-host.js", import.meta.url), [JSON.stringify(args)], {
    // The child's stdout goes to our stderr: stdout is for the results (`--json`) alone.
    stdio: ["ignore", 2, 2, "ipc"],
  });
  const waiting = new Map<number, (counts: RequestCounts) => void>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  return new Promise((resolve, reject) => {
    child.once("exit", (code, signal) =>
      reject(new Error(`the sandbox process ended (${signal ?? code}) before it was ready`)),
    );
    child.on("message", (message: HostMessage) => {
      if (message.type === "error") reject(new Error(`sandbox: ${message.message}`));
      else if (message.type === "counts") waiting.get(message.id)?.(message.counts);
      else if (message.type === "ready") {
        resolve({
          endpoints: message.endpoints,
          world: message.world,
          counts: () =>
            new Promise<RequestCounts>((done) => {
              const id = nextId++;
              waiting.set(id, (counts) => {
                waiting.delete(id);
                done(counts);
              });
              child.send({ type: "counts", id } satisfies HostRequest);
            }),
          stop: async () => {
            if (child.exitCode === null && child.connected) child.send({ type: "stop" } satisfies HostRequest);
            await exited;
          },
        });
      }
    });
  });
}
