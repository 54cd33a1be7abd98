/** `promtool check metrics` (Debian's prometheus package), when installed: what Prometheus itself says of our text. */
import { spawnSync } from "node:child_process";

export const PROMTOOL = ["/usr/bin/promtool", "/usr/local/bin/promtool"].find(
  (p) => spawnSync(p, ["--version"]).status === 0,
);

export function promtoolCheck(text: string): { status: number | null; output: string } {
  const run = spawnSync(PROMTOOL!, ["check", "metrics"], { input: text, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}
