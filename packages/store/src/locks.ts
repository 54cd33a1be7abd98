/**
 * The `locks` table: one row per job name, owned by one process at a time, alive while its
 * holder refreshes `expires_at`. lock.ts builds the one lock every job uses on these statements.
 */
import { type Selectable, sql } from "kysely";
import type { LocksTable } from "./schema.js";
import { builder, driverOf, type StoreDb } from "./session.js";

export type LockRow = Selectable<LocksTable>;

export interface LockRequest {
  /** The job, e.g. "sync". */
  name: string;
  /** Who asks: unique per process and run (host, pid, random). */
  owner: string;
  /** How long the lock lives without a refresh. */
  ttlMs: number;
  now?: Date;
}

export type LockResult = { acquired: true; lock: LockRow } | { acquired: false; holder: LockRow };

/**
 * Takes the named lock when it is free, expired, or already ours, in one statement so that two
 * processes racing for it cannot both win. Otherwise reports who holds it.
 */
export async function acquireLock(db: StoreDb, request: LockRequest): Promise<LockResult> {
  const now = request.now ?? new Date();
  const at = now.toISOString();
  const expires = new Date(now.getTime() + request.ttlMs).toISOString();
  const won = await builder(db)
    .insertInto("locks")
    .values({ name: request.name, owner: request.owner, acquired_at: at, expires_at: expires })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet((eb) => ({
          owner: eb.ref("excluded.owner"),
          acquired_at: sql<string>`case when locks.owner = excluded.owner then locks.acquired_at else excluded.acquired_at end`,
          expires_at: eb.ref("excluded.expires_at"),
        }))
        .where((eb) => eb.or([eb("locks.expires_at", "<=", at), eb("locks.owner", "=", request.owner)])),
    )
    .returningAll()
    .executeTakeFirst();
  if (won) return { acquired: true, lock: won };
  const holder = await lockHolder(db, request.name);
  // The holder may have released it between the two statements: try once more.
  if (!holder) return acquireLock(db, request);
  return { acquired: false, holder };
}

export async function lockHolder(db: StoreDb, name: string): Promise<LockRow | undefined> {
  return builder(db).selectFrom("locks").selectAll().where("name", "=", name).executeTakeFirst();
}

/** Extends our lock; false when it is no longer ours (it expired and someone took it over). */
export async function refreshLock(db: StoreDb, request: LockRequest): Promise<boolean> {
  const now = request.now ?? new Date();
  // A fixed statement: every page of a sync re-checks its lock with it.
  const expires = new Date(now.getTime() + request.ttlMs).toISOString();
  return (await driverOf(db).execute(db, "lock_refresh", [expires, request.name, request.owner])) > 0;
}

/** Drops our lock; a lock someone else holds is left alone. */
export async function releaseLock(db: StoreDb, request: Pick<LockRequest, "name" | "owner">): Promise<boolean> {
  const result = await builder(db)
    .deleteFrom("locks")
    .where("name", "=", request.name)
    .where("owner", "=", request.owner)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Takes the lock from `previousOwner` whatever its expiry (compare-and-swap: fails when someone else
 * got there first). For a holder known to be dead, e.g. a process on this host that no longer exists.
 */
export async function takeOverLock(db: StoreDb, request: LockRequest & { previousOwner: string }): Promise<boolean> {
  const now = request.now ?? new Date();
  const result = await builder(db)
    .updateTable("locks")
    .set({
      owner: request.owner,
      acquired_at: now.toISOString(),
      expires_at: new Date(now.getTime() + request.ttlMs).toISOString(),
    })
    .where("name", "=", request.name)
    .where("owner", "=", request.previousOwner)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
