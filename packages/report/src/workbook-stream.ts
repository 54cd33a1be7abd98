/**
 * Backpressure for exceljs's streaming writer. Its worksheet stream hands each 64 KB block to the
 * zip entry without waiting, so a writer that only yields to the event loop now and then still
 * outruns the compressor and memory grows with the sheet (measured: 96 MB at 20k rows, 405 MB at
 * 400k). We wait instead until what the zip entry has not yet taken is under a bound. The fields read
 * are the worksheet stream's own and readable-stream's buffer lengths (exceljs pinned to ~4.4.0; a
 * test of the report holds memory flat, so a change there shows).
 */
import type ExcelJS from "exceljs";

const PENDING_LIMIT = 1 << 20;
const BLOCK_BYTES = 65_536;

interface StreamState {
  length?: number;
}
interface PipeLike {
  _writableState?: StreamState;
  _readableState?: StreamState;
}
interface StreamBufLike {
  pipes?: PipeLike[];
  buffers?: unknown[];
}

/** Bytes written to the worksheet that the zip has not consumed yet. */
function pendingBytes(worksheet: ExcelJS.Worksheet): number {
  const stream = (worksheet as unknown as { stream?: StreamBufLike }).stream;
  if (stream === undefined) return 0;
  let pending = (stream.buffers?.length ?? 0) * BLOCK_BYTES;
  for (const pipe of stream.pipes ?? []) {
    pending += (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0);
  }
  return pending;
}

/** Resolves once the worksheet's backlog is under a megabyte (at once when it already is). */
export async function drained(worksheet: ExcelJS.Worksheet): Promise<void> {
  while (pendingBytes(worksheet) >= PENDING_LIMIT) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
