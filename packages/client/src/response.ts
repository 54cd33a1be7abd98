/**
 * What an answer means: the data of a success envelope checked against its schema, or the typed
 * error of an error envelope, or MalformedResponseError for anything that is not the envelope.
 */
import type { z } from "zod";
import { apiErrorFor, MalformedResponseError, type RequestInfo } from "./errors.js";
import { safeParse } from "./fields.js";
import { parseJsonExact } from "./json.js";
import { parseRetryAfter } from "./retry.js";
import { errorEnvelope, isAmountField, successEnvelope } from "./schemas.js";
import type { RawResponse } from "./transport.js";

const EXCERPT_LENGTH = 200;

/** Returns the validated data, or throws the error the answer stands for. `scrub` removes the key from text. */
export function interpret<T>(
  raw: RawResponse,
  schema: z.ZodType<T>,
  request: RequestInfo,
  scrub: (s: string) => string,
): T {
  const retryAfterMs = parseRetryAfter(raw.retryAfter);
  const malformed = (kind: "invalid_json" | "unexpected_shape", detail: string) =>
    new MalformedResponseError(
      { status: raw.status, excerpt: excerpt(raw.text, scrub), kind, detail: scrub(detail), retryAfterMs },
      request,
    );

  let body: unknown;
  try {
    body = parseJsonExact(raw.text, isAmountField);
  } catch {
    throw malformed("invalid_json", "response is not JSON");
  }

  const failure = errorEnvelope.safeParse(body);
  if (failure.success) {
    const details = {
      status: raw.status,
      errorCode: failure.data.error_code,
      errorMessage: scrub(failure.data.error_message ?? ""),
      requestId: raw.requestId,
    };
    throw apiErrorFor(details, request, retryAfterMs);
  }
  const success = successEnvelope.safeParse(body);
  if (!success.success || raw.status < 200 || raw.status >= 300) {
    throw malformed("unexpected_shape", "response is not the API's JSON envelope");
  }
  const data = safeParse(schema, success.data.data);
  if (!data.success) {
    const issue = data.error.issues[0];
    const where = issue ? `${issue.path.join(".") || "data"}: ${issue.message}` : "invalid";
    throw malformed("unexpected_shape", `response data has an unexpected shape (${where})`);
  }
  return data.data;
}

function excerpt(text: string, scrub: (s: string) => string): string {
  const flat = scrub(text).replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
}
