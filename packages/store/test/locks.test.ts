import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { afterEach, beforeEach, expect, it } from "vitest";
import { LockLostError, openStore, type Store, takeLock, writeTransaction } from "../src/index.js";
import { acquireLock, lockHolder, refreshLock, releaseLock, takeOverLock } from "../src/locks.js";
import { describeEachDialect } from "./helpers.js";

describeEachDialect("lock rows", (dialect) => {
  let path: string;
  let a: Store;
  let b: Store;
  beforeEach(async () => {
    path = await dialect.location();
    a = await openStore(path);
    b = await openStore(path);
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  const t0 = new Date("2026-04-16T12:00:00.000Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it("gives a free lock to one connection and tells the other who holds it", async () => {
    const first = await acquireLock(a.db, { name: "sync", owner: "A", ttlMs: 60_000, now: t0 });
    const second = await acquireLock(b.db, { name: "sync", owner: "B", ttlMs: 60_000, now: at(1000) });
    expect(first.acquired).toBe(true);
    expect(second).toMatchObject({ acquired: false, holder: { owner: "A" } });
  });

  it("lets another owner take over a lock its holder stopped refreshing", async () => {
    await acquireLock(a.db, { name: "sync", owner: "A", ttlMs: 60_000, now: t0 });
    expect(await refreshLock(a.db, { name: "sync", owner: "A", ttlMs: 60_000, now: at(50_000) })).toBe(true);
    expect((await acquireLock(b.db, { name: "sync", owner: "B", ttlMs: 60_000, now: at(100_000) })).acquired).toBe(
      false,
    );
    expect((await acquireLock(b.db, { name: "sync", owner: "B", ttlMs: 60_000, now: at(110_000) })).acquired).toBe(
      true,
    );
    expect(await refreshLock(a.db, { name: "sync", owner: "A", ttlMs: 60_000, now: at(111_000) })).toBe(false);
    expect(await releaseLock(a.db, { name: "sync", owner: "A" })).toBe(false);
  });

  it("frees the lock on release and lets its owner take it again", async () => {
    await acquireLock(a.db, { name: "sync", owner: "A", ttlMs: 60_000, now: t0 });
    expect((await acquireLock(a.db, { name: "sync", owner: "A", ttlMs: 60_000, now: at(1) })).acquired).toBe(true);
    expect(await releaseLock(a.db, { name: "sync", owner: "A" })).toBe(true);
    expect((await acquireLock(b.db, { name: "sync", owner: "B", ttlMs: 60_000, now: at(2) })).acquired).toBe(true);
  });

  it("keeps locks of different names apart", async () => {
    await acquireLock(a.db, { name: "sync", owner: "A", ttlMs: 60_000, now: t0 });
    expect((await acquireLock(b.db, { name: "reconcile", owner: "B", ttlMs: 60_000, now: t0 })).acquired).toBe(true);
  });

  it("takes a lock over from a named previous owner only", async () => {
    await acquireLock(a.db, { name: "sync", owner: "A", ttlMs: 60_000, now: t0 });
    const request = { name: "sync", owner: "B", ttlMs: 60_000, now: at(1) };
    expect(await takeOverLock(b.db, { ...request, previousOwner: "C" })).toBe(false);
    expect(await takeOverLock(b.db, { ...request, previousOwner: "A" })).toBe(true);
    expect(await refreshLock(a.db, { name: "sync", owner: "A", ttlMs: 60_000, now: at(2) })).toBe(false);
  });
});

describeEachDialect("takeLock: the one lock, which dies with its holder", (dialect) => {
  let a: Store;
  let b: Store;
  beforeEach(async () => {
    const path = await dialect.location();
    a = await openStore(path);
    b = await openStore(path);
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  /** The pid of a process that has ended. */
  function deadPid(): number {
    const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    return Number(child.stdout);
  }

  const held = async (store: Store, options: Parameters<typeof takeLock>[1]) => {
    const attempt = await takeLock(store.db, { heartbeat: false, ...options });
    if (!("held" in attempt)) throw new Error(`busy: ${attempt.busy.owner}`);
    return attempt.held;
  };

  it("gives a free lock to one holder and answers busy, naming the holder, to the next", async () => {
    const first = await held(a, { name: "reconcile" });
    expect(first.owner).toMatch(new RegExp(`^${hostname()}:${process.pid}:[0-9a-f]{8}$`));
    expect(first.tookOver).toBeNull();
    const second = await takeLock(b.db, { name: "reconcile", heartbeat: false });
    expect(second).toEqual({ busy: expect.objectContaining({ owner: first.owner }) });
    await first.release();
    expect(await lockHolder(a.db, "reconcile")).toBeUndefined();
    await (await held(b, { name: "reconcile" })).release();
  });

  it("takes a lock over at once from a process of this host that is gone, saying so", async () => {
    const pid = deadPid();
    const dead = `${hostname()}:${pid}:0badf00d`;
    await acquireLock(a.db, { name: "reconcile", owner: dead, ttlMs: 3_600_000 });
    const lock = await held(b, { name: "reconcile" });
    expect(lock.tookOver).toMatchObject({
      owner: dead,
      why: "died",
      reason: `its process ${pid} on ${hostname()} died`,
    });
    expect((await lockHolder(a.db, "reconcile"))?.owner).toBe(lock.owner);
  });

  it("waits for a live holder elsewhere until its heartbeat stops, then takes over saying it expired", async () => {
    const live = "nightly-2.example:4242:cafe1234";
    await acquireLock(a.db, { name: "sync", owner: live, ttlMs: 60_000 });
    expect(await takeLock(b.db, { name: "sync", heartbeat: false })).toEqual({
      busy: expect.objectContaining({ owner: live }),
    });
    // Its last heartbeat was two minutes ago: the lock expired a minute ago.
    await acquireLock(a.db, { name: "sync", owner: live, ttlMs: 60_000, now: new Date(Date.now() - 120_000) });
    const lock = await held(b, { name: "sync" });
    expect(lock.tookOver).toMatchObject({ owner: live, why: "expired" });
    expect(lock.tookOver?.reason).toMatch(
      /^its process 4242 on nightly-2\.example stopped refreshing its lock \(expired at /,
    );
  });

  it("never takes over a live process of this host, this one included", async () => {
    const alive = `${hostname()}:${process.ppid}:feedbeef`;
    await acquireLock(a.db, { name: "reconcile", owner: alive, ttlMs: 60_000 });
    expect(await takeLock(b.db, { name: "reconcile", heartbeat: false })).toEqual({
      busy: expect.objectContaining({ owner: alive }),
    });
    await releaseLock(a.db, { name: "reconcile", owner: alive });
    const mine = `${hostname()}:${process.pid}:00000001`;
    await acquireLock(a.db, { name: "reconcile", owner: mine, ttlMs: 60_000 });
    expect("busy" in (await takeLock(b.db, { name: "reconcile", heartbeat: false }))).toBe(true);
  });

  it("waits up to waitMs for a busy lock and takes it once released", async () => {
    const first = await held(a, { name: "sync" });
    const waiting = takeLock(b.db, { name: "sync", waitMs: 30_000, heartbeat: false });
    await first.release();
    const second = await waiting;
    expect("held" in second && second.held.tookOver).toBe(null);
  });

  it("refuses a write transaction once the lock was taken over (assertHeld), naming the lost holder", async () => {
    const lock = await held(a, { name: "reconcile" });
    await writeTransaction(a.db, (trx) => lock.assertHeld(trx));
    await takeOverLock(b.db, { name: "reconcile", owner: "other:1:x", ttlMs: 60_000, previousOwner: lock.owner });
    const error = await writeTransaction(a.db, (trx) => lock.assertHeld(trx)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockLostError);
    expect((error as Error).message).toBe(
      `the reconcile lock of pid ${process.pid} on ${hostname()} was taken over by another process; stopped before writing more`,
    );
    expect(lock.lost).toBe(true);
    // Releasing a lock that is no longer ours leaves the new holder alone.
    await lock.release();
    expect((await lockHolder(a.db, "reconcile"))?.owner).toBe("other:1:x");
  });
});
