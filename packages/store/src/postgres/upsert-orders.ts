/**
 * Postgres's path for orders.ts's `upsertOrders`: up to 5,000 rows per statement, each column sent
 * as one array and spread by `unnest` (21 parameters whatever the batch, one statement text that
 * each connection prepares once). A row that is new is inserted; else it is rewritten only when some
 * content column differs (`IS DISTINCT FROM` treats two nulls as equal), and the statement counts
 * which happened (`xmax = 0` marks a row it inserted) instead of returning every row.
 */
import {
  type NewOrderRow,
  ORDER_COLUMN_NAMES,
  ORDER_COLUMNS,
  ORDER_CONTENT_COLUMNS,
  type OrderColumnKind,
  type UpsertCounts,
} from "../order-columns.js";
import type { PgConnection } from "./dialect.js";

const COLUMNS = ORDER_COLUMN_NAMES;
const KNOWN_COLUMNS: ReadonlySet<string> = new Set(COLUMNS);
const REWRITTEN = COLUMNS.filter((c) => c !== "id");

const ARRAY_TYPE: Readonly<Record<OrderColumnKind, string>> = {
  id: "bigint[]",
  int: "bigint[]",
  nano: "bigint[]",
  text: "text[]",
  time: "timestamptz[]",
};

const UPSERT_SQL = `with written as (
  insert into orders (${COLUMNS.join(", ")})
  select * from unnest(${COLUMNS.map((c, i) => `$${i + 1}::${ARRAY_TYPE[ORDER_COLUMNS[c].kind]}`).join(", ")})
  on conflict (id) do update set ${REWRITTEN.map((c) => `${c} = excluded.${c}`).join(", ")}
  where (${ORDER_CONTENT_COLUMNS.map((c) => `orders.${c}`).join(", ")}) is distinct from (${ORDER_CONTENT_COLUMNS.map(
    (c) => `excluded.${c}`,
  ).join(", ")})
  returning (xmax = 0) as inserted
)
select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated from written`;

/** Rows per statement: larger batches stop paying off, and a refused row undoes at most this many. */
export const ROWS_PER_STATEMENT = 5_000;

/**
 * Writes distinct rows, ascending by id (orders.ts prepares them). A column missing from a row is
 * written as null; a key that is no column throws before anything of its batch is written. Inside
 * a transaction each statement runs in a savepoint, so that a refused row undoes its batch and
 * leaves the caller's transaction usable, as on SQLite.
 */
export async function upsertOrderRowsPg(connection: PgConnection, rows: readonly NewOrderRow[]): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0 };
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const columns = columnArrays(rows, start, Math.min(rows.length, start + ROWS_PER_STATEMENT));
    const guarded = connection.inTransaction;
    if (guarded) await connection.run({ text: "savepoint upsert_orders" }, "write");
    try {
      const result = await connection.run<{ inserted: bigint; updated: bigint }>(
        { name: "omrecon_upsert_orders", text: UPSERT_SQL, values: columns },
        "write",
      );
      const row = result.rows[0];
      counts.inserted += Number(row?.inserted ?? 0);
      counts.updated += Number(row?.updated ?? 0);
    } catch (error) {
      if (guarded && connection.inTransaction && !connection.broken) {
        await connection.run({ text: "rollback to savepoint upsert_orders" }, "write").catch(() => {});
      }
      throw error;
    }
    if (guarded) await connection.run({ text: "release savepoint upsert_orders" }, "write");
  }
  return counts;
}

/** One array per column, in COLUMNS order; U+0000 (which Postgres text cannot hold) as U+FFFD. */
function columnArrays(rows: readonly NewOrderRow[], start: number, end: number): unknown[][] {
  const out = COLUMNS.map(() => new Array<unknown>(end - start));
  for (let i = start; i < end; i++) {
    const row = rows[i]! as Record<string, unknown>;
    let defined = 0;
    for (let c = 0; c < COLUMNS.length; c++) {
      let value = row[COLUMNS[c]!];
      if (value !== undefined) defined++;
      if (typeof value === "string") {
        if (value.includes("\0")) value = value.replaceAll("\0", "\uFFFD");
      } else if (value != null && typeof value !== "number" && typeof value !== "bigint") {
        // pg would write an object as its JSON and a boolean as a word; SQLite refuses both, and so do we.
        throw new TypeError(`orders.${COLUMNS[c]}: cannot write a value of type ${typeof value}`);
      }
      out[c]![i - start] = value ?? null;
    }
    if (Object.keys(row).length !== defined) assertKnownColumns(row);
  }
  return out;
}

function assertKnownColumns(row: Record<string, unknown>): void {
  for (const key of Object.keys(row)) {
    if (!KNOWN_COLUMNS.has(key)) throw new TypeError(`table orders has no column named ${key}`);
  }
}
