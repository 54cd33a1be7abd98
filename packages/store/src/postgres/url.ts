/**
 * Which `OMRECON_DB` is a Postgres server, and how to name it without its secret. The URL may hold
 * a password (docs/postgres.md#the-password): every message, log line and report names the
 * database by `displayName`, which keeps the user, host, port and database and drops the rest.
 */

/** `postgres://…` or `postgresql://…` (any case); anything else is a SQLite path. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

/** The URL's password, if it carries one (in the authority or as `?password=`). */
export function passwordOf(url: string): string | undefined {
  const parsed = parse(url);
  if (parsed === null) return undefined;
  const inQuery = parsed.searchParams.get("password");
  const inAuthority = parsed.password === "" ? undefined : decode(parsed.password);
  return inAuthority ?? (inQuery === null || inQuery === "" ? undefined : inQuery);
}

/**
 * `postgres://user@host:port/database`: what a person needs to tell which database is meant, and
 * nothing that may be secret (password, query parameters such as `sslkey` paths or `options`).
 */
export function displayName(url: string): string {
  const parsed = parse(url);
  if (parsed === null) return "postgres://(unreadable URL)";
  const user = parsed.username === "" ? "" : `${decode(parsed.username)}@`;
  const socket = parsed.searchParams.get("host");
  const host = parsed.hostname === "" ? (socket ?? "localhost") : parsed.hostname;
  const port = parsed.port === "" ? "" : `:${parsed.port}`;
  const database = decode(parsed.pathname.replace(/^\//, ""));
  return `postgres://${user}${host}${port}/${database}`;
}

/** Removes `secret` from text that may quote it (a driver's message), in every form a URL can hold it. */
export function scrub(text: string, secret: string | undefined): string {
  if (secret === undefined || secret === "") return text;
  let out = text;
  for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join("[REDACTED]");
  return out;
}

function parse(url: string): URL | null {
  try {
    // WHATWG URL reads any scheme's authority; the scheme itself does not matter here.
    return new URL(url.trim().replace(/^postgres(ql)?:/i, "postgres:"));
  } catch {
    return null;
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
