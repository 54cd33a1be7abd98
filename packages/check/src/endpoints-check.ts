/**
 * Every read-only endpoint of the partner API, asked once with harmless arguments (a page of five,
 * the first listed order by id and by memo, a username from the page's own example), each answer
 * read by the endpoint's own shape in the client and turned into a row. Nothing here writes:
 * endpoints that create or cancel are not in the plan, and the client refuses to probe them.
 */
import { ENDPOINTS, type EndpointSpec, type OpenMoneyClient, type ProbeResult } from "@omrecon/client";
import { auditRow } from "./differences.js";
import type { CheckRow, Verdict } from "./report.js";

/** A client_reference no order is likely to carry: by-reference must answer it with an empty list. */
export const UNKNOWN_REFERENCE = "omrecon-check-no-such-reference";
/** The page's example username (docs/reference). */
const USERNAME = "pandus";

export interface EndpointsOutcome {
  rows: CheckRow[];
  probes: ProbeResult[];
  /** From /balance, for the TON endpoint's check. */
  topupAddress: string | null;
  /** The first answer (a refused key, none at all) made asking further pointless. */
  stopped: boolean;
}

const spec = (key: string): EndpointSpec => {
  const found = ENDPOINTS.find((e) => e.key === key);
  if (!found) throw new Error(`no endpoint ${key} in the client's table`);
  return found;
};

export async function checkEndpoints(
  client: OpenMoneyClient,
  now: Date,
  progress: (label: string, done: number, total: number) => void = () => {},
): Promise<EndpointsOutcome> {
  const rows: CheckRow[] = [];
  const probes: ProbeResult[] = [];
  const total = ENDPOINTS.filter((e) => !e.writes).length;
  const ask = async (key: string, args: Parameters<OpenMoneyClient["probe"]>[1] = {}, context: Context = {}) => {
    progress(key, probes.length, total);
    const probe = await client.probe(spec(key), args);
    probes.push(probe);
    rows.push(probeRow(probe, context));
    return probe;
  };

  const health = await ask("GET /health");
  if (stopsHere(health)) {
    // The first request got no answer (or a refused key): the API as a whole is the problem.
    if (health.outcome.kind === "unreachable") rows[rows.length - 1]!.verdict = "unreachable";
    rows.push({
      section: "partner API",
      what: "the other endpoints",
      status: "—",
      verdict: "skipped",
      differences: ["not asked: see the row above"],
    });
    return { rows, probes, topupAddress: null, stopped: true };
  }
  const balance = await ask("GET /balance");
  const orders = await ask("GET /orders", { query: { limit: 5 } });
  const listed = dataOf(orders);
  const items = listItems(listed);
  const first = items.find((o) => typeof (o.id ?? o.order_id) === "number");
  if (first) await ask("GET /orders/{id}", { params: { id: String(first.id ?? first.order_id) } });
  else rows.push(skipped("GET /orders/{id}", "no order listed to ask for"));
  const withMemo = items.find((o) => typeof o.payment_memo === "string" && o.payment_memo !== "");
  if (withMemo) await ask("GET /orders/by-memo/{memo}", { params: { memo: String(withMemo.payment_memo) } });
  else rows.push(skipped("GET /orders/by-memo/{memo}", "no listed order has a payment_memo"));
  const withReference = items.find((o) => typeof o.client_reference === "string" && o.client_reference !== "");
  const reference = withReference ? String(withReference.client_reference) : UNKNOWN_REFERENCE;
  await ask("GET /orders/by-reference/{ref}", { params: { ref: reference } }, { madeUp: withReference === undefined });
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  await ask("GET /orders/stats/summary", { query: { from: weekAgo, to: now } });
  await ask("GET /balance/transactions", { query: { limit: 5 } });
  await ask("GET /pricing/ton-rate");
  await ask("GET /pricing/fee");
  await ask("GET /pricing/estimate/stars", { query: { quantity: 100 } });
  await ask("GET /pricing/estimate/premium", { query: { months: 3 } });
  await ask("GET /recipients/stars", { query: { username: USERNAME } });
  await ask("GET /recipients/premium", { query: { username: USERNAME } });
  progress("done", total, total);
  const address = (dataOf(balance) as { topup_address?: unknown } | undefined)?.topup_address;
  return { rows, probes, topupAddress: typeof address === "string" ? address : null, stopped: false };
}

interface Context {
  /** The by-reference argument is made up: an empty answer or a 404 is right. */
  madeUp?: boolean;
}

/** A refused key or no answer at all: asking the other endpoints would only say it again. */
function stopsHere(p: ProbeResult): boolean {
  return p.outcome.kind === "unreachable" || (p.outcome.kind === "api_error" && p.status === 401);
}

function skipped(what: string, why: string): CheckRow {
  return { section: "partner API", what, status: "—", verdict: "skipped", differences: [why] };
}

/** The `data` of an answer in the envelope, re-read from the saved text. */
function dataOf(p: ProbeResult): unknown {
  if (p.outcome.kind !== "data" || p.answer === null) return undefined;
  try {
    return (JSON.parse(p.answer.text) as { data?: unknown }).data;
  } catch {
    return undefined;
  }
}

function listItems(data: unknown): Record<string, unknown>[] {
  const list = Array.isArray(data)
    ? data
    : ["items", "results", "data", "orders"]
        .map((k) => (data as Record<string, unknown> | undefined)?.[k])
        .find(Array.isArray);
  return (list ?? []).filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null);
}

export function probeRow(p: ProbeResult, context: Context = {}): CheckRow {
  const base = {
    section: "partner API" as const,
    what: `${p.request.method} ${p.request.path}`,
    status: p.status === null ? "—" : String(p.status),
  };
  const { role } = p.endpoint;
  const o = p.outcome;
  switch (o.kind) {
    case "data": {
      if (context.madeUp && Array.isArray(dataOf(p)) && (dataOf(p) as unknown[]).length === 0) {
        return { ...base, verdict: "ok", differences: ["an empty list for a reference no order has"] };
      }
      return { ...base, ...auditRow(p.endpoint, o.audit) };
    }
    case "unreachable":
      return { ...base, verdict: role === "required" ? "unreachable" : "warning", differences: [o.error.message] };
    case "not_envelope": {
      const hint = p.status === 404 ? "; nothing there: check OPENMONEY_BASE_URL" : "";
      return {
        ...base,
        verdict: role === "required" ? "incompatible" : "warning",
        differences: [`${o.detail}${hint}`],
      };
    }
    case "api_error":
      return { ...base, ...errorVerdict(p, o.errorCode, o.errorMessage, context) };
  }
}

function errorVerdict(
  p: ProbeResult,
  code: string,
  message: string,
  context: Context,
): { verdict: Verdict; differences: string[] } {
  const status = p.status ?? 0;
  const said = `${status} ${code}${message ? `: ${message}` : ""}`;
  const { role, pattern } = p.endpoint;
  if (status === 401)
    return { verdict: "incompatible", differences: [`the API refused the key (${said}): check OPENMONEY_API_KEY`] };
  if (role === "optional") {
    return {
      verdict: "warning",
      differences: [`${said} — no stats: control totals will be skipped (reconcile says so once per run)`],
    };
  }
  if (status === 404 && context.madeUp) return { verdict: "ok", differences: [`${said} for a reference no order has`] };
  if (status === 404 && !pattern.includes("{")) {
    return {
      verdict: role === "required" ? "incompatible" : "warning",
      differences: [`${said}: the page names this endpoint; check OPENMONEY_BASE_URL`],
    };
  }
  if (status === 429 || status >= 500) {
    return { verdict: role === "required" ? "unreachable" : "warning", differences: [`${said} (after retries)`] };
  }
  return { verdict: role === "required" ? "incompatible" : "warning", differences: [said] };
}
