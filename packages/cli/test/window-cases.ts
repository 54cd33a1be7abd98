import { parseWindow } from "../src/window.js";

/** Flags as a person types them, with the zone of `--tz` (or none: UTC). */
export const WINDOW_CASES: readonly { from?: string; to?: string; tz?: string }[] = [
  { from: "2026-12-01", to: "2026-12-02" },
  { from: "2026-12-01", to: "2026-12-02", tz: "Asia/Tokyo" },
  { from: "2026-12-01T10:00", to: "2026-12-01T11:00", tz: "America/Los_Angeles" },
  { from: "2026-12-01T10:00:00Z", to: "2026-12-01T11:00:00+01:00", tz: "Asia/Tokyo" },
  { from: "2026-02-30" },
  { from: "Dec 4 2026" },
  { from: "1" },
  { to: "2026-04-16T24:00:00Z" },
];

/** Each case's window as ISO strings, or the error's message. */
export function windowAnswers(cases: typeof WINDOW_CASES): unknown[] {
  const now = new Date("2026-12-10T00:00:00Z");
  return cases.map((flags) => {
    try {
      const w = parseWindow(flags, now);
      return [w.from.toISOString(), w.to.toISOString()];
    } catch (error) {
      return (error as Error).message;
    }
  });
}
