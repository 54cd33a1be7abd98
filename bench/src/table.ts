/** The human table: one line per row, targets and verdicts beside the numbers. */
import { count, mb, ratio, seconds } from "./format.js";
import type { BenchResults } from "./orchestrate.js";
import type { RowResult } from "./results.js";

const HEADER = ["stage", "ours", "baseline", "ratio", "target", "ok?", "rows/s (ours)", "peak RSS ours / base"];

function cells(row: RowResult): string[] {
  const target = row.checks.map((c) => (c.what === "ratio" ? c.target : `${c.what} ${c.target}`)).join("; ") || "—";
  const verdict = row.ok === null ? "info" : row.ok ? "yes" : "NO";
  const rss = row.baseline ? `${mb(row.ours.rss_mb)} / ${mb(row.baseline.rss_mb)}` : mb(row.ours.rss_mb);
  return [
    row.label,
    row.cells?.ours ?? seconds(row.ours.ms),
    row.cells?.baseline ?? (row.baseline ? seconds(row.baseline.ms) : "—"),
    row.cells?.ratio ?? (row.ratio === null ? "—" : ratio(row.ratio)),
    target,
    verdict,
    row.ours.rows_per_s === null ? "—" : count(row.ours.rows_per_s),
    rss,
  ];
}

/** Plain text, columns padded. */
export function formatTable(results: BenchResults): string {
  const lines = [HEADER, ...results.rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const pad = (l: string[]) =>
    l
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const w = results.world;
  const m = results.machine;
  const head = [
    `omrecon bench · ${count(w.orders)} orders, seed ${w.seed}, ${w.days} days · ${count(w.transactions)} transactions, ${count(w.ledgerRows)} ledger rows · world in ${seconds(w.generateMs)}`,
    `${m.cpus} × ${m.cpu_model}, ${m.memory_gb} GB, Node ${m.node} · ${results.options.repeat} run(s) per side, medians`,
    `code at ${results.source.commit ?? "unknown commit"}${results.source.uncommitted.length > 0 ? ` + uncommitted ${results.source.uncommitted.join(", ")}` : ""}`,
  ];
  const failed = results.rows.flatMap((r) =>
    r.checks.filter((c) => !c.ok).map((c) => `${r.label}: ${c.what} ${c.value}, target ${c.target}`),
  );
  const notes = results.rows.filter((r) => r.note).map((r) => `${r.label}: ${r.note}`);
  return [
    ...head,
    "",
    pad(lines[0]!),
    widths.map((n) => "-".repeat(n)).join("  "),
    ...lines.slice(1).map(pad),
    "",
    ...notes.map((n) => `note: ${n}`),
    failed.length === 0 ? "every target met" : `targets missed:\n${failed.map((f) => `  ${f}`).join("\n")}`,
    "",
  ].join("\n");
}

/** The same table as Markdown, for bench/README.md. */
export function formatMarkdown(results: BenchResults): string {
  const row = (l: string[]) => `| ${l.join(" | ")} |`;
  return [row(HEADER), row(HEADER.map(() => "---")), ...results.rows.map((r) => row(cells(r)))].join("\n");
}
