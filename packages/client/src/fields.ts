/**
 * Response shapes declared once, checked two ways: as a zod schema (the reference, and the source of
 * every error message) and as plain predicates that accept exactly the JSON values zod accepts. A
 * page of 100 orders costs zod over a millisecond; the predicates a fraction of that, and a sync
 * validates every page. Only JSON values reach either (the body went through JSON.parse), so the
 * predicates need not care about undefined inside arrays, symbols, getters or prototypes.
 */
import { z } from "zod";

/** One field: its zod schema, and a predicate true exactly when that schema accepts the value unchanged. */
export interface Field<T = unknown> {
  readonly schema: z.ZodType<T>;
  readonly accepts: (value: unknown) => boolean;
  /** zod's optional in and out: an absent key passes and stays absent. */
  readonly optional: boolean;
}

export const string: Field<string> = { schema: z.string(), accepts: (v) => typeof v === "string", optional: false };

/** `z.number().int()` takes safe integers only. */
export const int: Field<number> = {
  schema: z.number().int(),
  accepts: (v) => typeof v === "number" && Number.isSafeInteger(v),
  optional: false,
};

/** An amount: its exact text (json.ts) or, when it reached us another way, a number. */
export const amount: Field<string | number> = {
  schema: z.union([z.string(), z.number()]),
  accepts: (v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v)),
  optional: false,
};

export function nullish<T>(field: Field<T>): Field<T | null | undefined> {
  return {
    schema: field.schema.nullish(),
    accepts: (v) => v === null || v === undefined || field.accepts(v),
    optional: true,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A check that returns what zod would return for the value, or undefined where zod would report issues. */
export type FastCheck<T> = (value: unknown) => T | undefined;

/**
 * `z.looseObject` of the fields, and its fast twin: zod's output order (declared fields that are
 * present, in declaration order, then the other keys in input order but `__proto__`, which zod
 * never copies).
 */
export function looseObject(fields: Record<string, Field>) {
  const schema = z.looseObject(Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.schema])));
  const declared = Object.entries(fields);
  const known = new Set(Object.keys(fields));
  const check: FastCheck<Record<string, unknown>> = (input) => {
    if (!isObject(input)) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, field] of declared) {
      if (key in input) {
        const value = input[key];
        if (!field.accepts(value)) return undefined;
        out[key] = value;
      } else if (!field.optional) {
        return undefined;
      }
    }
    for (const key in input) {
      if (!known.has(key) && key !== "__proto__") out[key] = input[key];
    }
    return out;
  };
  return { schema, check };
}

/**
 * The fast twin of `schema.transform(convert)`: `convert` runs on what `check` returns, and any
 * issue it adds means zod's answer would be a failure.
 */
export function transformed<I, O>(check: FastCheck<I>, convert: (value: I, ctx: z.RefinementCtx) => O): FastCheck<O> {
  return (input) => {
    const value = check(input);
    if (value === undefined) return undefined;
    let failed = false;
    const ctx = {
      addIssue: () => {
        failed = true;
      },
    } as unknown as z.RefinementCtx;
    const out = convert(value, ctx);
    return failed ? undefined : out;
  };
}

/** The fast twin of `z.array(item)`. */
export function arrayOf<T>(item: FastCheck<T>): FastCheck<T[]> {
  return (input) => {
    if (!Array.isArray(input)) return undefined;
    const out = new Array<T>(input.length);
    for (let i = 0; i < input.length; i++) {
      const value = item(input[i]);
      if (value === undefined) return undefined;
      out[i] = value;
    }
    return out;
  };
}

/** The fast twin of a plain `z.object` of fields that are all required: other keys are dropped. */
export function strictFields<T>(fields: Record<string, FastCheck<unknown>>): FastCheck<T> {
  const entries = Object.entries(fields);
  return (input) => {
    if (!isObject(input)) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, check] of entries) {
      if (!(key in input)) return undefined;
      const value = check(input[key]);
      if (value === undefined) return undefined;
      out[key] = value;
    }
    return out as T;
  };
}

/** A field's predicate as a check that returns the value itself. */
export function checkOf<T>(field: Field<T>): FastCheck<T> {
  return (value) => (field.accepts(value) ? (value as T) : undefined);
}

const fastChecks = new WeakMap<z.ZodType, FastCheck<unknown>>();

/** Records the fast twin of `schema`; returns the schema. */
export function withFastCheck<T>(schema: z.ZodType<T>, check: FastCheck<T>): z.ZodType<T> {
  fastChecks.set(schema, check);
  return schema;
}

/**
 * What `schema.safeParse(data)` would give: through the fast twin when there is one and it
 * accepts, else through zod (every failure is reported by zod, with its path and message).
 */
export function safeParse<T>(schema: z.ZodType<T>, data: unknown): z.ZodSafeParseResult<T> {
  const check = fastChecks.get(schema) as FastCheck<T> | undefined;
  if (check !== undefined) {
    const value = check(data);
    if (value !== undefined) return { success: true, data: value };
  }
  return schema.safeParse(data);
}
