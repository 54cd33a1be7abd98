/**
 * The output folder: created when missing, refused in one line when it cannot take the files (a file
 * in its place, no permission, a read-only disk), and cleared of the temporary files a killed report
 * left (a dead report's leftovers are removed by the next report into that folder: docs/cli.md#report-files).
 */
import { accessSync, constants, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { ReportOutputError } from "./errors.js";

const TEMPORARY = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

export function prepareOutDir(out: string): { removed: string[] } {
  const kind = statKind(out);
  if (kind === "other") {
    throw new ReportOutputError(`--out ${out} is a file, not a folder; pass a folder (it is created if missing)`);
  }
  try {
    if (kind === "missing") makeFolder(out);
    accessSync(out, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw outputError(out, error);
  }
  return { removed: removeStaleTemporaryFiles(out) };
}

/**
 * `mkdir -p` by hand: Node 20's `mkdirSync(…, { recursive: true })` loops for ever where mkdir
 * answers ENOENT under a folder that exists (/proc, /sys), which hung `report --out /proc/x`.
 */
function makeFolder(path: string): void {
  try {
    mkdirSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    const parent = dirname(path);
    if (code !== "ENOENT" || parent === path || statKind(parent) === "dir") throw error;
    makeFolder(parent);
    mkdirSync(path);
  }
}

/** Temporary report files in `dir` whose writing process is gone (on this host). */
export function removeStaleTemporaryFiles(dir: string): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const pid = TEMPORARY.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isAlive(Number(pid))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists and is someone else's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function statKind(path: string): "dir" | "other" | "missing" {
  try {
    return statSync(path).isDirectory() ? "dir" : "other";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "missing";
    if (code === "ENOTDIR") return "other";
    throw outputError(path, error);
  }
}

/** An fs error while writing the report as one line naming the path and what to do. */
export function outputError(path: string, error: unknown): ReportOutputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const what =
    code === "EACCES" || code === "EPERM"
      ? "permission denied; pass --out a folder you can write to"
      : code === "EROFS"
        ? "the disk is read-only; pass --out a writable folder"
        : code === "ENOSPC" || code === "EDQUOT"
          ? "the disk is full; free some space or pass --out another disk (nothing was replaced)"
          : code === "ENOTDIR" || code === "EEXIST"
            ? "a file stands where a folder must be; pass --out a folder"
            : code === "EISDIR"
              ? "a folder stands where a report file must be written; move it away"
              : code === "ENOENT"
                ? "no folder can be made there; pass --out a folder on an ordinary disk"
                : `${(error as Error)?.message ?? String(error)}`;
  return new ReportOutputError(`cannot write the report into ${path}: ${what}`, error);
}

/** Whether an error came from the file system (and so means the output, not the data). */
export function isFsError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) && (error as { syscall?: unknown }).syscall !== undefined;
}
