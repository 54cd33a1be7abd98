/**
 * Sync's cursors and watermarks, as JSON under a key, and what they say about the mirror. Write
 * them with `writeTransaction` together with the rows they describe, so a crash never leaves a
 * cursor ahead of (or behind) the data. A sync writes its cursor with every page: the statements
 * are the driver's fixed ones.
 */
import { driverOf, type StoreDb } from "./session.js";

/** The keys whose meaning is shared: sync writes them, reconcile reads them to know what the mirror is. */
export const SYNC_STATE_KEYS = {
  /** The orders walk in progress (`{ kind, from, to, offset }`), while a pass has not finished it. */
  ordersWalk: "orders.walk",
  /** Every order created before this instant is mirrored: the `to` of the last finished orders walk. */
  ordersCompleteTo: "orders.complete_to",
  /** The ledger walk in progress (`{ offset, stopAtId }`), while a pass has not finished it. */
  ledgerWalk: "balance_transactions.walk",
  /** The start (ISO) of the last sync pass that finished every part: orders, balance, ledger. */
  lastCompletePass: "sync.last_complete_pass",
} as const;

export async function getSyncState<T>(db: StoreDb, key: string): Promise<T | undefined> {
  const [row] = await driverOf(db).query<{ value: string }>(db, "sync_state_get", [key]);
  return row === undefined ? undefined : (JSON.parse(row.value) as T);
}

/** `value` must be JSON-serialisable (write bigints as strings). */
export async function setSyncState(db: StoreDb, key: string, value: unknown, now: Date = new Date()): Promise<void> {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`sync state ${key}: value is not JSON-serialisable`);
  await driverOf(db).execute(db, "sync_state_set", [key, json, now.toISOString()]);
}

export async function deleteSyncState(db: StoreDb, key: string): Promise<void> {
  await driverOf(db).execute(db, "sync_state_delete", [key]);
}

/** What the sync state says about the mirror's completeness (reconcile decides what to make of it). */
export interface MirrorState {
  /** The orders walk a pass left unfinished: its kind and how many rows of it are in. */
  ordersWalk: { kind: string; offset: number } | null;
  /** The ledger walk a pass left unfinished: how many rows of it are in. */
  ledgerWalk: { offset: number } | null;
  /**
   * When the last sync pass that finished started (ISO): the mirror holds everything up to then.
   * For a mirror last synced before passes were recorded, the end of its last finished orders walk.
   * Null when no pass ever finished.
   */
  lastCompletePass: string | null;
}

export async function readMirrorState(db: StoreDb): Promise<MirrorState> {
  const orders = await getSyncState<{ kind?: unknown; offset?: unknown }>(db, SYNC_STATE_KEYS.ordersWalk);
  const ledger = await getSyncState<{ offset?: unknown }>(db, SYNC_STATE_KEYS.ledgerWalk);
  const pass =
    (await getSyncState<string>(db, SYNC_STATE_KEYS.lastCompletePass)) ??
    (await getSyncState<string>(db, SYNC_STATE_KEYS.ordersCompleteTo));
  return {
    ordersWalk: orders ? { kind: String(orders.kind ?? "orders"), offset: Number(orders.offset ?? 0) } : null,
    ledgerWalk: ledger ? { offset: Number(ledger.offset ?? 0) } : null,
    lastCompletePass: typeof pass === "string" ? pass : null,
  };
}

/** Sync calls this, in its last transaction, when a pass has finished every part. */
export async function recordCompletePass(db: StoreDb, startedAt: Date): Promise<void> {
  await setSyncState(db, SYNC_STATE_KEYS.lastCompletePass, startedAt.toISOString());
}
