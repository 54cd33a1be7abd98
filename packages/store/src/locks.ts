import { type Selectable, sql } from "kysely";
import { runStatement } from "./raw-connection.js";
import type { LocksTable } from "./schema.js";
import type { StoreDb } from "./transaction.js";

export type LockRow = Selectable<LocksTable>;

export interface LockRequest {
  /** The job, e.g. "sync". */
  name: string;
  /** Who asks: unique per process and run (host, pid, random). */
  owner: string;
  /** How long the lock lives without a refresh; a crashed holder's lock is taken over after it. */
  ttlMs: number;
  now?: Date;
}

const REFRESH = "update locks set expires_at = ? where name = ? and owner = ?";

export type LockResult = { acquired: true; lock: LockRow } | { acquired: false; holder: LockRow };

/**
 * Takes the named lock when it is free, expired, or already ours, in one statement so that two
 * processes racing for it cannot both win. Otherwise reports who holds it.
 */
export async function acquireLock(db: StoreDb, request: LockRequest): Promise<LockResult> {
  const now = request.now ?? new Date();
  const at = now.toISOString();
  const expires = new Date(now.getTime() + request.ttlMs).toISOString();
  const won = await db
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
  const holder = await db.selectFrom("locks").selectAll().where("name", "=", request.name).executeTakeFirst();
  // The holder may have released it between the two statements: try once more.
  if (!holder) return acquireLock(db, request);
  return { acquired: false, holder };
}

/** Extends our lock; false when it is no longer ours (it expired and someone took it over). */
export async function refreshLock(db: StoreDb, request: LockRequest): Promise<boolean> {
  const now = request.now ?? new Date();
  // A cached statement: every page of a sync re-checks its lock with it.
  const { changes } = await runStatement(db, REFRESH, [
    new Date(now.getTime() + request.ttlMs).toISOString(),
    request.name,
    request.owner,
  ]);
  return changes > 0;
}

/** Drops our lock; a lock someone else holds is left alone. */
export async function releaseLock(db: StoreDb, request: Pick<LockRequest, "name" | "owner">): Promise<boolean> {
  const result = await db
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
  const result = await db
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
