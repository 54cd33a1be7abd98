/**
 * The one declaration of a mirrored order. The table's row types, which columns are NOT NULL, the
 * upsert's columns and what "the content changed" compares, and how sync fills each column from
 * the partner API's order all come from this list. Adding a field to orders: a line here, a
 * migration (migrations are history and never read this), the client's schema, the report's columns.
 */
import type { ColumnType } from "kysely";

/** How a column is stored and read back (INTEGERs as `bigint`: the connection reads safe integers). */
export type OrderColumnKind =
  /** INTEGER PRIMARY KEY, the API's id. */
  | "id"
  /** INTEGER. */
  | "int"
  /** INTEGER nanotons. */
  | "nano"
  /** TEXT as the API gave it. */
  | "text"
  /** TEXT, a time as `toStoredTime` writes it (fixed width, so text order is time order). */
  | "time";

export interface OrderColumnSpec {
  kind: OrderColumnKind;
  /** NOT NULL; every other column takes null. */
  required?: true;
  /**
   * Where sync takes the value from. Absent: the API field of the column's name (null when the API
   * leaves it out). `rawAddressOf`: the raw form of that field's address (null when it is none).
   * `unknown_fields`: JSON of every field no column covers. `sync_time`: when sync wrote the row.
   */
  from?: { rawAddressOf: string } | "unknown_fields" | "sync_time";
  /** API fields the column covers besides its own name (the API's float `price_ton` is `price_nano` exactly). */
  covers?: readonly string[];
  /**
   * What a NOT NULL text column holds when the API leaves the field out (docs/partner-api.md#tolerance:
   * only what reconciliation needs is required; the public page's example has no `order_type`).
   */
  whenAbsent?: string;
}

export const ORDER_COLUMNS = {
  id: { kind: "id", required: true },
  status: { kind: "text", required: true },
  order_type: { kind: "text", required: true, whenAbsent: "" },
  stars_amount: { kind: "int" },
  premium_months: { kind: "int" },
  recipient_username: { kind: "text", required: true, whenAbsent: "" },
  price_nano: { kind: "nano", required: true, covers: ["price_ton"] },
  payment_method: { kind: "text" },
  payment_currency: { kind: "text" },
  /** As the API gave it (user-friendly form); compare with `payment_address_raw`. */
  payment_address: { kind: "text" },
  /** `0:<hex>`, or null when absent or not an address. */
  payment_address_raw: { kind: "text", from: { rawAddressOf: "payment_address" } },
  payment_memo: { kind: "text" },
  client_reference: { kind: "text" },
  tx_hash: { kind: "text" },
  expires_at: { kind: "time" },
  created_at: { kind: "time", required: true },
  updated_at: { kind: "time" },
  paid_at: { kind: "time" },
  completed_at: { kind: "time" },
  /** JSON object of the fields the API sent that have no column. */
  extra: { kind: "text", required: true, from: "unknown_fields" },
  /** When sync last wrote the row's content. */
  synced_at: { kind: "time", required: true, from: "sync_time" },
} as const satisfies Record<string, OrderColumnSpec>;

type Spec = typeof ORDER_COLUMNS;
export type OrderColumn = keyof Spec;

type ReadAs<K extends OrderColumnKind> = K extends "text" | "time" ? string : bigint;
type WriteAs<K extends OrderColumnKind> = K extends "text" | "time"
  ? string
  : K extends "nano"
    ? bigint
    : number | bigint;
type RequiredColumn = { [C in OrderColumn]: Spec[C] extends { required: true } ? C : never }[OrderColumn];
type NullableColumn = Exclude<OrderColumn, RequiredColumn>;

/** An order as mirrored: ids and amounts `bigint` (nanotons), times stored ISO text. */
export type OrderRow = {
  [C in OrderColumn]: ReadAs<Spec[C]["kind"]> | (C extends RequiredColumn ? never : null);
};

/** An order to write: a nullable column left out is written as null. */
export type NewOrderRow = { [C in RequiredColumn]: WriteAs<Spec[C]["kind"]> } & {
  [C in NullableColumn]?: WriteAs<Spec[C]["kind"]> | null;
};

/** The table as kysely sees it (schema.ts). */
export type OrdersTable = {
  [C in OrderColumn]: C extends RequiredColumn
    ? ColumnType<ReadAs<Spec[C]["kind"]>, WriteAs<Spec[C]["kind"]>, WriteAs<Spec[C]["kind"]>>
    : ColumnType<ReadAs<Spec[C]["kind"]> | null, WriteAs<Spec[C]["kind"]> | null, WriteAs<Spec[C]["kind"]> | null>;
};

export interface UpsertCounts {
  /** Rows that were not in the mirror. */
  inserted: number;
  /** Rows that were there and whose content changed (a re-read of an unchanged order counts in neither). */
  updated: number;
}

/** Every column, in declaration order (the upsert's parameter order). */
export const ORDER_COLUMN_NAMES = Object.keys(ORDER_COLUMNS) as readonly OrderColumn[];

const spec = (c: OrderColumn): OrderColumnSpec => ORDER_COLUMNS[c];

/** Every column but the key and `synced_at`: what "the content changed" compares. */
export const ORDER_CONTENT_COLUMNS: readonly OrderColumn[] = ORDER_COLUMN_NAMES.filter(
  (c) => spec(c).kind !== "id" && spec(c).from !== "sync_time",
);

/** Columns declared NOT NULL. */
export const ORDER_REQUIRED_COLUMNS: ReadonlySet<OrderColumn> = new Set(
  ORDER_COLUMN_NAMES.filter((c) => spec(c).required === true),
);
