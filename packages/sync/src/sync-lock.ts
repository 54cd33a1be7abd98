import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { type Logger, silentLogger } from "@omrecon/core";
import { acquireLock, refreshLock, releaseLock, type StoreDb, takeOverLock } from "@omrecon/store";
import { LockLostError, SyncLockedError } from "./errors.js";

export const SYNC_LOCK_NAME = "sync";

export interface SyncLockOptions {
  /** How long the lock lives without a heartbeat. Default 60 s. */
  ttlMs?: number;
  /** How long to wait for a busy lock before giving up. Default 0: fail at once. */
  waitMs?: number;
  logger?: Logger;
}

/** `host:pid:random`, unique per pass, and enough to tell whether a holder on this host is alive. */
export function newLockOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

function processIsGone(owner: string): boolean {
  const [host, pidText] = owner.split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * The database lock that keeps two syncs (processes or cron ticks) from writing at once. A heartbeat
 * keeps it alive while requests are in flight; every page's transaction re-checks it (`assertHeld`)
 * so a process that lost it can never commit. A holder that was killed is taken over at once when
 * it ran on this host, else when its lock expires.
 */
export class SyncLock {
  readonly owner = newLockOwner();
  readonly #db: StoreDb;
  readonly #ttlMs: number;
  readonly #waitMs: number;
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | undefined;

  constructor(db: StoreDb, options: SyncLockOptions = {}) {
    this.#db = db;
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#waitMs = options.waitMs ?? 0;
    this.#logger = options.logger ?? silentLogger;
  }

  #request() {
    return { name: SYNC_LOCK_NAME, owner: this.owner, ttlMs: this.#ttlMs };
  }

  /** Takes the lock, waiting up to `waitMs`; throws SyncLockedError naming the holder otherwise. */
  async acquire(): Promise<void> {
    const deadline = Date.now() + this.#waitMs;
    for (;;) {
      const result = await acquireLock(this.#db, this.#request());
      if (result.acquired) break;
      if (processIsGone(result.holder.owner)) {
        if (await takeOverLock(this.#db, { ...this.#request(), previousOwner: result.holder.owner })) {
          this.#logger.warn("took over the sync lock of a process that is gone", { previous: result.holder.owner });
          break;
        }
        continue;
      }
      if (Date.now() >= deadline) throw new SyncLockedError(result.holder);
      await sleep(Math.min(1000, Math.max(50, deadline - Date.now())));
    }
    this.#timer = setInterval(
      () => {
        refreshLock(this.#db, this.#request()).then(
          (held) => {
            if (!held) this.#logger.warn("lost the sync lock", { owner: this.owner });
          },
          (error: unknown) => this.#logger.warn("could not refresh the sync lock", { error }),
        );
      },
      Math.max(250, Math.floor(this.#ttlMs / 3)),
    );
    this.#timer.unref();
  }

  /** Inside a page's write transaction: refreshes the lock, or throws if it is no longer ours. */
  async assertHeld(trx: StoreDb): Promise<void> {
    if (!(await refreshLock(trx, this.#request()))) throw new LockLostError(this.owner);
  }

  async release(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await releaseLock(this.#db, this.#request());
  }
}
