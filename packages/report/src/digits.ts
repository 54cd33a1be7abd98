import type { IntValue } from "@omrecon/store";

/**
 * Excel keeps 15 significant digits of a number: a TON amount whose exact decimal needs more cannot
 * be a number cell without changing (docs/cli.md#report-files). The exact decimal of `n` nanotons has
 * as many significant digits as `|n|` without its trailing zeros.
 */
export const EXCEL_DIGITS = 15;

export function needsText(nano: IntValue | bigint | undefined): boolean {
  if (nano === null || nano === undefined) return false;
  // Below 10^15 the integer itself has at most 15 digits.
  if (typeof nano === "number" && nano > -1e15 && nano < 1e15) return false;
  let text = String(nano);
  if (text.startsWith("-")) text = text.slice(1);
  let end = text.length;
  while (end > 1 && text.charCodeAt(end - 1) === 48) end -= 1;
  return end > EXCEL_DIGITS;
}
