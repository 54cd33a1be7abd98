/**
 * A finding named on the command line: its whole key or any unique start of it (an orphan's key
 * is 81 characters). No match or several matches are one line each, naming the command that lists
 * the keys, never suggesting a new reconcile (the finding exists or it does not).
 */
import { ExitError, quoteWord } from "@omrecon/cli";
import { findingKeysByPrefix, type StoreDb } from "@omrecon/store";

const LISTED = 5;

export async function uniqueFindingKey(db: StoreDb, given: string, where: string): Promise<string> {
  const keys = await findingKeysByPrefix(db, given, 50);
  if (keys.length === 1) return keys[0]!;
  if (keys.length === 0) {
    throw new ExitError(
      `no finding with a key starting ${quoteWord(given)} in ${where}; omrecon findings --status all lists the keys`,
      2,
      "not_found",
    );
  }
  const shown = keys.slice(0, LISTED).join(", ");
  const more = keys.length > LISTED ? `, … (${keys.length >= 50 ? "50 or more" : keys.length} in all)` : "";
  throw new ExitError(
    `${quoteWord(given)} matches ${keys.length >= 50 ? "50 or more" : keys.length} findings: ${shown}${more}; give more of the key`,
    2,
    "ambiguous",
  );
}
