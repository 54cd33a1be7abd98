/**
 * The API's own description, when it publishes one: looked for at the usual places under the base
 * URL and its parents up to the origin (`openapi.json`, `swagger.json`, `docs/openapi.json`), and
 * compared with the client's declarations (the same `ENDPOINTS` and object specs sync reads with).
 * A document can be out of date, so what it says is at most a warning: the live answers decide.
 */
import {
  ENDPOINTS,
  type EndpointSpec,
  type FieldKind,
  KIND_INFO,
  LIST_KEYS,
  type ObjectSpec,
  type OpenMoneyClient,
  type RawAnswer,
  similarNames,
} from "@omrecon/client";
import { type CheckRow, type Verdict, worse } from "./report.js";

const NAMES = ["openapi.json", "swagger.json", "docs/openapi.json"];

/** Where to look, most specific first: `/api/v1/openapi.json`, …, `/api/openapi.json`, …, `/openapi.json`, …. */
export function candidatePaths(baseUrl: string): string[] {
  const segments = new URL(baseUrl).pathname.split("/").filter(Boolean);
  const out: string[] = [];
  for (let n = segments.length; n >= 0; n--) {
    const dir = segments
      .slice(0, n)
      .map((s) => `/${s}`)
      .join("");
    for (const name of NAMES) out.push(`${dir}/${name}`);
  }
  return out;
}

export interface OpenApiOutcome {
  rows: CheckRow[];
  /** The document found, for `--save-samples`. */
  document: RawAnswer | null;
}

export async function checkOpenApi(client: OpenMoneyClient): Promise<OpenApiOutcome> {
  const tried = candidatePaths(client.baseUrl);
  for (const path of tried) {
    let answer: RawAnswer;
    try {
      answer = await client.raw(path, { fromOrigin: true });
    } catch {
      break;
    }
    if (answer.status !== 200) continue;
    let doc: unknown;
    try {
      doc = JSON.parse(answer.text);
    } catch {
      continue;
    }
    if (!isDocument(doc)) continue;
    const url = new URL(path, client.baseUrl).href;
    return { rows: compareDocument(doc, url, client.baseUrl), document: answer };
  }
  return {
    rows: [
      {
        section: "OpenAPI",
        what: "OpenAPI document",
        status: "not found",
        verdict: "info",
        differences: [`looked at ${tried.join(", ")} on ${new URL(client.baseUrl).origin}`],
      },
    ],
    document: null,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is read loosely, every step checked
type Json = any;

function isDocument(doc: unknown): doc is Json {
  const d = doc as Json;
  return (
    typeof d === "object" &&
    d !== null &&
    (typeof d.openapi === "string" || d.swagger === "2.0") &&
    typeof d.paths === "object" &&
    d.paths !== null
  );
}

/** One row for the document, and one for every endpoint whose description differs from what omrecon expects. */
export function compareDocument(doc: Json, url: string, baseUrl: string): CheckRow[] {
  const operations = indexOperations(doc, new URL(baseUrl).pathname);
  const rows: CheckRow[] = [];
  let same = 0;
  for (const endpoint of ENDPOINTS) {
    const op = operations.get(`${endpoint.method} ${normalizePath(endpoint.pattern)}`);
    const { verdict, differences } = op === undefined ? absentOperation(endpoint) : compareOperation(doc, endpoint, op);
    if (differences.length === 0) {
      same++;
      continue;
    }
    rows.push({
      section: "OpenAPI",
      what: `OpenAPI: ${endpoint.key}`,
      status: op ? "documented" : "absent",
      verdict,
      differences,
    });
  }
  const title =
    typeof doc.info?.title === "string" ? ` (${doc.info.title} ${doc.info.version ?? ""})`.replace(" )", ")") : "";
  rows.unshift({
    section: "OpenAPI",
    what: "OpenAPI document",
    status: "found",
    verdict: "ok",
    differences: [`${url}${title}: ${same} of ${ENDPOINTS.length} endpoints as omrecon expects`],
  });
  return rows;
}

/** `{name}` → `{}`, no trailing slash. */
function normalizePath(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}").replace(/\/+$/, "") || "/";
}

/** Operations by `METHOD /path` under the base path (a document may list paths with or without it). */
function indexOperations(doc: Json, basePath: string): Map<string, Json> {
  const prefixes = new Set([basePath.replace(/\/+$/, "")]);
  for (const server of Array.isArray(doc.servers) ? doc.servers : []) {
    if (typeof server?.url === "string") prefixes.add(new URL(server.url, "http://x").pathname.replace(/\/+$/, ""));
  }
  if (typeof doc.basePath === "string") prefixes.add(doc.basePath.replace(/\/+$/, ""));
  const out = new Map<string, Json>();
  for (const [raw, item] of Object.entries<Json>(doc.paths)) {
    let path = raw;
    for (const prefix of prefixes) if (prefix && path.startsWith(`${prefix}/`)) path = path.slice(prefix.length);
    for (const method of ["get", "post"]) {
      if (item?.[method]) out.set(`${method.toUpperCase()} ${normalizePath(path)}`, item[method]);
    }
  }
  return out;
}

function absentOperation(endpoint: EndpointSpec): { verdict: Verdict; differences: string[] } {
  if (endpoint.role === "required") {
    return { verdict: "warning", differences: ["the document does not describe it; omrecon's sync reads it"] };
  }
  if (endpoint.role === "optional") {
    return {
      verdict: "warning",
      differences: ["the document does not describe it: if it is gone, control totals are skipped"],
    };
  }
  return { verdict: "info", differences: ["the document does not describe it (the nightly job does not use it)"] };
}

function compareOperation(doc: Json, endpoint: EndpointSpec, op: Json): { verdict: Verdict; differences: string[] } {
  const response = responseSchema(doc, op);
  if (response === null) return { verdict: "info", differences: ["the document gives no JSON schema for its answer"] };
  let data = unwrapEnvelope(doc, response);
  if (endpoint.shape.container !== "object") {
    const items = listItems(doc, data);
    if (items === null) {
      return { verdict: "warning", differences: [`its answer holds no list (looked for ${LIST_KEYS.join(", ")})`] };
    }
    data = items;
  }
  return compareObject(doc, endpoint.shape.spec, data);
}

/** The JSON schema of the operation's success answer (OpenAPI 3 `content`, Swagger 2 `schema`). */
function responseSchema(doc: Json, op: Json): Json | null {
  const responses = op?.responses ?? {};
  const key = ["200", "201", "2XX", "2xx", "default"].find((k) => responses[k]);
  if (key === undefined) return null;
  const r = resolve(doc, responses[key]);
  if (r?.schema) return r.schema;
  const content = r?.content ?? {};
  const type = Object.keys(content).find((t) => t.includes("json"));
  return type === undefined ? null : (content[type].schema ?? null);
}

/** The `data` of `{ok, data}` when the schema is the envelope; the schema itself otherwise. */
function unwrapEnvelope(doc: Json, schema: Json): Json {
  const s = flatten(doc, schema);
  const keys = Object.keys(s.properties);
  if (s.properties.data && keys.every((k) => ["ok", "data", "error_code", "error_message"].includes(k))) {
    return s.properties.data;
  }
  return schema;
}

function listItems(doc: Json, schema: Json): Json | null {
  const s = flatten(doc, schema);
  if (s.types.has("array")) return s.items;
  for (const key of LIST_KEYS) {
    const inner = s.properties[key] ? flatten(doc, s.properties[key]) : null;
    if (inner?.types.has("array")) return inner.items;
  }
  return null;
}

interface Flat {
  types: Set<string>;
  properties: Record<string, Json>;
  items: Json;
  enum: unknown[] | null;
}

/** A schema with `$ref`s followed and `allOf` merged; of `oneOf`/`anyOf`, the first that is not null. */
function flatten(doc: Json, schema: Json, depth = 0): Flat {
  const out: Flat = { types: new Set(), properties: {}, items: null, enum: null };
  const s = resolve(doc, schema);
  if (typeof s !== "object" || s === null || depth > 20) return out;
  for (const t of Array.isArray(s.type) ? s.type : s.type ? [s.type] : []) out.types.add(t);
  if (s.nullable === true) out.types.add("null");
  if (s.properties && typeof s.properties === "object") Object.assign(out.properties, s.properties);
  if (s.items) out.items = s.items;
  if (Array.isArray(s.enum)) out.enum = s.enum;
  const parts = [...(s.allOf ?? [])];
  const choice = [...(s.oneOf ?? []), ...(s.anyOf ?? [])].map((c) => flatten(doc, c, depth + 1));
  const chosen = choice.find((c) => !(c.types.size === 1 && c.types.has("null")));
  if (choice.some((c) => c.types.has("null"))) out.types.add("null");
  for (const part of parts) merge(out, flatten(doc, part, depth + 1));
  if (chosen) merge(out, chosen);
  return out;
}

function merge(into: Flat, from: Flat): void {
  for (const t of from.types) into.types.add(t);
  Object.assign(into.properties, from.properties);
  into.items ??= from.items;
  into.enum ??= from.enum;
}

function resolve(doc: Json, schema: Json): Json {
  let s = schema;
  for (let i = 0; i < 20 && typeof s?.$ref === "string"; i++) s = pointer(doc, s.$ref);
  return s;
}

function pointer(doc: Json, ref: string): Json {
  if (!ref.startsWith("#/")) return null;
  let at = doc;
  for (const part of ref.slice(2).split("/")) at = at?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  return at;
}

/** JSON types a document may give a field of this kind without changing what omrecon reads. */
const ACCEPTS: Record<FieldKind, readonly string[]> = {
  integer: ["integer"],
  count: ["integer"],
  string: ["string"],
  instant: ["string"],
  hash: ["string"],
  amount: ["number", "string"],
  boolean: ["boolean"],
  number: ["number", "integer"],
  integers: ["array"],
  counts: ["object"],
};

function compareObject(doc: Json, spec: ObjectSpec, schema: Json): { verdict: Verdict; differences: string[] } {
  const s = flatten(doc, schema);
  const documented = Object.keys(s.properties);
  if (documented.length === 0) return { verdict: "info", differences: ["the document lists no fields for it"] };
  const declared = new Set(Object.entries(spec.fields).flatMap(([name, f]) => [name, ...(f.aliases ?? [])]));
  let verdict: Verdict = "ok";
  const warn = (line: string) => {
    verdict = worse(verdict, "warning");
    lines.push(line);
  };
  const lines: string[] = [];
  const absent: string[] = [];
  const renamedTo = new Set<string>();
  for (const [name, field] of Object.entries(spec.fields)) {
    const found = [name, ...(field.aliases ?? [])].find((n) => n in s.properties);
    if (found === undefined) {
      const other = documented.find((k) => !declared.has(k) && similarNames(name, k));
      const renamed = other ? `; it has ${other} (renamed?)` : "";
      if (other) renamedTo.add(other);
      if (field.required) warn(`${name} is not in the document${renamed} — omrecon needs it`);
      else if (other) warn(`${name} is not in the document${renamed} — omrecon would read it as absent`);
      else absent.push(name);
      continue;
    }
    if (found !== name) {
      verdict = worse(verdict, "info");
      lines.push(`${name} is documented as ${found} (accepted)`);
    }
    const f = flatten(doc, s.properties[found]);
    const types = [...f.types].filter((t) => t !== "null");
    if (field.kind === "amount" && types.includes("integer") && !types.includes("number")) {
      warn(`${found} is documented as an integer: if it counts nanotons, omrecon would read it as TON`);
    } else if (types.length > 0 && !types.some((t) => ACCEPTS[field.kind].includes(t))) {
      warn(`${found} is documented as ${types.join(" or ")}; omrecon reads ${KIND_INFO[field.kind].expected}`);
    }
    if (field.known && f.enum) {
      const unknown = f.enum.filter((v) => typeof v === "string" && !field.known!.includes(v));
      if (unknown.length > 0)
        warn(
          `${found} may be ${unknown.map((v) => JSON.stringify(v)).join(", ")}: values omrecon does not know (kept)`,
        );
    }
  }
  if (absent.length > 0) {
    verdict = worse(verdict, "info");
    lines.push(`not documented (optional, read as null): ${absent.join(", ")}`);
  }
  const extra = documented.filter((k) => !declared.has(k) && !renamedTo.has(k));
  if (extra.length > 0) {
    verdict = worse(verdict, "info");
    lines.push(`documented fields omrecon does not read (kept): ${extra.join(", ")}`);
  }
  return { verdict, differences: lines };
}
