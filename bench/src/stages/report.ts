/**
 * Report. Ours: `writeReports` over the world's window from the reconciled mirror — orders.csv
 * (N rows, ≥ 90 % of all rows) plus the daily summary, findings and ledger files, each streamed,
 * fsynced and renamed into place. Baseline: `Papa.unparse` of exactly the rows of those four files,
 * already in memory (parsed back from ours before the clock starts), each written with one
 * `writeFileSync`. `tenth` runs ours over the last tenth of the window, to show that peak RSS does
 * not grow with the number of orders.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeReports } from "@omrecon/report";
import { openStore } from "@omrecon/store";
import Papa from "papaparse";
import { fixturePath } from "../fixtures.js";
import type { Job } from "../job.js";
import { type Task, timed } from "./task.js";

const UNPARSE = { header: false, newline: "\r\n", quotes: false } as const;
const WARM_UP_ROWS = 5_000;
const DAY_MS = 86_400_000;

function outDir(job: Job, name: string): string {
  const dir = join(job.workDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function oursOver(job: Job, fromMs: number, dirName: string) {
  const store = await openStore(fixturePath(job.workDir, "reconciled"));
  const to = new Date(job.world.window.to);
  // Warm-up: one day of the same report, into a folder of its own.
  await writeReports(
    { store },
    { out: outDir(job, "report-warm-up"), window: { from: new Date(to.getTime() - DAY_MS), to } },
  );
  const out = outDir(job, dirName);
  const { ms, value: result } = await timed(() =>
    writeReports({ store }, { out, window: { from: new Date(fromMs), to } }),
  );
  await store.close();
  const orders = result.files.find((f) => f.file === "orders.csv")?.rows ?? 0;
  return {
    ms,
    rows: orders,
    extra: { files: Object.fromEntries(result.files.map((f) => [f.file, f.rows])) },
  };
}

const ours: Task = (job) => oursOver(job, Date.parse(job.world.window.from), "report-ours");

const tenth: Task = (job) => {
  const from = Date.parse(job.world.window.from);
  const to = Date.parse(job.world.window.to);
  return oursOver(job, to - Math.round((to - from) / 10), "report-tenth");
};

const baseline: Task = async (job) => {
  const source = join(job.workDir, "report-ours");
  const files = readdirSync(source).filter((f) => f.endsWith(".csv"));
  const tables = files.map((file) => ({
    file,
    rows: Papa.parse<string[]>(readFileSync(join(source, file), "utf8"), { header: false, skipEmptyLines: true }).data,
  }));
  const out = outDir(job, "report-baseline");
  Papa.unparse(tables.flatMap((t) => t.rows).slice(0, WARM_UP_ROWS), UNPARSE);
  const { ms } = await timed(() => {
    for (const t of tables) writeFileSync(join(out, t.file), `${Papa.unparse(t.rows, UNPARSE)}\r\n`);
  });
  // The baseline is only fair if it wrote what ours wrote.
  const identical = files.every((f) => readFileSync(join(out, f)).equals(readFileSync(join(source, f))));
  const orders = tables.find((t) => t.file === "orders.csv")?.rows.length ?? 1;
  return { ms, rows: orders - 1, extra: { identical_output: identical } };
};

export const tasks: Record<string, Task> = { ours, baseline, tenth };
