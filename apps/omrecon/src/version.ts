import { readFileSync } from "node:fs";

/** This package's version, read from its package.json (beside `src/` and `dist/` alike). */
export function omreconVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: unknown };
  return typeof pkg.version === "string" ? pkg.version : "unknown";
}

/** `omrecon --version`: what a bug report needs, on one line. */
export function versionLine(): string {
  return `omrecon ${omreconVersion()} (Node.js ${process.version}, ${process.platform}-${process.arch})\n`;
}

/** `omrecon --version --json`. */
export function versionJson(): string {
  return `${JSON.stringify({ omrecon: omreconVersion(), node: process.versions.node, platform: `${process.platform}-${process.arch}` })}\n`;
}
