/**
 * Reading an object of the API by its declaration (`ObjectSpec`, schemas.ts) — one reader, two
 * modes. `read` is the fast path every page of a sync takes: it stops at the first thing it cannot
 * accept. `audit` walks the same code with a sink and collects every difference between the answer
 * and the declaration — problems that make it unusable, and notes on what was tolerated — which is
 * how an error names the field and how `check` lists everything. So the rules of tolerance
 * (docs/partner-api.md#tolerance) exist once.
 */
import { parseInstant, parseTon, txHashToHex } from "@omrecon/core";
import {
  type ConversionProblem,
  convertValue,
  type FieldKind,
  hasKindType,
  KIND_INFO,
  MAX_NANO,
  shown,
  typeName,
} from "./fields.js";

export interface FieldSpec {
  kind: FieldKind;
  /** Reconciliation cannot do without it: absent or null is a problem naming the field. */
  required?: boolean;
  /** Other names the API may give it, read when the field itself is absent. */
  aliases?: readonly string[];
  /** The values omrecon knows (statuses, types); any other is kept, and noted. */
  known?: readonly string[];
  /** What omrecon does with it, one line (for `check` and the docs). */
  doc: string;
}

/** A requirement that depends on other fields, e.g. an order paid by memo needs its address. */
export interface RuleProblem {
  field: string;
  detail: string;
}

export interface ObjectSpec {
  /** How messages name one: "order", "balance transaction". */
  noun: string;
  fields: Readonly<Record<string, FieldSpec>>;
  /** Problems of a read object that no single field shows. */
  rules?: (o: Readonly<Record<string, unknown>>) => readonly RuleProblem[];
  /** Fills fields the API left out from others; returns the names of those it filled. */
  derive?: (o: Record<string, unknown>) => readonly string[];
}

export type DifferenceKind =
  /** Problems: the answer cannot be used. */
  | "missing"
  | "null"
  | "mistyped"
  | "invalid"
  /** A problem when the field is required, a note otherwise: a similar field is there instead. */
  | "renamed"
  /** Notes. */
  | "unknown_value"
  | "alias"
  | "absent"
  | "extra"
  | "derived"
  | "shape";

export interface Difference {
  kind: DifferenceKind;
  /** The API's field (`price_ton`), or a place in the answer (`data`, `total`). */
  field: string;
  /** A phrase that follows the field: "is missing", "is \"abc\", not a TON amount". */
  detail: string;
  /** Which object: "order 10421 (item 4)". */
  where?: string;
  /** For `renamed`: the name the answer uses. */
  renamedTo?: string;
}

export interface Audit {
  problems: Difference[];
  notes: Difference[];
}

/** Collects differences (audit mode). */
export class Sink {
  readonly problems: Difference[] = [];
  readonly notes: Difference[] = [];
  problem(kind: DifferenceKind, field: string, detail: string): void {
    this.problems.push({ kind, field, detail });
  }
  note(kind: DifferenceKind, field: string, detail: string): void {
    this.notes.push({ kind, field, detail });
  }
}

const AMOUNT = 1;
const HASH = 2;
const INSTANT = 3;
const PLAIN = 4;

interface CompiledField {
  name: string;
  kind: FieldKind;
  code: number;
  required: boolean;
  aliases: readonly string[] | undefined;
  /** `x_nano` beside an amount `x_ton`. */
  nano: string | undefined;
  known: ReadonlySet<string> | undefined;
}

export interface CompiledSpec {
  spec: ObjectSpec;
  fields: readonly CompiledField[];
  /** Declared names and aliases: everything else is an extra field, kept as sent. */
  declared: ReadonlySet<string>;
  /** The field naming an object in messages, if declared: `id`. */
  hasId: boolean;
}

export function compile(spec: ObjectSpec): CompiledSpec {
  const fields: CompiledField[] = [];
  const declared = new Set<string>();
  for (const [name, f] of Object.entries(spec.fields)) {
    const code = f.kind === "amount" ? AMOUNT : f.kind === "hash" ? HASH : f.kind === "instant" ? INSTANT : PLAIN;
    fields.push({
      name,
      kind: f.kind,
      code,
      required: f.required ?? false,
      aliases: f.aliases,
      nano: f.kind === "amount" ? `${name.replace(/_ton$/, "")}_nano` : undefined,
      known: f.known ? new Set(f.known) : undefined,
    });
    declared.add(name);
    for (const a of f.aliases ?? []) declared.add(a);
  }
  return { spec, fields, declared, hasId: "id" in spec.fields };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The object as the client returns it: declared fields first, in declaration order (an amount's
 * `x_nano` right after it, an absent field as null), then every other field as sent. Undefined
 * when the object cannot be used; with a sink, every difference is recorded and reading goes on.
 */
export function readObject(c: CompiledSpec, input: unknown, sink: Sink | null): Record<string, unknown> | undefined {
  if (!isObject(input)) {
    sink?.problem("mistyped", c.spec.noun, `is ${typeName(input)}, not an object`);
    return undefined;
  }
  const out: Record<string, unknown> = {};
  let failed = false;
  const fields = c.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    let v = input[f.name];
    if (v === undefined && f.aliases !== undefined) {
      for (const a of f.aliases) {
        v = input[a];
        if (v !== undefined) {
          sink?.note("alias", f.name, `is sent as ${a} (accepted)`);
          break;
        }
      }
    }
    if (v === undefined || v === null) {
      if (f.required) {
        if (sink === null) return undefined;
        failed = true;
        sink.problem(v === undefined ? "missing" : "null", f.name, v === undefined ? "is missing" : "is null");
      } else if (v === undefined) {
        sink?.note("absent", f.name, "is absent (optional)");
      }
      out[f.name] = null;
      if (f.nano !== undefined) out[f.nano] = null;
      continue;
    }
    if (!hasKindType(f.kind, v)) {
      if (sink === null) return undefined;
      failed = true;
      sink.problem("mistyped", f.name, `is ${typeName(v)} (${shown(v)}), not ${KIND_INFO[f.kind].expected}`);
      out[f.name] = null;
      if (f.nano !== undefined) out[f.nano] = null;
      continue;
    }
    // The conversions inline for the fields every order has; convertValue explains a failure.
    if (f.code === AMOUNT) {
      const nano = amountNano(v as string | number);
      if (nano === undefined) {
        if (sink === null) return undefined;
        failed = true;
        sink.problem("invalid", f.name, `is ${(convertValue("amount", v) as ConversionProblem).detail}`);
        continue;
      }
      out[f.name] = typeof v === "number" ? v : Number(v);
      out[f.nano!] = nano;
    } else if (f.code === HASH) {
      const hex = hashHex(v as string);
      if (hex === undefined) {
        if (sink === null) return undefined;
        failed = true;
        sink.problem("invalid", f.name, `is ${(convertValue("hash", v) as ConversionProblem).detail}`);
        continue;
      }
      out[f.name] = hex;
    } else if (f.code === INSTANT) {
      if (Number.isNaN(parseInstant(v as string))) {
        if (sink === null) return undefined;
        failed = true;
        sink.problem("invalid", f.name, `is ${(convertValue("instant", v) as ConversionProblem).detail}`);
        continue;
      }
      out[f.name] = v;
    } else {
      if (sink !== null && f.known !== undefined && !f.known.has(v as string)) {
        sink.note("unknown_value", f.name, `is ${shown(v)}, a value omrecon does not know (kept as sent)`);
      }
      out[f.name] = v;
    }
  }
  for (const key in input) {
    if (c.declared.has(key) || key === "__proto__") continue;
    out[key] = input[key];
    sink?.note("extra", key, "is not one omrecon reads (kept)");
  }
  if (c.spec.derive !== undefined) {
    for (const name of c.spec.derive(out))
      sink?.note("derived", name, `is absent; ${shown(out[name])} taken from the other fields`);
  }
  if (c.spec.rules !== undefined && !failed) {
    const broken = c.spec.rules(out);
    if (broken.length > 0) {
      if (sink === null) return undefined;
      failed = true;
      for (const p of broken) sink.problem(p.field in input ? "null" : "missing", p.field, p.detail);
    }
  }
  if (sink !== null) hintRenames(c, input, sink);
  return failed ? undefined : out;
}

/** Exact nanotons of an amount that a 64-bit integer holds, else undefined. */
function amountNano(v: string | number): bigint | undefined {
  try {
    const nano = parseTon(v);
    return nano > MAX_NANO || nano < -MAX_NANO ? undefined : nano;
  } catch {
    return undefined;
  }
}

/** 64 lowercase hex; null for an empty string; undefined when it is no hash. */
function hashHex(v: string): string | null | undefined {
  if (v.length === 64 && /^[0-9a-f]{64}$/.test(v)) return v;
  if (v.trim() === "") return null;
  try {
    return txHashToHex(v);
  } catch {
    return undefined;
  }
}

/**
 * A missing or absent field beside an unknown one of a similar name that holds the right kind of
 * value is most likely the same field renamed (`price_ton` → `price`): say so.
 */
function hintRenames(c: CompiledSpec, input: Record<string, unknown>, sink: Sink): void {
  const extras = Object.keys(input).filter((k) => !c.declared.has(k));
  if (extras.length === 0) return;
  const rewrite = (list: Difference[], kinds: readonly DifferenceKind[]) => {
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      if (!kinds.includes(d.kind)) continue;
      const field = c.fields.find((f) => f.name === d.field);
      if (!field) continue;
      const other = extras.find((k) => similarNames(field.name, k) && hasKindType(field.kind, input[k]));
      if (other === undefined) continue;
      list[i] = {
        kind: "renamed",
        field: d.field,
        renamedTo: other,
        detail: `${d.detail}; the answer has ${other} (renamed?)`,
      };
    }
  };
  rewrite(sink.problems, ["missing"]);
  rewrite(sink.notes, ["absent"]);
}

/** Same letters once case and separators are ignored, one inside the other, or two edits apart. */
export function similarNames(a: string, b: string): boolean {
  const x = a.toLowerCase().replace(/[^a-z0-9]/g, "");
  const y = b.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (x.length < 2 || y.length < 2) return false;
  if (x === y || x.includes(y) || y.includes(x)) return true;
  return editDistance(x, y) <= 2;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** "order 10421" when the object shows its id (or an alias of it), else the noun. */
export function describeObject(c: CompiledSpec, input: unknown): string {
  if (c.hasId && isObject(input)) {
    const idField = c.fields.find((f) => f.name === "id");
    for (const name of ["id", ...(idField?.aliases ?? [])]) {
      const id = input[name];
      if (typeof id === "number" || typeof id === "string") return `${c.spec.noun} ${shown(id).replace(/^"|"$/g, "")}`;
    }
  }
  return c.spec.noun;
}
