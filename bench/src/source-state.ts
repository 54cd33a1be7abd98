import { execFileSync } from "node:child_process";

/** Which code was measured: the commit, and the files changed on top of it (others may be mid-work). */
export interface SourceState {
  commit: string | null;
  /** Paths under packages/, apps/ and bench/ that differ from the commit. */
  uncommitted: string[];
}

export function sourceState(root: string): SourceState {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trimEnd();
  try {
    const commit = git("rev-parse", "--short=12", "HEAD");
    const status = git("status", "--porcelain", "--untracked-files=no", "--", ":/packages", ":/apps", ":/bench/src");
    const uncommitted = status === "" ? [] : status.split("\n").map((line) => line.slice(3));
    return { commit, uncommitted };
  } catch {
    return { commit: null, uncommitted: [] };
  }
}
