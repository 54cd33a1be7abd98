/**
 * Asking an endpoint once and saying how its answer compares with what omrecon expects, without
 * throwing: what `check` is built on. The answer is read by the endpoint's own shape (schemas.ts),
 * so the comparison is the very reading sync and reconcile do.
 */
import type { OpenMoneyError, RequestInfo } from "./errors.js";
import { parseJsonExact } from "./json.js";
import type { EndpointSpec } from "./schemas.js";
import { errorEnvelope, isAmountField, successData } from "./schemas.js";
import type { Audit } from "./shape.js";

/** One answer as it came (status, body with the key removed), when one came. */
export interface RawAnswer {
  request: RequestInfo;
  status: number;
  /** The body, with the key (and anything shaped like a partner key) replaced by `[REDACTED]`. */
  text: string;
  contentType: string | null;
  durationMs: number;
}

export type ProbeOutcome =
  /** The success envelope: how its data compares with the endpoint's declaration. */
  | { kind: "data"; audit: Audit }
  /** The API's error envelope. */
  | { kind: "api_error"; errorCode: string; errorMessage: string }
  /** JSON or not, but not the API's envelope (a proxy page, another service). */
  | { kind: "not_envelope"; detail: string }
  /** No answer: refused, reset, timed out, too large. */
  | { kind: "unreachable"; error: OpenMoneyError };

export interface ProbeResult {
  endpoint: EndpointSpec;
  request: RequestInfo;
  /** HTTP status; null without an answer. */
  status: number | null;
  answer: RawAnswer | null;
  outcome: ProbeOutcome;
}

/** Classifies an answer of `endpoint`. */
export function classify(endpoint: EndpointSpec, answer: RawAnswer): ProbeOutcome {
  let body: unknown;
  try {
    body = parseJsonExact(answer.text, isAmountField);
  } catch {
    const type = answer.contentType ? ` (${answer.contentType.split(";")[0]})` : "";
    return { kind: "not_envelope", detail: `the body is not JSON${type}` };
  }
  const failure = errorEnvelope(body);
  if (failure) return { kind: "api_error", errorCode: failure.error_code, errorMessage: failure.error_message ?? "" };
  const success = successData(body);
  if (success === undefined) return { kind: "not_envelope", detail: "JSON, but not the API's {ok, data} envelope" };
  return { kind: "data", audit: endpoint.shape.audit(success.data) };
}
