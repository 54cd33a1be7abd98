#!/usr/bin/env node
// Fails (exit 1) when a link in the repository's Markdown, or a `docs/<page>.md#<section>` that a
// source comment cites, does not resolve inside the repository: a missing file, a path above the
// root, or a section no heading of that page makes. `pnpm lint` runs it, so a renamed heading
// cannot leave the code pointing at nothing.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tracked = (...patterns) =>
  execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "--", ...patterns], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\n")
    .filter((f) => f !== "" && !f.includes("node_modules/") && existsSync(join(root, f)));

// GitHub's heading slugs: lower case, punctuation dropped, spaces to hyphens.
const slug = (heading) =>
  heading
    .replace(/[`*]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, "")
    .replace(/ /g, "-");
const sections = new Map();
function sectionsOf(file) {
  if (!sections.has(file)) {
    const text = readFileSync(join(root, file), "utf8").replace(/```[\s\S]*?```/g, "");
    const found = new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1])));
    for (const m of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) found.add(m[1]);
    sections.set(file, found);
  }
  return sections.get(file);
}

const problems = [];
function check(from, target, section, shown) {
  const where = normalize(target);
  if (where.startsWith("..")) return problems.push(`${from}: ${shown} points outside the repository`);
  if (!existsSync(join(root, where))) return problems.push(`${from}: ${shown}: no such file`);
  if (section && where.endsWith(".md") && !sectionsOf(where).has(section)) {
    problems.push(`${from}: ${shown}: no heading makes #${section} in ${where}`);
  }
}

for (const file of tracked("*.md", "*.ts", "*.mjs")) {
  const text = readFileSync(join(root, file), "utf8");
  if (file.endsWith(".md")) {
    for (const m of text.replace(/```[\s\S]*?```/g, "").matchAll(/\]\(([^)\s]+)\)/g)) {
      const link = m[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue;
      const [path, section] = link.split("#");
      const target = path === "" ? file : relative(root, join(root, dirname(file), path));
      check(file, target, section, link);
    }
  }
  for (const m of text.matchAll(/(?<![\w./-])docs\/([\w.-]+\.md)(?:#([\w-]+))?/g)) {
    check(file, `docs/${m[1]}`, m[2], m[0]);
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  console.error(`check-links: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log("check-links: every link and docs/ citation resolves inside the repository");
