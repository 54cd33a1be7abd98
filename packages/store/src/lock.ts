/**
 * The one lock every job takes (sync, reconcile): a row in `locks` that dies with its holder. A
 * holder whose process is gone from this host is taken over at once; one elsewhere (or a pid this
 * host reused) when its heartbeat stops for `ttlMs`. The holder refreshes it by heartbeat and
 * re-checks it inside each write transaction (`assertHeld`), so a process that lost it can never
 * commit. docs/reconciliation.md#runs.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { type Logger, OmreconError, silentLogger } from "@omrecon/core";
import { acquireLock, type LockRow, lockHolder, refreshLock, releaseLock, takeOverLock } from "./locks.js";
import type { StoreDb } from "./session.js";

/** Long enough for a blocked event loop (a million orders matched), short enough not to hold up a retry. */
export const DEFAULT_LOCK_TTL_MS = 60_000;

export interface LockOptions {
  /** The job: one holder per name and database. */
  name: string;
  /** How long the lock lives without a heartbeat. Default 60 s. */
  ttlMs?: number;
  /** How long to wait for a busy lock before giving up. Default 0: answer at once. */
  waitMs?: number;
  /** Who asks. Default `host:pid:random`, which tells whether a holder on this host is alive. */
  owner?: string;
  /** Refresh every ttl/3 while held. Default true. */
  heartbeat?: boolean;
  logger?: Logger;
}

/** The holder a lock was taken from, and why that was allowed. */
export interface TakenOver {
  owner: string;
  acquiredAt: string;
  /** `died`: its process is gone from this host; `expired`: no heartbeat for the lock's lifetime. */
  why: "died" | "expired";
  /** One line for the record of what it was doing, e.g. "its process 4242 on nightly-1 died". */
  reason: string;
}

export interface HeldLock {
  readonly name: string;
  readonly owner: string;
  /** The holder this lock was taken from, when it was not free. */
  readonly tookOver: TakenOver | null;
  /** True once a heartbeat found the lock taken by another process. */
  readonly lost: boolean;
  /** Inside a write transaction: refreshes the lock, or throws `LockLostError` when it is no longer ours. */
  assertHeld(trx: StoreDb): Promise<void>;
  /** Stops the heartbeat and drops the lock; a failure (a full disk) is the caller's to report. */
  release(): Promise<void>;
}

export type LockAttempt = { held: HeldLock } | { busy: LockRow };

/** Our lock was taken over by another process (its heartbeat stopped too long): stopped before writing more. */
export class LockLostError extends OmreconError {
  override name = "LockLostError";
  constructor(lockName: string, owner: string) {
    super(
      `the ${lockName} lock of ${describeOwner(owner)} was taken over by another process; stopped before writing more`,
      { code: "lock_lost" },
    );
  }
}

/** `host:pid:random`, unique per process and job. */
export function newLockOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** "pid 4242 on nightly-1" for an owner of newLockOwner's form, else the owner as it is. */
export function describeOwner(owner: string): string {
  const parsed = parseOwner(owner);
  return parsed ? `pid ${parsed.pid} on ${parsed.host}` : owner;
}

/**
 * Takes the named lock: free, expired, ours already, or held by a process that is gone from this
 * host. Otherwise waits up to `waitMs`, then answers `busy` with the holder.
 */
export async function takeLock(db: StoreDb, options: LockOptions): Promise<LockAttempt> {
  const ttlMs = options.ttlMs ?? DEFAULT_LOCK_TTL_MS;
  const owner = options.owner ?? newLockOwner();
  const logger = options.logger ?? silentLogger;
  const request = () => ({ name: options.name, owner, ttlMs });
  const deadline = Date.now() + (options.waitMs ?? 0);
  let tookOver: TakenOver | null = null;
  for (;;) {
    // Wall-clock time: locks are between real processes, whatever clock a run itself uses.
    const now = new Date();
    // Read first, so that taking over an expired holder can say whose lock it was.
    const before = await lockHolder(db, options.name);
    const result = await acquireLock(db, { ...request(), now });
    if (result.acquired) {
      if (before && before.owner !== owner && before.expires_at <= now.toISOString()) {
        tookOver = takenOver(before, "expired");
      }
      break;
    }
    const holder = result.holder;
    if (processIsGone(holder.owner)) {
      if (await takeOverLock(db, { ...request(), previousOwner: holder.owner })) {
        tookOver = takenOver(holder, "died");
        break;
      }
      continue;
    }
    if (Date.now() >= deadline) return { busy: holder };
    await sleep(Math.min(1000, Math.max(50, deadline - Date.now())));
  }
  return { held: new Held(db, options.name, owner, ttlMs, tookOver, logger, options.heartbeat ?? true) };
}

class Held implements HeldLock {
  lost = false;
  readonly #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: StoreDb,
    readonly name: string,
    readonly owner: string,
    private readonly ttlMs: number,
    readonly tookOver: TakenOver | null,
    private readonly logger: Logger,
    heartbeat: boolean,
  ) {
    if (tookOver) logger.warn(`took over the ${name} lock: ${tookOver.reason}`, { previous: tookOver.owner });
    if (heartbeat) {
      this.#timer = setInterval(() => this.#beat(), Math.max(250, Math.floor(ttlMs / 3)));
      this.#timer.unref();
    }
  }

  #request() {
    return { name: this.name, owner: this.owner, ttlMs: this.ttlMs };
  }

  #beat(): void {
    refreshLock(this.db, this.#request()).then(
      (held) => {
        if (!held && !this.lost) {
          this.lost = true;
          this.logger.warn(`lost the ${this.name} lock to another process`, { owner: this.owner });
        }
      },
      (error: unknown) =>
        this.logger.warn(`could not refresh the ${this.name} lock`, { error: (error as Error)?.message }),
    );
  }

  async assertHeld(trx: StoreDb): Promise<void> {
    if (!(await refreshLock(trx, this.#request()))) {
      this.lost = true;
      throw new LockLostError(this.name, this.owner);
    }
  }

  async release(): Promise<void> {
    clearInterval(this.#timer);
    await releaseLock(this.db, this.#request());
  }
}

function takenOver(holder: LockRow, why: TakenOver["why"]): TakenOver {
  const parsed = parseOwner(holder.owner);
  const holderName = parsed ? `its process ${parsed.pid} on ${parsed.host}` : `its holder ${holder.owner}`;
  return {
    owner: holder.owner,
    acquiredAt: holder.acquired_at,
    why,
    reason:
      why === "died"
        ? `${holderName} died`
        : `${holderName} stopped refreshing its lock (expired at ${holder.expires_at}; if it still runs, it can no longer commit)`,
  };
}

function parseOwner(owner: string): { host: string; pid: number } | null {
  // host:pid:random, read from the right: a host name may hold a colon, the other two never do.
  const parts = owner.split(":");
  if (parts.length < 3) return null;
  const pid = Number(parts.at(-2));
  const host = parts.slice(0, -2).join(":");
  return Number.isSafeInteger(pid) && pid > 0 && host !== "" ? { host, pid } : null;
}

/** Whether the owner is a process of this host that no longer exists (never this process itself). */
function processIsGone(owner: string): boolean {
  const parsed = parseOwner(owner);
  if (!parsed || parsed.host !== hostname() || parsed.pid === process.pid) return false;
  try {
    process.kill(parsed.pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
