/**
 * Writes `summary.html` under its hidden temporary name (fsynced), like every report file: the report
 * renames it into place with the others only when all are complete and the bridge closes.
 */
import { createHash } from "node:crypto";
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { REPORT_FILES } from "./columns.js";
import { tempPathFor } from "./csv-file.js";
import { OPEN_ROWS } from "./html-findings.js";
import { summaryPage } from "./html-page.js";
import type { ReportSummary } from "./summary.js";

export interface WrittenPage {
  path: string;
  temp: string;
  /** The rows of its open findings table (the manifest's `rows` of the page). */
  rows: number;
  bytes: number;
  sha256: string;
}

export function writeSummaryPage(out: string, summary: ReportSummary, generatedAt: Date): WrittenPage {
  const path = join(out, REPORT_FILES.summaryHtml);
  const temp = tempPathFor(path);
  const bytes = Buffer.from(summaryPage(summary, { generatedAt }), "utf8");
  try {
    const fd = openSync(temp, "w", 0o644);
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return {
    path,
    temp,
    rows: Math.min(summary.findings.open_now.length, OPEN_ROWS),
    bytes: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}
