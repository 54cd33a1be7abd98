/**
 * Memo matching as `docs/reconciliation.md` defines it: the comment trimmed of surrounding whitespace
 * equals the order's memo; a match that needs case folding still matches and is marked normalized.
 */

export type MemoMatch = "exact" | "normalized";

/** The key memos are grouped by: trimmed and case-folded. Two memos match iff their keys are equal. */
export function memoKey(text: string): string {
  return text.trim().toUpperCase();
}

/** Compares a transfer comment with an order memo. Returns null when they do not match. */
export function matchMemo(comment: string | null | undefined, memo: string | null | undefined): MemoMatch | null {
  if (comment == null || memo == null) return null;
  const c = comment.trim();
  const m = memo.trim();
  if (c === "" || m === "") return null;
  if (c === m) return "exact";
  return c.toUpperCase() === m.toUpperCase() ? "normalized" : null;
}
