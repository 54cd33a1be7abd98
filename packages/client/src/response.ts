/**
 * What an answer means: the data of a success envelope read by its endpoint's shape, or the typed
 * error of an error envelope, or MalformedResponseError for anything that is not the envelope or
 * holds data omrecon cannot use (naming the field and the object), or BaseUrlError for a 404 where
 * the API always answers.
 */
import { parseRetryAfter } from "@omrecon/core";
import type { ApiCall } from "./call.js";
import { apiErrorFor, BaseUrlError, MalformedResponseError, type RequestInfo } from "./errors.js";
import { parseJsonExact } from "./json.js";
import { errorEnvelope, isAmountField, successData } from "./schemas.js";
import type { Difference } from "./shape.js";
import type { RawResponse } from "./transport.js";

const EXCERPT_LENGTH = 200;

export interface InterpretContext {
  request: RequestInfo;
  /** Removes the key from text bound for a message. */
  scrub: (s: string) => string;
  /** Named by the error a 404 from a fixed endpoint becomes. */
  baseUrl: string;
}

/** Returns the data as the client returns it, or throws the error the answer stands for. */
export function interpret<T>(raw: RawResponse, call: ApiCall<T>, ctx: InterpretContext): T {
  const { request, scrub } = ctx;
  const retryAfterMs = parseRetryAfter(raw.retryAfter);
  const malformed = (kind: "invalid_json" | "unexpected_shape", detail: string) =>
    new MalformedResponseError(
      { status: raw.status, excerpt: excerpt(raw.text, scrub), kind, detail: scrub(detail), retryAfterMs },
      request,
    );
  // Whoever answers a missing path with its own page is not the partner API (it always answers its envelope).
  const notTheApi = () => raw.status === 404 && call.optional !== true;

  let body: unknown;
  try {
    body = parseJsonExact(raw.text, isAmountField);
  } catch {
    if (notTheApi()) throw new BaseUrlError(ctx.baseUrl, request);
    throw malformed("invalid_json", "response is not JSON");
  }

  const failure = errorEnvelope(body);
  if (failure) {
    if (raw.status === 404 && call.fixed === true) throw new BaseUrlError(ctx.baseUrl, request);
    const details = {
      status: raw.status,
      errorCode: failure.error_code,
      errorMessage: scrub(failure.error_message ?? ""),
      requestId: raw.requestId,
    };
    throw apiErrorFor(details, request, retryAfterMs);
  }
  const success = successData(body);
  if (success === undefined || raw.status < 200 || raw.status >= 300) {
    if (notTheApi()) throw new BaseUrlError(ctx.baseUrl, request);
    throw malformed("unexpected_shape", "response is not the API's JSON envelope");
  }
  const data = call.shape.read(success.data);
  if (data !== undefined) return data;
  const { problems } = call.shape.audit(success.data);
  const first = problems[0] ?? { kind: "mistyped", field: "data", detail: "is not what omrecon expects" };
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  const problem = scrub(`${describeDifference(first)}${more}`);
  throw new MalformedResponseError(
    {
      status: raw.status,
      excerpt: excerpt(raw.text, scrub),
      kind: "unexpected_shape",
      detail: `the answer lacks what omrecon needs: ${problem}; \`pnpm check\` lists every difference`,
      field: first.field,
      where: first.where ?? null,
      problem,
    },
    request,
  );
}

/** `order 10421 (item 4): price_ton is missing`. */
export function describeDifference(d: Difference): string {
  return `${d.where ? `${d.where}: ` : ""}${d.field} ${d.detail}`;
}

function excerpt(text: string, scrub: (s: string) => string): string {
  const flat = scrub(text).replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
}
