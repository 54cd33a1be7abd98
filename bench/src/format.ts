/** Numbers as the table prints them. */

export function seconds(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function count(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export function mb(n: number): string {
  return `${Math.round(n).toLocaleString("en-US")} MB`;
}

export function ratio(r: number): string {
  return r.toFixed(2);
}
