import { openStore, resolutionsOf } from "@omrecon/store";
import { describe, expect, it } from "vitest";
import { reconcileMain } from "../../src/index.js";
import { databaseWithUnderpaidOrder, sink } from "./helpers.js";

function io(env: Record<string, string>) {
  return {
    env: { OMRECON_LOG_FORMAT: "pretty", ...env },
    stdout: sink(),
    stderr: sink(),
    now: () => new Date("2026-04-17T09:30:00Z"),
  };
}

describe("reconcile resolve", () => {
  it("marks an open finding resolved, keeping who, when and the note, and prints it with --json", async () => {
    const { path, key } = await databaseWithUnderpaidOrder();
    const out = io({ OMRECON_DB: path });
    const status = await reconcileMain(["resolve", key, "--note", "refunded by hand", "--by", "ana", "--json"], out);
    expect(status).toBe(0);
    expect(JSON.parse(out.stdout.text())).toEqual({
      key,
      status: "resolved",
      resolved_by: "ana",
      resolved_at: "2026-04-17T09:30:00.000Z",
      note: "refunded by hand",
      expected_nano: "418000000",
      received_nano: "400000000",
    });
    expect(out.stderr.text()).toMatch(/^resolved underpaid:10421 \(by ana/);
    const store = await openStore(path);
    expect(await resolutionsOf(store.db, key)).toHaveLength(1);
    await store.close();
  });

  it("takes the resolver's name from USER when --by is absent, and says when it was already resolved", async () => {
    const { path, key } = await databaseWithUnderpaidOrder();
    expect(await reconcileMain(["resolve", key, "--note", "ok"], io({ OMRECON_DB: path, USER: "bo" }))).toBe(0);
    const again = io({ OMRECON_DB: path });
    expect(await reconcileMain(["resolve", key, "--note", "twice"], again)).toBe(0);
    expect(again.stderr.text()).toMatch(/already resolved by bo/);
  });

  it("fails with exit 2 for an unknown key, a missing note or a missing key", async () => {
    const { path } = await databaseWithUnderpaidOrder();
    await expect(reconcileMain(["resolve", "underpaid:2", "--note", "x"], io({ OMRECON_DB: path }))).rejects.toThrow(
      /no finding with a key starting "underpaid:2"/,
    );
    await expect(reconcileMain(["resolve", "underpaid:10421"], io({ OMRECON_DB: path }))).rejects.toThrow(
      /--note "why" is required/,
    );
    await expect(reconcileMain(["resolve", "--note", "x"], io({ OMRECON_DB: path }))).rejects.toThrow(
      /exactly one finding KEY/,
    );
  });
});
