/**
 * Report. Ours: `writeReports --format csv` over the world's window from the reconciled mirror —
 * orders.csv (N rows, ≥ 90 % of all rows) plus the daily summary, findings and ledger files, each
 * streamed, fsynced and renamed into place, with the bridge checked and the manifest written.
 * Baseline: `Papa.unparse` of exactly the rows of those four files, already in memory (parsed back
 * from ours before the clock starts), each written with one `writeFileSync`. `tenth` runs ours over
 * the last tenth of the window, to show that peak RSS does not grow with the number of orders.
 * `workbook` / `workbookTenth`: the same with `--format xlsx` (omrecon-report.xlsx alone), no
 * baseline: its time, and its peak RSS at N against N/10.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ReportFormat, writeReports } from "@omrecon/report";
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

async function oursOver(job: Job, fromMs: number, dirName: string, formats: ReportFormat[] = ["csv"]) {
  const store = await openStore(fixturePath(job.workDir, "reconciled"));
  const to = new Date(job.world.window.to);
  // Warm-up: one day of the same report, into a folder of its own.
  await writeReports(
    { store },
    { out: outDir(job, "report-warm-up"), window: { from: new Date(to.getTime() - DAY_MS), to }, formats },
  );
  const out = outDir(job, dirName);
  const { ms, value: result } = await timed(() =>
    writeReports({ store }, { out, window: { from: new Date(fromMs), to }, formats }),
  );
  await store.close();
  const orders = result.files.find((f) => f.file === "orders.csv" || f.file === "omrecon-report.xlsx")?.rows ?? 0;
  return {
    ms,
    rows: orders,
    extra: { files: Object.fromEntries(result.files.map((f) => [f.file, f.rows])) },
  };
}

const ours: Task = (job) => oursOver(job, Date.parse(job.world.window.from), "report-ours");

const lastTenth = (job: Job) => {
  const from = Date.parse(job.world.window.from);
  const to = Date.parse(job.world.window.to);
  return to - Math.round((to - from) / 10);
};

const tenth: Task = (job) => oursOver(job, lastTenth(job), "report-tenth");

const workbook: Task = (job) => oursOver(job, Date.parse(job.world.window.from), "report-workbook", ["xlsx"]);

const workbookTenth: Task = (job) => oursOver(job, lastTenth(job), "report-workbook-tenth", ["xlsx"]);

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

export const tasks: Record<string, Task> = { ours, baseline, tenth, workbook, workbookTenth };
