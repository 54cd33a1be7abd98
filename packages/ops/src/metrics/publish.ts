/**
 * Where the metrics go: a file for node_exporter's textfile collector, written whole or not at all
 * (a temporary name the collector ignores, then a rename in the same folder), and a Pushgateway,
 * PUT through the one sender (the group `job="omrecon"`, replaced whole by each push).
 */
import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { type SendPolicy, type SendResult, send } from "../sender.js";
import { METRICS_CONTENT_TYPE } from "./exposition.js";

/**
 * Why `path` cannot take the metrics file, in words that end the sentence "--metrics-file PATH …",
 * or null when it can: checked before a run, so a typo does not wait for the end of the night.
 */
export function metricsPathProblem(path: string): string | null {
  const dir = dirname(path);
  try {
    if (statSync(path).isDirectory()) return "is a folder; give a file name in it, e.g. omrecon.prom";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") return `: ${dir} is not a folder`;
    if (code !== "ENOENT") return fsWords(error);
  }
  try {
    if (!statSync(dir).isDirectory()) return `: ${dir} is not a folder`;
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? `: the folder ${dir} does not exist` : fsWords(error);
  }
  return null;
}

/** Writes the file whole: readers see the previous version or this one, never half of one. */
export function writeMetricsFile(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { mode: 0o644 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** PUTs the text to `<url>/metrics/job/omrecon` (or to the URL as given when it names a job). */
export async function pushMetrics(
  url: string,
  text: string,
  options: { userAgent: string; policy?: Partial<SendPolicy> },
): Promise<SendResult> {
  const target = /\/metrics\/job\//.test(url) ? url : `${url.replace(/\/+$/, "")}/metrics/job/omrecon`;
  return send(
    {
      method: "PUT",
      url: target,
      headers: { "content-type": METRICS_CONTENT_TYPE, "user-agent": options.userAgent },
      body: text,
    },
    { policy: { timeoutMs: 10_000, deadlineMs: 20_000, maxRetries: 2, ...options.policy } },
  );
}

function fsWords(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return ": permission denied; give a path this user can write";
  if (code === "EROFS") return ": the disk is read-only; give a path on a writable disk";
  if (code === "ENOTDIR") return ": a file stands where a folder must be";
  return `: ${code ?? (error as Error).message}`;
}
