import { Address, type Cell, loadTransaction, type Slice } from "@ton/core";
import { describe, expect, it } from "vitest";
import {
  buildBodyCell,
  buildTransactionCell,
  type ChainTransaction,
  createTonChain,
  type TransferBody,
  type TransferSpec,
} from "../src/index.js";
import { serializeBoc } from "../src/ton/boc.js";
import { transactionHash, transactionTree } from "../src/ton/transaction-tree.js";

const payment = new Address(0, Buffer.alloc(32, 0x11));
const topup = new Address(0, Buffer.alloc(32, 0x22));
const payer = new Address(0, Buffer.alloc(32, 0x33));
const masterPayer = new Address(-1, Buffer.alloc(32, 0x44));
const T0 = 1_760_000_000;

function spec(overrides: Partial<TransferSpec> = {}): TransferSpec {
  return {
    to: payment,
    from: payer,
    value: 418_000_000n,
    body: { kind: "text", text: "STARS-a1b2c3" },
    utime: T0,
    ...overrides,
  };
}

function snakeBytes(slice: Slice): Buffer {
  const parts: Buffer[] = [];
  let s: Slice | null = slice;
  while (s) {
    parts.push(s.loadBuffer(s.remainingBits / 8));
    s = s.remainingRefs > 0 ? s.loadRef().beginParse() : null;
  }
  return Buffer.concat(parts);
}

const bodies: TransferBody[] = [
  { kind: "text", text: "STARS-a1b2c3" },
  { kind: "text", text: "" },
  { kind: "text", text: "y".repeat(80) },
  { kind: "text", text: "y".repeat(123) },
  { kind: "text", text: "y".repeat(124) },
  { kind: "text", text: "z".repeat(900) },
  { kind: "text", text: "ü€𝄞 ".repeat(120) },
  { kind: "binary", bytes: new Uint8Array(300).map((_, i) => i % 256) },
  { kind: "encrypted", bytes: new Uint8Array(64).fill(7) },
  { kind: "op", op: 0x0f8a7ea5, bytes: new Uint8Array([1, 2, 3]) },
  { kind: "op", op: 0xffffffff },
  { kind: "none" },
];

describe("createTonChain", () => {
  it("records real transaction cells whose hash is the transaction's hash", () => {
    const chain = createTonChain();
    let utime = T0;
    const added: ChainTransaction[] = [];
    for (const body of bodies) {
      for (const flags of [
        {},
        { bounced: true },
        { aborted: true },
        { sendBack: true },
        { aborted: true, sendBack: true },
        { undeployed: true },
        { undeployed: true, bounce: true },
        { undeployed: true, sendBack: true, bounce: true },
        { aborted: true, bounce: true },
      ]) {
        added.push(chain.add(spec({ body, utime: utime++, from: masterPayer, ...flags })));
      }
      added.push(chain.add(spec({ body, utime: utime++, from: null, value: 0n })));
    }
    for (const tx of chain.transactionsOf(payment)) {
      const cell = buildTransactionCell(tx);
      expect(cell.hash().toString("hex")).toBe(tx.hashHex);
      expect(transactionHash(tx).toString("hex")).toBe(tx.hashHex);
      const tree = transactionTree(tx);
      expect(tree === null).toBe(Boolean(tx.spec.sendBack || tx.spec.bounce || tx.spec.undeployed));
      if (!tree) continue;
      expect(serializeBoc(tree.root)).toEqual(cell.toBoc());
      expect(tree.inMessage.hash).toEqual(cell.refs[0]!.refs[0]!.hash());
      expect(serializeBoc(tree.inBody)).toEqual(buildBodyCell(tx.spec.body).toBoc());
    }
    expect(chain.transactionsOf(payment).map((t) => t.hashHex)).toEqual(added.map((t) => t.hashHex));
  });

  it("puts sender, value, flags and body into the cell as @ton/core reads them back", () => {
    const chain = createTonChain();
    const text = "long comment ".repeat(40);
    chain.add(spec({ body: { kind: "text", text }, bounced: true }));
    chain.add(spec({ utime: T0 + 1, aborted: true, sendBack: true, value: 5n }));
    chain.add(spec({ utime: T0 + 2, from: null, value: 0n, body: { kind: "none" } }));
    const [first, second, third] = chain.transactionsOf(payment).map((tx) => {
      const parsed = loadTransaction(buildTransactionCell(tx).beginParse());
      expect(parsed.hash().toString("hex")).toBe(tx.hashHex);
      return parsed;
    });

    const info = first!.inMessage!.info;
    expect(info.type).toBe("internal");
    if (info.type !== "internal") throw new Error("unreachable");
    expect(info.src.equals(payer)).toBe(true);
    expect(info.dest.equals(payment)).toBe(true);
    expect(info.value.coins).toBe(418_000_000n);
    expect(info.bounced).toBe(true);
    const body = first!.inMessage!.body.beginParse();
    expect(body.loadUint(32)).toBe(0);
    expect(body.loadStringTail()).toBe(text);
    expect(first!.outMessagesCount).toBe(0);

    expect(second!.description.type === "generic" && second!.description.aborted).toBe(true);
    expect(second!.outMessagesCount).toBe(1);
    const back = second!.outMessages.get(0)!.info;
    expect(back.type === "internal" && back.dest.equals(payer) && back.value.coins === 5n).toBe(true);

    expect(third!.inMessage!.info.type).toBe("external-in");
  });

  it("builds aborted deposits that keep their coins: undeployed (no bounce) and bounceable with an unpaid bounce", () => {
    const chain = createTonChain();
    chain.add(spec({ undeployed: true }));
    chain.add(spec({ utime: T0 + 1, undeployed: true, bounce: true }));
    chain.add(spec({ utime: T0 + 2, undeployed: true, bounce: true, sendBack: true }));
    const [kept, unpaid, bounced] = chain.transactionsOf(payment).map((tx) => {
      const parsed = loadTransaction(buildTransactionCell(tx).beginParse());
      expect(parsed.hash().toString("hex")).toBe(tx.hashHex);
      return parsed;
    });
    const d = (t: typeof kept) => {
      if (t!.description.type !== "generic") throw new Error("unreachable");
      return t!.description;
    };
    const bounceFlag = (t: typeof kept) => t!.inMessage!.info.type === "internal" && t!.inMessage!.info.bounce;
    expect([kept!.oldStatus, kept!.endStatus, unpaid!.oldStatus]).toEqual([
      "non-existing",
      "uninitialized",
      "uninitialized",
    ]);
    expect(d(kept).computePhase).toEqual({ type: "skipped", reason: "no-state" });
    expect([d(kept).aborted, d(kept).bouncePhase ?? null, kept!.outMessagesCount, bounceFlag(kept)]).toEqual([
      true,
      null,
      0,
      false,
    ]);
    expect([d(unpaid).aborted, d(unpaid).bouncePhase?.type, unpaid!.outMessagesCount, bounceFlag(unpaid)]).toEqual([
      true,
      "no-funds",
      0,
      true,
    ]);
    expect([d(bounced).bouncePhase?.type, bounced!.outMessagesCount, bounceFlag(bounced)]).toEqual(["ok", 1, true]);
  });

  it("stores binary and encrypted payloads after their prefix, continued in references", () => {
    const chain = createTonChain();
    const payload = new Uint8Array(400).map((_, i) => (i * 7) % 256);
    chain.add(spec({ body: { kind: "binary", bytes: payload } }));
    chain.add(spec({ body: { kind: "encrypted", bytes: payload }, utime: T0 + 1 }));
    const [binary, encrypted] = chain.transactionsOf(payment).map((tx) => {
      const cell: Cell = loadTransaction(buildTransactionCell(tx).beginParse()).inMessage!.body;
      return cell.beginParse();
    });
    expect(binary!.loadUint(8)).toBe(0xff);
    expect(new Uint8Array(snakeBytes(binary!))).toEqual(payload);
    expect(encrypted!.loadUint(32)).toBe(0x2167da4b);
    expect(new Uint8Array(snakeBytes(encrypted!))).toEqual(payload);
  });

  it("gives each account increasing logical times linked to its previous transaction", () => {
    const chain = createTonChain();
    for (let i = 0; i < 200; i++) {
      chain.add(spec({ to: i % 3 === 0 ? topup : payment, utime: T0 + Math.floor(i / 10) }));
    }
    for (const account of [payment, topup]) {
      const txs = chain.transactionsOf(account);
      expect(txs[0]!.prevLt).toBe(0n);
      expect(txs[0]!.prevHashHex).toBe("0".repeat(64));
      for (let i = 1; i < txs.length; i++) {
        expect(txs[i]!.lt).toBeGreaterThan(txs[i - 1]!.lt);
        expect(txs[i]!.prevLt).toBe(txs[i - 1]!.lt);
        expect(txs[i]!.prevHashHex).toBe(txs[i - 1]!.hashHex);
        const parsed = loadTransaction(buildTransactionCell(txs[i]!).beginParse());
        expect(parsed.prevTransactionLt).toBe(txs[i - 1]!.lt);
        expect(parsed.now).toBe(txs[i]!.spec.utime);
      }
    }
    expect(chain.size).toBe(200);
    expect(chain.countOf(topup)).toBe(67);
    expect(
      chain
        .accounts()
        .map((a) => a.toRawString())
        .sort(),
    ).toEqual([payment, topup].map((a) => a.toRawString()).sort());
  });

  it("finds an account by any address form", () => {
    const chain = createTonChain();
    chain.add(spec());
    const forms = [
      payment.toString({ bounceable: true }),
      payment.toString({ bounceable: false }),
      payment.toRawString(),
      payment.toString({ urlSafe: false }),
    ];
    for (const form of forms) expect(chain.countOf(Address.parse(form))).toBe(1);
  });

  it.each([10, 300])("serves an account of %i transactions page by page, newest first", (n) => {
    const chain = createTonChain();
    for (let i = 0; i < n; i++) chain.add(spec({ utime: T0 + i, value: BigInt(i + 1) }));
    const all = chain.transactionsOf(payment);
    const seen: ChainTransaction[] = [];
    let fromLt: bigint | undefined;
    for (;;) {
      const page = chain.history(payment, { fromLt, limit: 7 });
      const fresh = fromLt === undefined ? page : page.slice(1);
      seen.push(...fresh);
      if (page.length < 7) break;
      fromLt = page[page.length - 1]!.lt;
    }
    expect(seen.map((t) => t.hashHex)).toEqual([...all].reverse().map((t) => t.hashHex));

    const middle = all[Math.floor(n / 2)]!;
    const bounded = chain.history(payment, { toLt: middle.lt, limit: 1000 });
    expect(bounded.length).toBe(n - Math.floor(n / 2) - 1);
    expect(bounded.every((t) => t.lt > middle.lt)).toBe(true);
    expect(chain.history(payment, { fromLt: middle.lt + 1n, limit: 5 })).toEqual([]);
    expect(chain.history(topup, { limit: 5 })).toEqual([]);
  });

  it("refuses a transaction that goes back in time for its account, or an external message with value", () => {
    const chain = createTonChain();
    chain.add(spec({ utime: T0 + 10 }));
    expect(() => chain.add(spec({ utime: T0 + 9 }))).toThrow(/goes back in time/);
    expect(() => chain.add(spec({ to: topup, utime: T0 }))).not.toThrow();
    expect(() => chain.add(spec({ from: null, utime: T0 + 11 }))).toThrow(/external-in/);
  });
});

describe.skipIf(!process.env.OMRECON_SLOW_TESTS)("createTonChain at a million-order scale", () => {
  it("keeps 1.1 M transactions in under 160 bytes each and rebuilds any of them to its hash", () => {
    const chain = createTonChain();
    const n = 1_100_000;
    let middle: bigint | undefined;
    for (let i = 0; i < n; i++) {
      const tx = chain.add(
        spec({
          to: i % 40 === 0 ? topup : payment,
          from: new Address(0, Buffer.from(i.toString(16).padStart(64, "0"), "hex")),
          value: 418_000_000n + BigInt(i),
          body: { kind: "text", text: `STARS-${i.toString(36)}` },
          utime: T0 + Math.floor(i / 4),
        }),
      );
      if (i === n / 2 + 1) middle = tx.lt;
    }
    expect(chain.size).toBe(n);
    expect(chain.byteSize / n).toBeLessThan(160);
    for (const fromLt of [undefined, middle]) {
      const page = chain.history(payment, { fromLt, limit: 50 });
      expect(page).toHaveLength(50);
      for (const tx of page) expect(buildTransactionCell(tx).hash().toString("hex")).toBe(tx.hashHex);
    }
  }, 600_000);
});
