/**
 * `manifest.json`: what a later reader needs to prove nothing in the folder changed — the period, the
 * time zone, the run the report reflects, each file's rows, bytes and SHA-256, and the bridge's totals
 * (exact TON decimals). Written last, atomically, after every file it names is in place.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { formatTon } from "@omrecon/core";
import { REPORT_FILES } from "./columns.js";
import { tempPathFor } from "./csv-file.js";
import type { ChainBridge, OrdersBridge, ReportSummary } from "./summary.js";

export interface ManifestFile {
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export const MANIFEST_FORMAT = "omrecon-report-manifest/1";

export function manifestOf(summary: ReportSummary, files: readonly ManifestFile[], generatedAt: Date) {
  return {
    format: MANIFEST_FORMAT,
    generated_at: generatedAt.toISOString(),
    period: {
      from: summary.period.from,
      to: summary.period.to,
      name: summary.period.name,
      time_zone: summary.period.time_zone,
    },
    run: summary.run,
    files,
    bridge: {
      checked: summary.bridge.checked,
      orders: tonFields(summary.bridge.total.orders),
      chain: tonFields(summary.bridge.total.chain),
    },
    partial_days: summary.partial_days,
    text_amount_cells: summary.text_amount_cells,
  };
}

/** `{ billed_nano: 1n }` → `{ billed_ton: "0.000000001" }`. */
export function tonFields(b: OrdersBridge | ChainBridge): Record<string, string> {
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k.replace(/_nano$/, "_ton"), formatTon(v as bigint)]));
}

export function writeManifest(out: string, manifest: ReturnType<typeof manifestOf>): string {
  const path = join(out, REPORT_FILES.manifest);
  const temp = tempPathFor(path);
  try {
    const fd = openSync(temp, "w", 0o644);
    try {
      const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8");
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return path;
}
