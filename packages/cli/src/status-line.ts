/**
 * The one redrawn line at the bottom of a terminal (progress) and the log lines above it: a log
 * line clears the status line, is written, and the status line is drawn again below it, so no log
 * line ever lands on it. One per stream, found by the stream itself, so every logger and progress
 * writing to stderr cooperate without being wired to each other.
 */
type Stream = NodeJS.WritableStream & { columns?: number };

export interface StatusLine {
  /** Draws `text` as the status line (replacing the last one). */
  show(text: string): void;
  /** Removes it. */
  clear(): void;
  /** Writes something above the status line (a log line), then draws the status line again. */
  above(write: () => void): void;
}

const lines = new WeakMap<object, StatusLine>();

export function statusLineOf(stream: Stream): StatusLine {
  let line = lines.get(stream);
  if (line === undefined) {
    line = createStatusLine(stream);
    lines.set(stream, line);
  }
  return line;
}

const CLEAR = "\r\x1b[2K";

function createStatusLine(stream: Stream): StatusLine {
  let shown: string | null = null;
  const draw = (text: string) => {
    const width = Math.max(10, (stream.columns ?? 100) - 1);
    stream.write(`${CLEAR}${text.slice(0, width)}`);
  };
  return {
    show(text) {
      shown = text;
      draw(text);
    },
    clear() {
      if (shown !== null) stream.write(CLEAR);
      shown = null;
    },
    above(write) {
      if (shown === null) {
        write();
        return;
      }
      stream.write(CLEAR);
      write();
      draw(shown);
    },
  };
}
