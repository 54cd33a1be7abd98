/** What `check` found: rows of a table (what, status, verdict, differences) and the exit status they add up to. */

/**
 * `ok`: as omrecon expects. `info`: differs in a way omrecon handles (noted). `warning`: omrecon
 * runs, but something is lost or worth a look. `incompatible`: omrecon cannot work with this.
 * `unreachable`: no answer. `skipped`: not asked (an earlier row made it pointless).
 */
export type Verdict = "ok" | "info" | "warning" | "incompatible" | "unreachable" | "skipped";

export interface CheckRow {
  section: "settings" | "partner API" | "OpenAPI";
  /** `OPENMONEY_API_KEY`, `GET /orders?limit=5`, `OpenAPI: GET /orders`. */
  what: string;
  /** `200`, `404`, `set`, `writable`, `—`. */
  status: string;
  verdict: Verdict;
  /** One line each: what differs, or what was seen. */
  differences: string[];
}

export interface CheckReport {
  /** `compatible` (exit 0), `warnings` (exit 1), `incompatible` (exit 2: also unreachable). */
  verdict: "compatible" | "warnings" | "incompatible";
  exitCode: 0 | 1 | 2;
  baseUrl: string | null;
  rows: CheckRow[];
  /** Where `--save-samples` wrote the answers. */
  samplesDir: string | null;
  /** Partner-API requests made (all GETs). */
  requests: number;
}

const RANK: Record<Verdict, number> = { ok: 0, skipped: 0, info: 0, warning: 1, incompatible: 2, unreachable: 2 };

/** The worse of two verdicts. */
export function worse(a: Verdict, b: Verdict): Verdict {
  if (RANK[b] > RANK[a]) return b;
  if (RANK[b] === RANK[a] && a === "ok" && b === "info") return b;
  return a;
}

export function summarize(rows: readonly CheckRow[]): Pick<CheckReport, "verdict" | "exitCode"> {
  const top = Math.max(0, ...rows.map((r) => RANK[r.verdict]));
  if (top === 2) return { verdict: "incompatible", exitCode: 2 };
  if (top === 1) return { verdict: "warnings", exitCode: 1 };
  return { verdict: "compatible", exitCode: 0 };
}
