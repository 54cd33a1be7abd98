#!/usr/bin/env node
// Runs the omrecon program from the repository root: builds what it needs first (tsc -b over its
// project references, quiet unless it fails, a no-op when nothing changed), then runs the built
// program in this same process so that signals, stdin/stdout and the exit status are the program's
// own. `pnpm omrecon …` lands here with the command in the arguments; `pnpm sync …` and the other
// aliases with the command first. OMRECON_SKIP_BUILD=1 runs what is built as it is.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const app = join(root, "apps", "omrecon");
const main = join(app, "dist", "bin.js");

if (process.env.OMRECON_SKIP_BUILD !== "1") {
  // One `tsc -b` over the program's project references builds every package it needs in a single
  // process (three times faster than one tsc per package) and is a no-op when nothing changed.
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  if (!existsSync(tsc)) {
    process.stderr.write("omrecon: dependencies are not installed; run `npx -y pnpm@10.34.9 install` first\n");
    process.exit(2);
  }
  const built = spawnSync(process.execPath, [tsc, "-b", join(app, "tsconfig.build.json")], {
    cwd: root,
    encoding: "utf8",
  });
  if (built.status !== 0) {
    process.stderr.write(`${built.stdout ?? ""}${built.stderr ?? ""}`);
    process.stderr.write("omrecon: building apps/omrecon failed (see above)\n");
    process.exit(2);
  }
} else if (!existsSync(main)) {
  process.stderr.write(
    "omrecon: apps/omrecon is not built; run `npx -y pnpm@10.34.9 build`, or unset OMRECON_SKIP_BUILD\n",
  );
  process.exit(2);
}

process.argv = [process.argv[0] ?? "node", main, ...process.argv.slice(2)];
await import(pathToFileURL(main).href);
