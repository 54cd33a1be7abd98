/**
 * JSON parsing that keeps amounts exact. Node 20's JSON.parse turns `123456789.123456789` into the
 * nearest double before anyone can see the digits, so the numeric literals of amount fields are
 * rewritten into strings first; the schemas then convert them with parseTon and keep the API's own
 * number beside.
 */

// Matches every string token in order (so matching never starts inside a string), and when the
// string is an object key followed by a number literal, captures the separator and the number.
const STRING_OR_KEYED_NUMBER = /"(?:[^"\\]|\\.)*"(?:(\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?=\s*[,}\]]))?/g;

/**
 * Parses JSON text; every number that is the value of a key for which `isAmountKey` holds comes
 * out as its exact decimal text (a string). Throws SyntaxError like JSON.parse.
 */
export function parseJsonExact(text: string, isAmountKey: (key: string) => boolean): unknown {
  const rewritten = text.replace(STRING_OR_KEYED_NUMBER, (token: string, separator?: string, literal?: string) => {
    if (literal === undefined || separator === undefined) return token;
    const rawKey = token.slice(0, token.length - separator.length - literal.length);
    const key = JSON.parse(rawKey) as string;
    return isAmountKey(key) ? `${rawKey}${separator}"${literal}"` : token;
  });
  return JSON.parse(rewritten);
}
