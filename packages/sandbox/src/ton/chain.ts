import { Address } from "@ton/core";
import { transactionHash } from "./transaction-tree.js";
import { type BodyKindCode, TxColumns, type TxFacts } from "./tx-columns.js";
import type { ChainTransaction, HistoryOptions, TonChain, TransferBody, TransferSpec } from "./types.js";

/**
 * Logical time runs at this many units per second of `utime` (mainnet lt is in the same order of
 * magnitude), and never slower than `LT_STEP` per transaction, so lt is unique and increasing for
 * every account and globally, and stays below 2^53 for any 32-bit utime.
 */
const LT_PER_SECOND = 10_000;
/** A transaction takes lt, its outgoing message lt + 1; the next transaction starts after both. */
const LT_STEP = 2;
/** Accounts with this many transactions get an lt index for binary search; smaller ones are walked. */
const INDEX_THRESHOLD = 64;
const ZERO_HASH_HEX = "0".repeat(64);

interface AccountEntry {
  address: Address;
  /** Index of the newest transaction, -1 when none. */
  last: number;
  count: number;
  lastUtime: number;
  /** Transaction indexes oldest first (lts ascending), once `count` reaches `INDEX_THRESHOLD`. */
  index: Int32Array | null;
}

/** The simulated chain, with what a memory budget needs to know. */
export interface SimulatedTonChain extends TonChain {
  /** Bytes held by the transaction columns and bodies. */
  readonly byteSize: number;
}

const BODY_CODES: Record<TransferBody["kind"], BodyKindCode> = { text: 0, binary: 1, encrypted: 2, op: 3, none: 4 };

function bodyBytes(body: TransferBody): Uint8Array {
  switch (body.kind) {
    case "text":
      return Buffer.from(body.text, "utf8");
    case "binary":
    case "encrypted":
      return body.bytes;
    case "op":
      return body.bytes ?? new Uint8Array(0);
    case "none":
      return new Uint8Array(0);
  }
}

function bodyOf(f: TxFacts): TransferBody {
  switch (f.bodyKind) {
    case 0:
      return { kind: "text", text: Buffer.from(f.bodyBytes).toString("utf8") };
    case 1:
      return { kind: "binary", bytes: f.bodyBytes.slice() };
    case 2:
      return { kind: "encrypted", bytes: f.bodyBytes.slice() };
    case 3:
      return f.bodyBytes.length > 0 ? { kind: "op", op: f.op, bytes: f.bodyBytes.slice() } : { kind: "op", op: f.op };
    default:
      return { kind: "none" };
  }
}

function validate(spec: TransferSpec): void {
  if (!Number.isInteger(spec.utime) || spec.utime < 0 || spec.utime > 0xffffffff) {
    throw new RangeError(`TransferSpec.utime must be unix seconds (a 32-bit integer), got ${spec.utime}`);
  }
  if (spec.value < 0n) throw new RangeError(`TransferSpec.value must not be negative, got ${spec.value}`);
  if (spec.from === null && (spec.value !== 0n || spec.bounced || spec.sendBack || spec.bounce)) {
    throw new RangeError(
      "an external-in message (from: null) carries no value, is never bounced and sends nothing back",
    );
  }
  if (spec.undeployed && spec.aborted === false) {
    throw new RangeError("a transaction of an undeployed account (undeployed: true) always aborts");
  }
  if (spec.bounce === false && spec.sendBack && (spec.aborted || spec.undeployed)) {
    throw new RangeError("only a bounceable message (bounce: true) is bounced back by the chain");
  }
  if (spec.body.kind === "op" && (!Number.isInteger(spec.body.op) || spec.body.op < 0 || spec.body.op > 0xffffffff)) {
    throw new RangeError(`TransferBody.op must be a 32-bit unsigned integer, got ${spec.body.op}`);
  }
}

/** The flags a spec leaves implicit, made explicit: what the cell is built from and what is stored. */
function normalizeSpec(spec: TransferSpec): TransferSpec {
  const aborted = Boolean(spec.aborted || spec.undeployed);
  const bounce = spec.from !== null && (spec.bounce ?? (aborted && Boolean(spec.sendBack)));
  return { ...spec, aborted, bounce, undeployed: Boolean(spec.undeployed) };
}

/**
 * Creates an empty simulated chain. Every `add` builds the real transaction cell (with @ton/core)
 * to compute its hash, then keeps only the facts the cell was built from; cells are rebuilt
 * byte for byte (`buildTransactionCell`) when served.
 */
export function createTonChain(): SimulatedTonChain {
  const columns = new TxColumns();
  const accounts = new Map<string, AccountEntry>();
  let lastLt = 0;

  const hexOf = (i: number): string => (i < 0 ? ZERO_HASH_HEX : Buffer.from(columns.hash(i)).toString("hex"));

  function materialize(entry: AccountEntry, i: number): ChainTransaction {
    const f = columns.get(i);
    return {
      spec: {
        to: entry.address,
        from: f.sender ? new Address(f.sender.workchain, Buffer.from(f.sender.hash)) : null,
        value: f.value,
        body: bodyOf(f),
        utime: f.utime,
        bounced: f.bounced,
        aborted: f.aborted,
        sendBack: f.sendBack,
        bounce: f.bounce,
        undeployed: f.undeployed,
      },
      lt: BigInt(f.lt),
      hashHex: Buffer.from(f.hash).toString("hex"),
      prevLt: f.prev < 0 ? 0n : BigInt(columns.lt(f.prev)),
      prevHashHex: hexOf(f.prev),
    };
  }

  function entryOf(address: Address): AccountEntry | undefined {
    return accounts.get(address.toRawString());
  }

  function pushIndex(entry: AccountEntry, i: number): void {
    if (entry.index === null) {
      if (entry.count < INDEX_THRESHOLD) return;
      const index = new Int32Array(INDEX_THRESHOLD * 2);
      for (let k = entry.count - 1, j = i; k >= 0; k--, j = columns.prev(j)) index[k] = j;
      entry.index = index;
      return;
    }
    if (entry.count > entry.index.length) {
      const grown = new Int32Array(Math.ceil(entry.index.length * 1.5));
      grown.set(entry.index);
      entry.index = grown;
    }
    entry.index[entry.count - 1] = i;
  }

  /** The index of the account's transaction with exactly this lt, or -1. */
  function findByLt(entry: AccountEntry, lt: number): number {
    if (entry.index) {
      let lo = 0;
      let hi = entry.count - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const i = entry.index[mid]!;
        const v = columns.lt(i);
        if (v === lt) return i;
        if (v < lt) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    }
    for (let i = entry.last; i >= 0; i = columns.prev(i)) {
      const v = columns.lt(i);
      if (v === lt) return i;
      if (v < lt) return -1;
    }
    return -1;
  }

  return {
    add(input: TransferSpec): ChainTransaction {
      validate(input);
      const spec = normalizeSpec(input);
      const key = spec.to.toRawString();
      let entry = accounts.get(key);
      if (entry && spec.utime < entry.lastUtime) {
        throw new RangeError(
          `TransferSpec.utime ${spec.utime} goes back in time for ${key} (its last transaction is at ${entry.lastUtime})`,
        );
      }
      if (!entry) {
        entry = { address: spec.to, last: -1, count: 0, lastUtime: 0, index: null };
        accounts.set(key, entry);
      }
      const lt = Math.max(lastLt + LT_STEP, spec.utime * LT_PER_SECOND);
      const prev = entry.last;
      const tx: ChainTransaction = {
        spec,
        lt: BigInt(lt),
        hashHex: "",
        prevLt: prev < 0 ? 0n : BigInt(columns.lt(prev)),
        prevHashHex: hexOf(prev),
      };
      const hash = transactionHash(tx);
      tx.hashHex = hash.toString("hex");
      const i = columns.append({
        lt,
        utime: spec.utime,
        hash,
        prev,
        sender: spec.from ? { workchain: spec.from.workChain, hash: spec.from.hash } : null,
        value: spec.value,
        bodyKind: BODY_CODES[spec.body.kind],
        op: spec.body.kind === "op" ? spec.body.op : 0,
        bodyBytes: bodyBytes(spec.body),
        bounced: Boolean(spec.bounced),
        aborted: Boolean(spec.aborted),
        sendBack: Boolean(spec.sendBack),
        bounce: Boolean(spec.bounce),
        undeployed: Boolean(spec.undeployed),
      });
      lastLt = lt;
      entry.last = i;
      entry.count++;
      entry.lastUtime = spec.utime;
      pushIndex(entry, i);
      return tx;
    },

    transactionsOf(address: Address): readonly ChainTransaction[] {
      const entry = entryOf(address);
      if (!entry) return [];
      const out: ChainTransaction[] = [];
      for (let i = entry.last; i >= 0; i = columns.prev(i)) out.push(materialize(entry, i));
      return out.reverse();
    },

    accounts(): Address[] {
      return [...accounts.values()].map((e) => e.address);
    },

    get size(): number {
      return columns.length;
    },

    countOf(address: Address): number {
      return entryOf(address)?.count ?? 0;
    },

    history(address: Address, options: HistoryOptions): ChainTransaction[] {
      const entry = entryOf(address);
      if (!entry) return [];
      let i = options.fromLt === undefined ? entry.last : findByLt(entry, Number(options.fromLt));
      const toLt = options.toLt === undefined ? -1 : Number(options.toLt);
      const out: ChainTransaction[] = [];
      while (i >= 0 && out.length < options.limit && columns.lt(i) > toLt) {
        out.push(materialize(entry, i));
        i = columns.prev(i);
      }
      return out;
    },

    get byteSize(): number {
      return columns.byteSize;
    },
  };
}
