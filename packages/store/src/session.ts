/**
 * What a `StoreDb` is inside the store: kysely over the store's connection (or over one write
 * transaction's) and the dialect's driver for what kysely does not do fast enough. Outside the store
 * it is an opaque token that only the store's functions accept, so no SQL runs anywhere else.
 */
import type { Kysely } from "kysely";
import type { Driver } from "./driver.js";
import type { Database } from "./schema.js";

declare const opaque: unique symbol;

/** What every query function takes: a store's `db`, or the `trx` given inside `writeTransaction`. */
export interface StoreDb {
  readonly [opaque]: "StoreDb";
}

export interface Session {
  readonly kysely: Kysely<Database>;
  readonly driver: Driver;
}

export function sessionOf(db: StoreDb): Session {
  return db as unknown as Session;
}

export function storeDbOf(session: Session): StoreDb {
  return session as unknown as StoreDb;
}

/** The query builder of a StoreDb, for the query modules. */
export function builder(db: StoreDb): Kysely<Database> {
  return sessionOf(db).kysely;
}

/** The dialect's driver of a StoreDb. */
export function driverOf(db: StoreDb): Driver {
  return sessionOf(db).driver;
}
