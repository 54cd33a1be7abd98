/**
 * An answer's audit (the client's reading of it, with every difference) as lines of the table and
 * a verdict. What a difference costs depends on what omrecon does with the endpoint: a problem on
 * one sync needs is incompatible; on the stats, a warning (control totals are skipped); on an
 * endpoint the nightly job never calls, a warning.
 */
import type { Audit, Difference, EndpointSpec } from "@omrecon/client";
import { type Verdict, worse } from "./report.js";

const CONSEQUENCE: Record<EndpointSpec["role"], string> = {
  required: "",
  optional: " — control totals will be skipped",
  unused: " — the nightly job does not use this endpoint",
};

export function auditRow(endpoint: EndpointSpec, audit: Audit): { verdict: Verdict; differences: string[] } {
  let verdict: Verdict = "ok";
  const lines: string[] = [];
  if (audit.problems.length > 0) {
    verdict = endpoint.role === "required" ? "incompatible" : "warning";
    for (const line of grouped(audit.problems)) lines.push(`${line}${CONSEQUENCE[endpoint.role]}`);
  }
  const byKind = (kind: Difference["kind"]) => audit.notes.filter((n) => n.kind === kind);
  const warned = [...byKind("unknown_value"), ...byKind("renamed")];
  if (warned.length > 0) {
    verdict = worse(verdict, "warning");
    for (const line of grouped(byKind("unknown_value"))) lines.push(line);
    for (const line of grouped(byKind("renamed"))) lines.push(`${line} — omrecon reads it as absent`);
  }
  const info: string[] = [];
  for (const kind of ["shape", "alias", "derived"] as const) info.push(...grouped(byKind(kind)));
  const order = Object.keys(endpoint.shape.spec.fields);
  const absent = names(byKind("absent")).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  if (absent.length > 0) info.push(`absent, read as null (optional): ${absent.join(", ")}`);
  // A field already named as the likely new name of another is not listed again as extra.
  const renamedTo = new Set([...audit.problems, ...audit.notes].map((d) => d.renamedTo));
  const extra = names(byKind("extra")).filter((name) => !renamedTo.has(name));
  if (extra.length > 0) info.push(`extra fields, kept as sent: ${extra.join(", ")}`);
  if (info.length > 0) {
    verdict = worse(verdict, "info");
    lines.push(...info);
  }
  return { verdict, differences: lines };
}

/** One line per distinct field and detail, saying in how many objects and the first one. */
function grouped(list: readonly Difference[]): string[] {
  const groups = new Map<string, { first: Difference; count: number }>();
  for (const d of list) {
    const key = `${d.field}\u0000${d.detail}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { first: d, count: 1 });
  }
  return [...groups.values()].map(({ first, count }) => {
    const where = first.where ? (count > 1 ? ` (${count} objects, first ${first.where})` : ` (${first.where})`) : "";
    return `${first.field} ${first.detail}${where}`;
  });
}

function names(list: readonly Difference[]): string[] {
  return [...new Set(list.map((d) => d.field))];
}
