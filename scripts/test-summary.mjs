#!/usr/bin/env node
// Sums every package's vitest JSON report (test-results.json) into CI's closing line,
// `tests: N passed, N failed`. A package with a test script but no report counts as a failure,
// and so does a test file that failed to load. Skipped tests are listed (a test that cannot get
// its tool, LibreOffice or Chromium say, skips and names why in its title), so a skip is never
// silent. Exit status 1 when anything failed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const quiet = process.argv.includes("--quiet");
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
const skips = new Map();
for (const group of ["packages", "apps"]) {
  const base = join(root, group);
  if (!existsSync(base)) continue;
  for (const name of readdirSync(base)) {
    const dir = join(base, name);
    const pkgFile = join(dir, "package.json");
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
    if (!pkg.scripts?.test) continue;
    const report = join(dir, "test-results.json");
    if (!existsSync(report)) {
      failed += 1;
      problems.push(`${pkg.name}: no test report (the test run did not finish)`);
      continue;
    }
    const r = JSON.parse(readFileSync(report, "utf8"));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    for (const file of r.testResults ?? []) {
      for (const a of file.assertionResults ?? []) {
        if (a.status !== "skipped" && a.status !== "pending" && a.status !== "todo") continue;
        skipped += 1;
        // One line per describe block: its tests skip for one reason.
        const where = `${pkg.name}: ${[...(a.ancestorTitles ?? [])].join(" > ") || a.title}`;
        skips.set(where, (skips.get(where) ?? 0) + 1);
      }
      const failedInside = (file.assertionResults ?? []).some((a) => a.status === "failed");
      if (file.status === "failed" && !failedInside) {
        failed += 1;
        problems.push(
          `${pkg.name}: ${file.name.replace(root + "/", "")} failed to run: ${String(file.message ?? "").split("\n")[0]}`,
        );
      }
    }
  }
}
if (!quiet) {
  for (const p of problems) console.log(`  ! ${p}`);
  for (const [where, n] of skips) console.log(`  skipped ${n}: ${where}`);
}
if (skipped > 0) console.log(`skipped: ${skipped} (listed above; each names why it could not run)`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
