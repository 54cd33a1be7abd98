/**
 * Real TON transactions (fixtures/mainnet: mainnet and testnet, from public test data and docs,
 * each with its provenance in SOURCES.md) served as toncenter answers on 127.0.0.1 to the
 * production path — `chainReaderFor` → TonClient → our transport → reader → store, as `reconcile`
 * builds it — and every stored field and the deposit verdict compared with `expected.json`, which
 * `generate.ts` derived from the BOCs without the reader's code and cross-checked against each
 * source's own decoding.
 */
import { readFileSync } from "node:fs";
import { getChainCursor, listTransfers, type Store, setChainCursor } from "@omrecon/store";
import { Address, Cell, loadTransaction } from "@ton/core";
import { afterEach, describe, expect, it } from "vitest";
import { chainReaderFor, isBouncedTransfer, isValidTransfer, loadStoredFacts } from "../src/index.js";
import { type HostileTon, startHostileTon } from "./hostile-ton.js";
import { tempStore } from "./store-fixtures.js";

const dir = new URL("./fixtures/mainnet/", import.meta.url);

interface Expected {
  file: string;
  index: number;
  account: string;
  hash: string;
  lt: string;
  prev: { lt: string; hash: string };
  what: string;
  row: Record<string, string | number | null> | null;
  verdict: { valid: boolean; bounced: boolean };
}

interface SourceEntry {
  boc?: string;
  raw?: string;
  toncenter?: { transaction_id: { lt: string; hash: string }; data: string };
}

const expected = JSON.parse(readFileSync(new URL("expected.json", dir), "utf8")) as Expected[];
const sources = new Map<string, SourceEntry[]>();
for (const file of new Set(expected.map((e) => e.file))) {
  sources.set(
    file,
    (JSON.parse(readFileSync(new URL(file, dir), "utf8")) as { transactions: SourceEntry[] }).transactions,
  );
}

/** What toncenter would serve for the transaction: the source's own answer, or its BOC in toncenter's envelope. */
function served(e: Expected): Record<string, unknown> {
  const entry = sources.get(e.file)![e.index]!;
  if (entry.toncenter) return entry.toncenter as unknown as Record<string, unknown>;
  const text = (entry.boc ?? entry.raw)!;
  const boc = /^[0-9a-fA-F]+$/.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  const tx = loadTransaction(Cell.fromBoc(boc)[0]!.beginParse());
  return {
    "@type": "raw.transaction",
    utime: tx.now,
    data: boc.toString("base64"),
    transaction_id: {
      "@type": "internal.transactionId",
      lt: e.lt,
      hash: Buffer.from(e.hash, "hex").toString("base64"),
    },
    fee: tx.totalFees.coins.toString(),
    storage_fee: "0",
    other_fee: tx.totalFees.coins.toString(),
    out_msgs: [],
  };
}

/** An account's transactions in the corpus, newest first, split where the prev links break. */
function histories(): Expected[][] {
  const byAccount = new Map<string, Expected[]>();
  for (const e of expected) byAccount.set(e.account, [...(byAccount.get(e.account) ?? []), e]);
  const runs: Expected[][] = [];
  for (const list of byAccount.values()) {
    list.sort((a, b) => (BigInt(b.lt) > BigInt(a.lt) ? 1 : -1));
    let run: Expected[] = [];
    for (const e of list) {
      const newer = run.at(-1);
      if (newer && !(newer.prev.lt === e.lt && newer.prev.hash === e.hash)) {
        runs.push(run);
        run = [];
      }
      run.push(e);
    }
    runs.push(run);
  }
  return runs;
}

/** Histories grouped so that no account appears twice in one group (one store and endpoint each). */
function scenarios(): Expected[][][] {
  const groups: Expected[][][] = [];
  for (const run of histories()) {
    const group = groups.find((g) => !g.some((r) => r[0]!.account === run[0]!.account));
    if (group) group.push(run);
    else groups.push([run]);
  }
  return groups;
}

function endpoint(runs: Expected[][]): Promise<HostileTon> {
  const byAccount = new Map(runs.map((r) => [r[0]!.account, r.map(served)]));
  return startHostileTon(null, {
    answer: (params) => {
      const list = byAccount.get(Address.parse(String(params.address)).toRawString()) ?? [];
      const lt = params.lt === undefined ? null : String(params.lt);
      const toLt = BigInt(String(params.to_lt ?? 0));
      let at = 0;
      if (lt !== null) {
        at = list.findIndex((t) => (t.transaction_id as { lt: string }).lt === lt);
        if (at < 0) throw new Error(`LITE_SERVER_UNKNOWN: lt ${lt}`);
      }
      const page: unknown[] = [];
      for (const t of list.slice(at)) {
        if (page.length >= Number(params.limit ?? 10)) break;
        if (BigInt((t.transaction_id as { lt: string }).lt) <= toLt) break;
        page.push(t);
      }
      return page;
    },
  });
}

let store: Store | undefined;
let server: HostileTon | undefined;
afterEach(async () => {
  await server?.close();
  await store?.close();
  server = undefined;
  store = undefined;
});

const rowsWanted = expected.filter((e) => e.row).length;

describe(`the chain reader on ${expected.length} real transactions (${rowsWanted} with an incoming message)`, () => {
  it.each(scenarios().map((runs, i) => [i + 1, runs.length, runs.flat().length, runs] as const))(
    "scenario %i (%i account histories, %i transactions): stores every field as derived, with the deposit verdict",
    async (_, __, ___, runs) => {
      store = await tempStore();
      server = await endpoint(runs);
      for (const run of runs) {
        const oldest = run.at(-1)!;
        // The corpus starts mid-history unless its oldest transaction is the account's first: the
        // stored cursor is then that transaction's predecessor, which the links must reach.
        if (oldest.prev.lt !== "0") {
          await setChainCursor(store.db, {
            address: oldest.account,
            lt: BigInt(oldest.prev.lt),
            hash: oldest.prev.hash,
          });
        }
      }
      const read = chainReaderFor({ tonEndpoint: server.url, tonApiKey: undefined }, { store });
      const accounts = runs.map((r) => r[0]!.account);
      const result = await read(accounts);
      expect(result.addresses?.map((a) => [a.address, a.status, a.error])).toEqual(
        accounts.map((a) => [a, "ok", undefined]),
      );

      const want = runs.flat().filter((e) => e.row);
      const rows = await listTransfers(store.db);
      const got = rows.map(({ read_at: _, ...row }) => row);
      const asStored = (row: Record<string, string | number | null>): Record<string, unknown> & { hash: string } => ({
        hash: row.hash as string,
        ...row,
        lt: BigInt(row.lt as string),
        utime: BigInt(row.utime as number),
        value_nano: BigInt(row.value_nano as string),
        external: BigInt(row.external as number),
        bounced: BigInt(row.bounced as number),
        aborted: BigInt(row.aborted as number),
        sent_back: BigInt(row.sent_back as number),
        bounceable: row.bounceable === null ? null : BigInt(row.bounceable as number),
        bounce_sent: BigInt(row.bounce_sent as number),
      });
      const byHash = (a: { hash: string }, b: { hash: string }) => (a.hash < b.hash ? -1 : 1);
      expect(got.sort(byHash)).toEqual(want.map((e) => asStored(e.row!)).sort(byHash));

      const facts = await loadStoredFacts(store);
      for (const e of want) {
        const t = facts.transfers.find((x) => x.hash === e.hash)!;
        expect({ hash: e.hash, what: e.what, valid: isValidTransfer(t), bounced: isBouncedTransfer(t) }).toEqual({
          hash: e.hash,
          what: e.what,
          ...e.verdict,
        });
      }
      for (const run of runs) {
        expect(await getChainCursor(store.db, run[0]!.account)).toMatchObject({
          lt: BigInt(run[0]!.lt),
          hash: run[0]!.hash,
        });
      }

      const calls = server.calls;
      const again = await read(accounts);
      expect(again).toMatchObject({ status: "ok", newTransfers: 0 });
      expect(server.calls - calls).toBe(accounts.length);
    },
  );

  it("covers the kinds the rules depend on", () => {
    const rows = expected.filter((e) => e.row);
    const has = (what: string) => expected.some((e) => e.what.includes(what));
    expect(expected.length).toBeGreaterThanOrEqual(40);
    expect(rows.some((e) => e.row!.comment === "")).toBe(true);
    expect(rows.some((e) => /[^\x20-\x7e]/.test(String(e.row!.comment ?? "")))).toBe(true);
    expect(rows.some((e) => e.row!.body_kind === "none")).toBe(true);
    expect(rows.some((e) => e.row!.body_kind === "op")).toBe(true);
    expect(rows.some((e) => e.row!.external === 1)).toBe(true);
    expect(rows.some((e) => e.account.startsWith("-1:"))).toBe(true);
    expect(
      rows.some((e) => BigInt(e.row!.value_nano as string) > 0n && BigInt(e.row!.value_nano as string) < 1000n),
    ).toBe(true);
    expect(has("non-existing→uninitialized") && has("compute skipped (no-state)")).toBe(true);
    expect(rows.some((e) => e.row!.aborted === 1 && e.row!.bounceable === 0 && e.verdict.valid)).toBe(true);
    expect(rows.some((e) => e.what.includes("bounce phase no-funds") && e.verdict.valid)).toBe(true);
    expect(rows.some((e) => e.row!.bounce_sent === 1 && e.verdict.bounced)).toBe(true);
    expect(has("tick-tock")).toBe(true);
    // A text comment that carried no value is no payment, whatever it says.
    expect(
      rows.some(
        (e) => e.row!.body_kind === "text" && e.row!.value_nano === "0" && !e.verdict.valid && !e.verdict.bounced,
      ),
    ).toBe(true);
    // A real memo with line breaks inside (Fragment's "…\n\nRef#…"): stored as sent, and a payment.
    expect(rows.some((e) => String(e.row!.comment ?? "").includes("\n") && e.verdict.valid)).toBe(true);
  });
});
