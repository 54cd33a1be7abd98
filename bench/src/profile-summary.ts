#!/usr/bin/env node
/**
 * `node bench/dist/profile-summary.js FILE.cpuprofile [--top N]`: where a `--cpu-prof` profile
 * spent its time — self time per function and per package, largest first. Enough to see which
 * part of a stage is slow without opening DevTools.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** `…/packages/store/dist/orders.js` → `@omrecon/store`; `…/node_modules/kysely/…` → `kysely`. */
function packageOf(url: string): string {
  if (url === "") return "(native / GC / idle)";
  const omrecon = /\/(packages|apps|bench)\/([^/]+)\//.exec(url);
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "/node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (omrecon) return omrecon[1] === "bench" ? "@omrecon/bench" : `@omrecon/${omrecon[2]}`;
  if (url.startsWith("node:")) return "node";
  return url;
}

function summarize(profile: Profile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = profile.endTime - profile.startTime;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const file = url.split("/").slice(-2).join("/");
    const name = `${functionName || "(anonymous)"}  ${file ? `${file}:${lineNumber + 1}` : ""}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const pkg = packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const lines = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, us]) =>
          `  ${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`,
      );
  return [
    `total ${(total / 1000).toFixed(0)} ms`,
    "self time by package:",
    ...lines(byPackage),
    "self time by function:",
    ...lines(byFunction),
  ].join("\n");
}

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node bench/dist/profile-summary.js FILE.cpuprofile [--top N]\n");
  process.exitCode = 2;
} else {
  const top = rest[0] === "--top" ? Number(rest[1] ?? 25) : 25;
  process.stdout.write(`${summarize(JSON.parse(readFileSync(file, "utf8")) as Profile, top)}\n`);
}
