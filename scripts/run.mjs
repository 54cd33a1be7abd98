#!/usr/bin/env node
// Runs one omrecon program from the repository root: builds what it needs first (tsc -b, quiet
// unless it fails, a no-op when nothing changed), then runs the built program in this same process
// so that signals, stdin/stdout and the exit status are the program's own. `pnpm <command> …` lands here.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const programs = {
  sync: ["apps/sync", "dist/bin.js"],
  reconcile: ["apps/reconciler", "dist/bin.js"],
  report: ["apps/report", "dist/bin.js"],
  nightly: ["apps/nightly", "dist/bin.js"],
  demo: ["apps/nightly", "dist/demo-bin.js"],
  sandbox: ["apps/sandbox", "dist/bin.js"],
  bench: ["bench", "dist/main.js"],
};

const [command, ...args] = process.argv.slice(2);
const program = programs[command ?? ""];
if (!program) {
  process.stderr.write(
    `omrecon: unknown command ${JSON.stringify(command)}; one of: ${Object.keys(programs).join(", ")}\n`,
  );
  process.exit(2);
}
const [dir, entry] = program;
const main = join(root, dir, entry);

if (process.env.OMRECON_SKIP_BUILD !== "1") {
  // One `tsc -b` over the program's project references builds every package it needs in a single
  // process (three times faster than one tsc per package) and is a no-op when nothing changed.
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  if (!existsSync(tsc)) {
    process.stderr.write("omrecon: dependencies are not installed; run `npx -y pnpm@10.34.9 install` first\n");
    process.exit(2);
  }
  const built = spawnSync(process.execPath, [tsc, "-b", join(root, dir, "tsconfig.build.json")], {
    cwd: root,
    encoding: "utf8",
  });
  if (built.status !== 0) {
    process.stderr.write(`${built.stdout ?? ""}${built.stderr ?? ""}`);
    process.stderr.write(`omrecon: building ${dir} failed (see above)\n`);
    process.exit(2);
  }
}

process.argv = [process.argv[0] ?? "node", main, ...args];
await import(pathToFileURL(main).href);
