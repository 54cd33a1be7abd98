/**
 * The bench's working directory: the world's description, the mirrors each stage leaves for the
 * next (synced → chained → reconciled), and scratch files. Stages copy a mirror before changing
 * it, so every measured run starts from the same state.
 */
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const FIXTURES = {
  /** The world as the sandbox host generated it (`WorldInfo`). */
  world: "world.json",
  /** Keys of the findings the world's ground truth holds. */
  truth: "truth.json",
  /** `/orders/stats/summary` for the world's window, read once after the full sync. */
  stats: "stats.json",
  /** Every request our full sync made (`GET <path>`), replayed by the raw baseline. */
  syncRequests: "sync-requests.json",
  /** The mirror after our full sync. */
  synced: "synced.sqlite",
  /** … after our chain read. */
  chained: "chained.sqlite",
  /** … after one reconcile run (order_matches filled for the report). */
  reconciled: "reconciled.sqlite",
} as const;

export type Fixture = keyof typeof FIXTURES;

export function fixturePath(workDir: string, fixture: Fixture): string {
  return join(workDir, FIXTURES[fixture]);
}

export function hasFixture(workDir: string, fixture: Fixture): boolean {
  return existsSync(fixturePath(workDir, fixture));
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

const SQLITE_SIDE_FILES = ["", "-wal", "-shm", "-journal"];

/** Removes a SQLite database with its WAL and shared-memory files. */
export function removeDb(path: string): void {
  for (const suffix of SQLITE_SIDE_FILES) rmSync(`${path}${suffix}`, { force: true });
}

/** Copies a closed SQLite database (its WAL too, if one was left) over `to`. */
export function copyDb(from: string, to: string): void {
  removeDb(to);
  for (const suffix of ["", "-wal"]) {
    if (existsSync(`${from}${suffix}`)) copyFileSync(`${from}${suffix}`, `${to}${suffix}`);
  }
}
