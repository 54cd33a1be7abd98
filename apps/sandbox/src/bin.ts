#!/usr/bin/env node
import { runMain } from "@omrecon/cli";
import { sandboxMain } from "./main.js";

/** Resolves on the first SIGINT or SIGTERM, so the servers close cleanly before the exit. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}

await runMain(
  () =>
    sandboxMain(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, untilStopped: untilSignal }),
  { command: "omrecon sandbox" },
);
