import { distance } from "fastest-levenshtein";

/**
 * The candidate a mistyped word most likely meant, or undefined when none is close: the only
 * candidate the word begins (`recon` → `reconcile`, `tolerance` → `tolerance-ton`), else the
 * nearest by edit distance when at most 3 edits and at most half of the longer word apart
 * (`recocile` → `reconcile`, `snyc` → `sync`, `frm` → `from`). Ties go to the earlier candidate.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  if (typed === "") return undefined;
  // A word that begins exactly one candidate meant that one, however far the rest is (`recon`).
  const extended = candidates.filter((c) => typed.length >= 3 && c.toLowerCase().startsWith(typed));
  if (extended.length === 1) return extended[0];
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(typed, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const close = best !== undefined && bestDistance <= 3 && bestDistance * 2 <= Math.max(typed.length, best.length);
  return close ? best : undefined;
}

/** A word from the command line, quoted for a one-line message: no control characters, no novel. */
export function quoteWord(word: string): string {
  const short = word.length > 60 ? `${word.slice(0, 60)}…` : word;
  return JSON.stringify(short).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
