#!/usr/bin/env node
// Runs one omrecon program from the repository root: builds what it needs first (turbo, cached,
// quiet unless it fails), then runs the built program in this same process so that signals,
// stdin/stdout and the exit status are the program's own. `pnpm <command> …flags` lands here.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const programs = {
  sync: ["@omrecon/app-sync", "apps/sync/dist/bin.js"],
  reconcile: ["@omrecon/app-reconciler", "apps/reconciler/dist/bin.js"],
  report: ["@omrecon/app-report", "apps/report/dist/bin.js"],
  nightly: ["@omrecon/app-nightly", "apps/nightly/dist/bin.js"],
  demo: ["@omrecon/app-nightly", "apps/nightly/dist/demo-bin.js"],
  sandbox: ["@omrecon/app-sandbox", "apps/sandbox/dist/bin.js"],
  bench: ["@omrecon/bench", "bench/dist/main.js"],
};

const [command, ...args] = process.argv.slice(2);
const program = programs[command ?? ""];
if (!program) {
  process.stderr.write(
    `omrecon: unknown command ${JSON.stringify(command)}; one of: ${Object.keys(programs).join(", ")}\n`,
  );
  process.exit(2);
}
const [pkg, entry] = program;

if (process.env.OMRECON_SKIP_BUILD !== "1") {
  const turbo = join(root, "node_modules", ".bin", process.platform === "win32" ? "turbo.cmd" : "turbo");
  if (!existsSync(turbo)) {
    process.stderr.write("omrecon: dependencies are not installed; run `npx -y pnpm@10.34.9 install` first\n");
    process.exit(2);
  }
  const built = spawnSync(turbo, ["run", "build", `--filter=${pkg}...`, "--output-logs=errors-only"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" },
  });
  if (built.status !== 0) {
    process.stderr.write(`${built.stdout ?? ""}${built.stderr ?? ""}`);
    process.stderr.write(`omrecon: building ${pkg} failed (see above)\n`);
    process.exit(2);
  }
}

process.argv = [process.argv[0] ?? "node", join(root, entry), ...args];
await import(pathToFileURL(join(root, entry)).href);
