/**
 * Rows of the report's big reads come as arrays (an object with named keys and a bigint per
 * integer cost more than the database takes to read the row), but never as bare positions: each
 * read declares its columns once, by name, with the SQL of each, and the caller reads a cell through
 * the index map built from that declaration. A column added anywhere in a declaration shifts nothing
 * a caller sees.
 */
import type { DialectName } from "./driver.js";

/** An integer read without BigInt: a number when it is a safe integer, else its exact decimal text, or null. */
export type IntValue = number | string | null;

/**
 * The SQL of an integer column as `IntValue`. SQLite: any integer beyond 2^53 becomes exact text in
 * SQL. Postgres: the column as it is; the driver's number parsers do the same (a CASE there cannot
 * mix bigint and text).
 */
export function intSql(dialect: DialectName, expression: string): string {
  if (dialect === "postgres") return `(${expression})`;
  return `CASE WHEN (${expression}) BETWEEN -9007199254740991 AND 9007199254740991 THEN (${expression}) ELSE CAST((${expression}) AS TEXT) END`;
}

/** Name → SQL expression, in the order the row holds them. */
export type ColumnDeclaration = Readonly<Record<string, string>>;

/** Name → position in the row, from a declaration. */
export type ColumnIndex<D extends ColumnDeclaration> = { readonly [K in keyof D]: number };

export function columnIndex<D extends ColumnDeclaration>(declaration: D): ColumnIndex<D> {
  const index: Record<string, number> = {};
  for (const [i, name] of Object.keys(declaration).entries()) index[name] = i;
  return Object.freeze(index) as ColumnIndex<D>;
}

/** `expr AS "name", …` in declaration order. */
export function selectList(declaration: ColumnDeclaration): string {
  return Object.entries(declaration)
    .map(([name, expression]) => `${expression} AS "${name}"`)
    .join(",\n  ");
}
