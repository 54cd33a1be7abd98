#!/usr/bin/env node
import { runMain } from "@omrecon/cli";
import { demoMain } from "./demo.js";

await runMain(
  () =>
    demoMain(process.argv.slice(2), {
      env: process.env,
      stdout: process.stdout,
      stderr: process.stderr,
      now: () => new Date(),
      signals: process,
    }),
  { command: "omrecon demo" },
);
