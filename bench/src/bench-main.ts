/**
 * `omrecon bench` (`pnpm bench`): every stage of omrecon against a raw baseline, side by side, over
 * a sandbox world. The omrecon program dispatches here; the work is in orchestrate.ts.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Io } from "@omrecon/cli";
import { BENCH_HELP, parseBenchOptions } from "./options.js";
import { BENCH_ROOT, runBench } from "./orchestrate.js";
import { formatMarkdown, formatTable } from "./table.js";

/** Runs the bench; returns the exit status (1 under --check when a target is missed). */
export async function benchMain(argv: readonly string[], io: Io): Promise<number> {
  const options = parseBenchOptions(argv, Boolean(io.stderr.isTTY));
  if (options.help) {
    io.stdout.write(BENCH_HELP);
    return 0;
  }
  const started = Date.now();
  const progress = options.progress
    ? (message: string) =>
        io.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`)
    : () => {};
  const results = await runBench(options, progress);
  const path = options.resultsPath ?? join(BENCH_ROOT, "results.json");
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  const markdown = options.markdown ? `${formatMarkdown(results)}\n\n` : "";
  const table = `${formatTable(results)}\n${markdown}results: ${path}\n`;
  if (options.json) {
    io.stderr.write(table);
    io.stdout.write(`${JSON.stringify(results)}\n`);
  } else {
    io.stdout.write(table);
  }
  return options.check && !results.ok ? 1 : 0;
}
