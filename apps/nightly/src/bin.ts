#!/usr/bin/env node
import { runMain } from "@omrecon/cli";
import { nightlyMain } from "./main.js";

await runMain(
  () =>
    nightlyMain(process.argv.slice(2), {
      env: process.env,
      stdout: process.stdout,
      stderr: process.stderr,
      now: () => new Date(),
      signals: process,
    }),
  { command: "omrecon nightly" },
);
