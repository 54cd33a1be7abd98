/**
 * Text from the API (memos, ledger row types) inside a finding's one-line message: control
 * characters are escaped as JSON would, so a memo with a line break cannot split the line.
 */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  return /[\u0000-\u001f\u007f\u2028\u2029]/.test(text) ? JSON.stringify(text).slice(1, -1) : text;
}
