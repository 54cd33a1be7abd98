/**
 * Who can receive what, by a fixed rule so tests can name both outcomes: usernames starting with
 * `nobody` do not exist, and those starting with `premium` already have Premium.
 */

export type GiftKind = "stars" | "premium";

export interface RecipientVerdict {
  can_receive: boolean;
  reason: string | null;
}

// Telegram usernames: 5..32 characters, letters, digits and underscores, starting with a letter.
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{4,31}$/;

export function checkRecipient(kind: GiftKind, username: string): RecipientVerdict {
  if (!USERNAME.test(username)) return { can_receive: false, reason: "invalid username" };
  const lower = username.toLowerCase();
  if (lower.startsWith("nobody")) return { can_receive: false, reason: "user not found" };
  if (kind === "premium" && lower.startsWith("premium")) {
    return { can_receive: false, reason: "user already has Telegram Premium" };
  }
  return { can_receive: true, reason: null };
}
