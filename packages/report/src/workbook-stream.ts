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

/** Bytes written to the worksheet that the zip has not consumed yet, and zip output the file has not taken. */
function pendingBytes(workbook: ExcelJS.stream.xlsx.WorkbookWriter, worksheet: ExcelJS.Worksheet): number {
  const sheet = (worksheet as unknown as { stream?: StreamBufLike }).stream;
  let pending = (sheet?.buffers?.length ?? 0) * BLOCK_BYTES;
  for (const pipe of sheet?.pipes ?? []) pending += streamBytes(pipe);
  const { zip, stream } = workbook as unknown as { zip?: PipeLike; stream?: PipeLike };
  return pending + streamBytes(zip) + streamBytes(stream);
}

function streamBytes(s: PipeLike | undefined): number {
  return (s?._writableState?.length ?? 0) + (s?._readableState?.length ?? 0);
}

/** Resolves once the worksheet's backlog is under a megabyte (at once when it already is). */
export async function drained(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  worksheet: ExcelJS.Worksheet,
): Promise<void> {
  while (pendingBytes(workbook, worksheet) >= PENDING_LIMIT) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
