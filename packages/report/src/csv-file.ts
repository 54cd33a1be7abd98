import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import Papa from "papaparse";

const UNPARSE = { header: false, newline: "\r\n", quotes: false } as const;

/** A cell as `CsvFile.add` takes it. */
export type CsvCell = string | number | null;

/**
 * One CSV file written atomically: rows go to a temporary name beside the target in chunks, and
 * only a complete, fsynced file is renamed into place, so a crash never leaves half a file.
 */
export class CsvFile {
  readonly path: string;
  readonly tempPath: string;
  #fd: number;
  #pending: (readonly CsvCell[])[] = [];
  #rows = 0;
  #closed = false;

  constructor(path: string, header: readonly string[], options: { bom?: boolean; chunkRows?: number } = {}) {
    this.path = path;
    this.tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    this.#fd = openSync(this.tempPath, "w", 0o644);
    // Small chunks: rows held for a chunk outlive young-generation GCs. At 5,000 they were promoted
    // and the old generation kept growing with the file; at 1,000 what survived each scavenge still
    // added up until V8 doubled the young generation (peak RSS +20 MB between 10,000 and 100,000
    // orders); at 100 the heap stays at its size for 10,000 rows, for no measurable cost.
    this.chunkRows = options.chunkRows ?? 100;
    this.#write(`${options.bom ? "\uFEFF" : ""}${Papa.unparse([header as string[]], UNPARSE)}\r\n`);
  }

  private readonly chunkRows: number;

  /** Number of data rows written so far (the header not counted). */
  get rows(): number {
    return this.#rows;
  }

  /** One row of cells; papaparse prints null as an empty cell and a number as `String(n)`. */
  add(row: readonly CsvCell[]): void {
    this.#pending.push(row);
    this.#rows += 1;
    if (this.#pending.length >= this.chunkRows) this.#flush();
  }

  /** Flushes, fsyncs and renames the file into place. */
  commit(): void {
    this.#flush();
    fsyncSync(this.#fd);
    closeSync(this.#fd);
    this.#closed = true;
    renameSync(this.tempPath, this.path);
  }

  /** Drops the temporary file (after an error). */
  abort(): void {
    if (!this.#closed) {
      closeSync(this.#fd);
      this.#closed = true;
    }
    rmSync(this.tempPath, { force: true });
  }

  #flush(): void {
    if (this.#pending.length === 0) return;
    this.#write(`${Papa.unparse(this.#pending, UNPARSE)}\r\n`);
    this.#pending = [];
  }

  #write(text: string): void {
    const buf = Buffer.from(text, "utf8");
    let off = 0;
    while (off < buf.length) off += writeSync(this.#fd, buf, off);
  }
}
