#!/usr/bin/env node
import { runMain } from "@omrecon/cli";
import { reconcileMain } from "./main.js";

await runMain(
  () =>
    reconcileMain(process.argv.slice(2), {
      env: process.env,
      stdout: process.stdout,
      stderr: process.stderr,
      now: () => new Date(),
      signals: process,
    }),
  { command: "omrecon reconcile" },
);
