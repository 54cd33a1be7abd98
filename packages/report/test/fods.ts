/** Reading LibreOffice's flat ODS output (soffice --convert-to fods) in tests. */
import { spawnSync } from "node:child_process";
import { tempDir } from "./fixture.js";

// LibreOffice is a Debian package CI installs (.ci/run); where it is missing the checks say so and skip.
export const soffice = spawnSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" }).stdout.trim();

export interface Cell {
  type: string;
  value: string | undefined;
  date: string | undefined;
  text: string;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Rows of one table of a flat ODS document: each cell's type, numeric or date value, and text. */
export function tableRows(xml: string): Cell[][] {
  const rows: Cell[][] = [];
  for (const row of xml.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)) {
    const cells: Cell[] = [];
    for (const cell of (row[1] ?? "").matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)) {
      const attrs = cell[1] ?? "";
      const repeat = Number(/table:number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1);
      const text = [...(cell[2] ?? "").matchAll(/<text:p>([\s\S]*?)<\/text:p>/g)]
        .map((p) =>
          unescapeXml(
            (p[1] ?? "")
              .replace(/<text:s(?: text:c="(\d+)")?\/>/g, (_m, n) => " ".repeat(Number(n ?? 1)))
              .replace(/<text:line-break\/>/g, "\n")
              .replace(/<[^>]+>/g, ""),
          ),
        )
        .join("\n");
      const c: Cell = {
        type: /office:value-type="(\w+)"/.exec(attrs)?.[1] ?? "empty",
        value: /office:value="([^"]+)"/.exec(attrs)?.[1],
        date: /office:date-value="([^"]+)"/.exec(attrs)?.[1],
        text,
      };
      for (let i = 0; i < Math.min(repeat, 64); i++) cells.push(c);
    }
    rows.push(cells);
  }
  // LibreOffice ends a table with repeated empty rows.
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c.type === "empty")) rows.pop();
  return rows;
}

/** Every table of the document by name. */
export function tables(fods: string): Map<string, Cell[][]> {
  const out = new Map<string, Cell[][]>();
  for (const t of fods.matchAll(/<table:table table:name="([^"]+)"[^>]*>([\s\S]*?)<\/table:table>/g)) {
    out.set(unescapeXml(t[1]!), tableRows(t[2]!));
  }
  return out;
}

/** Converts files to flat ODS next to them; `infilter` for CSV imports. */
export function toFods(files: string[], outdir: string, infilter?: string): void {
  const args = [
    "--headless",
    "--convert-to",
    "fods",
    ...(infilter ? [`--infilter=${infilter}`] : []),
    "--outdir",
    outdir,
  ];
  const r = spawnSync(soffice, [...args, ...files], {
    encoding: "utf8",
    timeout: 180_000,
    env: { ...process.env, HOME: tempDir("omrecon-lo-home-") },
  });
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
}

/** Milliseconds of an ODS date-value (`2026-04-12T08:00:00.25`, no zone: read as UTC) or a CSV time. */
export function wallMs(value: string): number {
  const iso = value.includes("T") ? value : value.replace(" ", "T");
  return Date.parse(/T/.test(iso) ? `${iso}Z` : `${iso}T00:00:00Z`);
}
