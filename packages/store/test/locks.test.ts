import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireLock, openStore, refreshLock, releaseLock, type Store, takeOverLock } from "../src/index.js";
import { tempDbPath } from "./helpers.js";

describe("locks", () => {
  let path: string;
  let a: Store;
  let b: Store;
  beforeEach(async () => {
    path = tempDbPath();
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
