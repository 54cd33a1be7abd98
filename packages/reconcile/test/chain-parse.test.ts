import { buildTransactionCell, createTonChain, type TransferSpec } from "@omrecon/sandbox";
import { Address, beginCell, loadTransaction, type Transaction } from "@ton/core";
import { describe, expect, it } from "vitest";
import { parseBody, parseTransfer } from "../src/index.js";

const watched = new Address(0, Buffer.alloc(32, 0x11));
const payer = new Address(-1, Buffer.alloc(32, 0x33));
const T0 = 1_760_000_000;

/** Records the spec on a fresh simulated chain and reads its real cell back as TonClient would. */
function onChain(overrides: Partial<TransferSpec>): Transaction {
  const chain = createTonChain();
  const tx = chain.add({
    to: watched,
    from: payer,
    value: 418_000_000n,
    body: { kind: "text", text: "STARS-a1b2c3" },
    utime: T0,
    ...overrides,
  });
  return loadTransaction(buildTransactionCell(tx).beginParse());
}

describe("parseTransfer", () => {
  it("reads a plain deposit: hash, lt, time, raw addresses, value and the text comment", () => {
    const tx = onChain({});
    expect(parseTransfer(tx)).toEqual({
      hash: tx.hash().toString("hex"),
      lt: tx.lt,
      utime: T0,
      address: watched.toRawString(),
      source: payer.toRawString(),
      value_nano: 418_000_000n,
      comment: "STARS-a1b2c3",
      body_kind: "text",
      external: 0,
      bounced: 0,
      aborted: 0,
      sent_back: 0,
      bounceable: 0,
      bounce_sent: 0,
    });
  });

  it("reads a long comment continued in referenced cells, exactly", () => {
    const text = "Ünïcödé memo 🚀 ".repeat(30);
    expect(parseTransfer(onChain({ body: { kind: "text", text } }))?.comment).toBe(text);
  });

  it.each([
    [{ kind: "binary", bytes: new Uint8Array([1, 2, 3]) }, "binary"],
    [{ kind: "encrypted", bytes: new Uint8Array(48).fill(5) }, "encrypted"],
    [{ kind: "op", op: 0x0f8a7ea5, bytes: new Uint8Array([9]) }, "op"],
    [{ kind: "none" }, "none"],
  ] as const)("gives a %o body no comment and kind %s", (body, kind) => {
    const parsed = parseTransfer(onChain({ body }))!;
    expect([parsed.body_kind, parsed.comment, parsed.problem]).toEqual([kind, null, undefined]);
  });

  it("keeps bounced, aborted, returned and external-in messages with their flags", () => {
    expect(parseTransfer(onChain({ bounced: true }))).toMatchObject({ bounced: 1, aborted: 0, sent_back: 0 });
    expect(parseTransfer(onChain({ aborted: true }))).toMatchObject({ bounced: 0, aborted: 1, sent_back: 0 });
    expect(parseTransfer(onChain({ sendBack: true }))).toMatchObject({ aborted: 0, sent_back: 1 });
    expect(parseTransfer(onChain({ aborted: true, sendBack: true }))).toMatchObject({
      aborted: 1,
      sent_back: 1,
      bounceable: 1,
      bounce_sent: 1,
    });
    expect(parseTransfer(onChain({ aborted: true }))).toMatchObject({ bounce_sent: 0 });
    expect(parseTransfer(onChain({ from: null, value: 0n, body: { kind: "none" } }))).toMatchObject({
      external: 1,
      source: null,
      value_nano: 0n,
    });
  });

  it("does not crash on a text comment that is not UTF-8: no comment, kind op, and says why", () => {
    const parsed = parseTransfer(onChain({ body: { kind: "op", op: 0, bytes: new Uint8Array([0x53, 0xff, 0xfe]) } }))!;
    expect(parsed.body_kind).toBe("op");
    expect(parsed.comment).toBeNull();
    expect(parsed.problem).toMatch(/not valid UTF-8/);
  });

  it("does not crash on bodies shorter than an op or with a comment of partial bytes", () => {
    expect(parseBody(beginCell().storeUint(3, 5).endCell())).toMatchObject({ kind: "op", comment: null });
    const ragged = beginCell().storeUint(0, 32).storeUint(0x41, 8).storeBit(1).endCell();
    expect(parseBody(ragged)).toMatchObject({ kind: "op", comment: null, problem: expect.stringMatching(/bits/) });
    expect(parseBody(beginCell().storeUint(0, 32).endCell())).toEqual({ kind: "text", comment: "" });
  });
});
