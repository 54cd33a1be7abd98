#!/usr/bin/env node
// Fails (exit 1) when a package other than @omrecon/store speaks SQL: imports kysely,
// better-sqlite3 or pg (pg-cursor) in its sources, or imports the store's test-only door (`@omrecon/store/testing`)
// there. The store is the only gateway to the data, so a schema change has one place to
// look; `pnpm lint` runs this after Biome.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const DRIVERS = ["kysely", "better-sqlite3", "pg", "pg-cursor"];
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
// import … from "x", import "x", export … from "x", import("x"), require("x"); subpaths too.
const specifier = (name) =>
  new RegExp(
    String.raw`(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']${name.replace("-", "\\-")}(?:/[^"']*)?["']`,
  );
const DRIVER_IMPORTS = DRIVERS.map((name) => [name, specifier(name)]);
const TEST_ONLY = specifier("@omrecon/store/testing");

function* sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry === "node_modules" || entry === "dist") continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(entry)) yield path;
  }
}

const problems = [];
for (const group of ["packages", "apps"]) {
  for (const name of readdirSync(join(root, group))) {
    const pkg = `${group}/${name}`;
    if (pkg === "packages/store") continue;
    for (const file of sourceFiles(join(root, pkg, "src"))) {
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        const where = `${relative(root, file)}:${i + 1}`;
        for (const [driver, pattern] of DRIVER_IMPORTS) {
          if (pattern.test(line)) {
            problems.push(`${where}: imports ${driver}; only packages/store may speak SQL: add a function there`);
          }
        }
        if (TEST_ONLY.test(line)) {
          problems.push(`${where}: imports @omrecon/store/testing, which is for tests: add a store function`);
        }
      });
    }
  }
}

if (problems.length > 0) {
  process.stderr.write(`${problems.join("\n")}\ncheck-boundaries: ${problems.length} problem(s)\n`);
  process.exit(1);
}
process.stdout.write("check-boundaries: only packages/store speaks SQL\n");
