/**
 * JSON parsing that keeps amounts exact. Node 20's JSON.parse turns `123456789.123456789` into the
 * nearest double before anyone can see the digits, so the numeric literals of amount fields are
 * rewritten into strings first; the schemas then convert them with parseTon and keep the API's own
 * number beside.
 */

// Matches every string token in order (so matching never starts inside a string), and when the
// string is an object key followed by a number literal, captures the separator and the number.
const STRING_OR_KEYED_NUMBER = /"(?:[^"\\]|\\.)*"(?:(\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?=\s*[,}\]]))?/g;

// The same tail, anchored right after a string token.
const KEYED_NUMBER = /(\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?=\s*[,}\]])/y;

const COLON = 58;
const MINUS = 45;

/**
 * Parses JSON text; every number that is the value of a key for which `isAmountKey` holds comes
 * out as its exact decimal text (a string). Throws SyntaxError like JSON.parse.
 */
export function parseJsonExact(text: string, isAmountKey: (key: string) => boolean): unknown {
  const rewritten = text.includes("\\") ? rewriteByRegex(text, isAmountKey) : rewriteWithoutEscapes(text, isAmountKey);
  return JSON.parse(rewritten);
}

/** The general rewrite: one regex over every string token. */
function rewriteByRegex(text: string, isAmountKey: (key: string) => boolean): string {
  return text.replace(STRING_OR_KEYED_NUMBER, (token: string, separator?: string, literal?: string) => {
    if (literal === undefined || separator === undefined) return token;
    const rawKey = token.slice(0, token.length - separator.length - literal.length);
    const key = JSON.parse(rawKey) as string;
    return isAmountKey(key) ? `${rawKey}${separator}"${literal}"` : token;
  });
}

/**
 * The same rewrite for text without a backslash, about five times faster (a page of orders is
 * rewritten for every request). Without escapes each string token runs from one quote to the next,
 * exactly as the regex pairs them, so strings are skipped with indexOf, and only a string followed
 * by something that can start `: <number>` is tried with the regex's own tail.
 */
function rewriteWithoutEscapes(text: string, isAmountKey: (key: string) => boolean): string {
  let out = "";
  let copied = 0;
  let at = 0;
  for (;;) {
    const open = text.indexOf('"', at);
    if (open < 0) break;
    const close = text.indexOf('"', open + 1);
    if (close < 0) break;
    at = close + 1;
    if (!mayStartKeyedNumber(text, at)) continue;
    KEYED_NUMBER.lastIndex = at;
    const match = KEYED_NUMBER.exec(text);
    if (match === null) continue;
    const key = text.slice(open + 1, close);
    const literal = match[2]!;
    const start = at + match[1]!.length;
    at = start + literal.length;
    // The regex path reads the key with JSON.parse, which refuses control characters: so does the
    // final JSON.parse here, since the key stays in the text.
    if (!isAmountKey(key)) continue;
    out += `${text.slice(copied, start)}"${literal}"`;
    copied = at;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * A cheap filter before the regex: after a string, ':' then a digit, '-' or whitespace; or
 * whitespace first (anything the regex's `\s` might take, so nothing it would match is skipped).
 */
function mayStartKeyedNumber(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c === COLON) {
    const d = text.charCodeAt(at + 1);
    return (d >= 48 && d <= 57) || d === MINUS || mayBeSpace(d);
  }
  return mayBeSpace(c);
}

/** ASCII whitespace and control characters, and anything beyond ASCII (Unicode spaces). */
function mayBeSpace(c: number): boolean {
  return c <= 32 || c >= 127;
}
