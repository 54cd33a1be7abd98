/**
 * Which failure a `pg` error is (errors.ts words it): a SQLSTATE class or code the server sent, or
 * the errno of a connection that never came or broke. The server's own words go into the line for
 * the kinds that need them, with the URL's password scrubbed out of them.
 */
import { type Access, type FailureKind, StoreError, storeFailure } from "../errors.js";
import { scrub } from "./url.js";

/** SQLSTATE codes that say enough by themselves. */
const CODES: Readonly<Record<string, FailureKind>> = {
  "3D000": "no_database",
  "3F000": "no_schema",
  "42501": "privilege",
  "53100": "full",
  "53300": "unreachable",
  "55P03": "busy",
  "25006": "read_only_server",
  "57P01": "unreachable",
  "57P02": "unreachable",
  "57P03": "unreachable",
};

/** SQLSTATE classes (the first two characters). */
const CLASSES: Readonly<Record<string, FailureKind>> = {
  "08": "unreachable",
  "28": "auth",
  "58": "io",
  XX: "io",
};

/** Node's errors of a connection (no SQLSTATE). */
const ERRNO = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ENOENT",
  "EACCES",
]);

/** pg's own words for a connection that ended or never came (it gives them no code). */
const CONNECTION_WORDS =
  /connection terminated|connection timeout|timeout expired|not queryable|server does not support ssl|client has encountered a connection error|connection is closed/i;

/**
 * The StoreError for `error` met while using the database named `name` (its display name), or the
 * error itself when it is not a failure of the database (a constraint, a bad value, a bug: the
 * caller's to handle). `secret` (the URL's password) never reaches the message.
 */
export function translatePgFailure(name: string, access: Access, error: unknown, secret?: string): unknown {
  if (error instanceof StoreError) return error;
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const detail = scrub(describe(error), secret);
  let kind: FailureKind | undefined;
  if (typeof code === "string") {
    kind = CODES[code] ?? CLASSES[code.slice(0, 2)] ?? (ERRNO.has(code) ? "unreachable" : undefined);
  } else if (CONNECTION_WORDS.test(error.message)) {
    kind = "unreachable";
  }
  if (kind === undefined) return error;
  return storeFailure(name, kind === "full" || kind === "read_only_server" ? "write" : access, kind, {
    detail,
    cause: error,
  });
}

/** The server's message, or for a connection error what was tried (an AggregateError names each address). */
function describe(error: Error): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return (error.errors as Error[]).map((e) => e.message).join("; ");
  }
  return error.message || String((error as { code?: unknown }).code ?? "error");
}
