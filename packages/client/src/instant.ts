/**
 * The common form of API times, `YYYY-MM-DDTHH:MM:SSZ` (or with `.sss`), read without Date: an
 * order carries five times, each checked by the client and converted by sync, and Date parsing
 * costs about half a microsecond a time. Anything else is left to Date.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `Date#toISOString()` of `text` when it is a UTC instant in that form with every field in range,
 * else null (then `new Date(text)` decides). Where it answers, it answers what Date would.
 */
export function canonicalInstant(text: string): string | null {
  const length = text.length;
  if (length !== 20 && length !== 24) return null;
  if (
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(length - 1) !== 90 // Z
  ) {
    return null;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return null;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return null;
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  if (length === 20) return `${text.slice(0, 19)}.000Z`;
  return text.charCodeAt(19) === 46 /* . */ && digits(text, 20, 3) >= 0 ? text : null;
}

/** The decimal value of `count` ASCII digits at `start`, or -1 when one is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
