#!/usr/bin/env node
/**
 * `pnpm bench`: every stage of omrecon against a raw baseline, side by side, over a sandbox world.
 * The only place the bench exits; the work is in orchestrate.ts.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runMain } from "@omrecon/cli";
import { BENCH_HELP, parseBenchOptions } from "./options.js";
import { BENCH_ROOT, runBench } from "./orchestrate.js";
import { formatMarkdown, formatTable } from "./table.js";

await runMain(
  async () => {
    const options = parseBenchOptions(process.argv.slice(2), Boolean(process.stderr.isTTY));
    if (options.help) {
      process.stdout.write(BENCH_HELP);
      return 0;
    }
    const started = Date.now();
    const progress = options.progress
      ? (message: string) =>
          process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`)
      : () => {};
    const results = await runBench(options, progress);
    const path = options.resultsPath ?? join(BENCH_ROOT, "results.json");
    writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
    const markdown = options.markdown ? `${formatMarkdown(results)}\n\n` : "";
    const table = `${formatTable(results)}\n${markdown}results: ${path}\n`;
    if (options.json) {
      process.stderr.write(table);
      process.stdout.write(`${JSON.stringify(results)}\n`);
    } else {
      process.stdout.write(table);
    }
    return options.check && !results.ok ? 1 : 0;
  },
  { command: "omrecon bench" },
);
