/**
 * The on-chain events of a world before they are recorded: kept as parallel arrays rather than a
 * million spec objects, then replayed into a `TonChain` in time order (the chain requires utime
 * never to go back for an account, and a global time order gives every account that).
 */
import type { Address } from "@ton/core";
import type { TonChain, TransferBody, TransferSpec } from "../ton/types.js";
import type { Actors } from "./actors.js";

/** Which account an event lands on. Payment wallets are 0..n-1; the others are fixed codes. */
export const TOPUP_TARGET = -1;
export const UNWATCHED_TARGET = -2;

const F_BOUNCED = 1;
const F_ABORTED = 2;
const F_SEND_BACK = 4;
const F_BOUNCE = 8;
const F_UNDEPLOYED = 16;

export interface ChainEvent {
  /** Unix seconds. */
  utime: number;
  /** A payment wallet index, `TOPUP_TARGET` or `UNWATCHED_TARGET`. */
  target: number;
  /** A payer index, or -1 for an external-in message. */
  from: number;
  /** Nanotons; a safe integer. */
  value: bigint;
  body: TransferBody;
  bounced?: boolean;
  aborted?: boolean;
  sendBack?: boolean;
  /** The message is bounceable (see `TransferSpec.bounce`). */
  bounce?: boolean;
  /** Into an account that is not deployed (see `TransferSpec.undeployed`). */
  undeployed?: boolean;
}

export class ChainEvents {
  readonly #utime: number[] = [];
  readonly #target: number[] = [];
  readonly #from: number[] = [];
  readonly #value: number[] = [];
  readonly #flags: number[] = [];
  /** Text comment, or null when the body is in `#bodies`. */
  readonly #text: (string | null)[] = [];
  readonly #bodies = new Map<number, TransferBody>();

  get size(): number {
    return this.#utime.length;
  }

  /** The common case: a plain transfer with a text comment. Returns the event's index. */
  text(utime: number, target: number, from: number, value: bigint, text: string): number {
    return this.#push(utime, target, from, value, 0, text);
  }

  add(event: ChainEvent): number {
    const flags =
      (event.bounced ? F_BOUNCED : 0) |
      (event.aborted ? F_ABORTED : 0) |
      (event.sendBack ? F_SEND_BACK : 0) |
      (event.bounce ? F_BOUNCE : 0) |
      (event.undeployed ? F_UNDEPLOYED : 0);
    if (event.body.kind === "text")
      return this.#push(event.utime, event.target, event.from, event.value, flags, event.body.text);
    const index = this.#push(event.utime, event.target, event.from, event.value, flags, null);
    this.#bodies.set(index, event.body);
    return index;
  }

  utimeOf(index: number): number {
    return this.#utime[index]!;
  }

  valueOf(index: number): bigint {
    return BigInt(this.#value[index]!);
  }

  #push(utime: number, target: number, from: number, value: bigint, flags: number, text: string | null): number {
    if (!Number.isSafeInteger(utime) || utime < 0)
      throw new RangeError(`event utime must be unix seconds, got ${utime}`);
    if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER))
      throw new RangeError(`event value out of range: ${value}`);
    this.#utime.push(utime);
    this.#target.push(target);
    this.#from.push(from);
    this.#value.push(Number(value));
    this.#flags.push(flags);
    this.#text.push(text);
    return this.#utime.length - 1;
  }

  #spec(index: number, actors: Actors): TransferSpec {
    const target = this.#target[index]!;
    const to: Address =
      target === TOPUP_TARGET
        ? actors.topup
        : target === UNWATCHED_TARGET
          ? actors.unwatched
          : actors.paymentWallets[target]!;
    const from = this.#from[index]!;
    const text = this.#text[index];
    const flags = this.#flags[index]!;
    return {
      to,
      from: from < 0 ? null : actors.payers[from]!,
      value: BigInt(this.#value[index]!),
      body:
        text === null || text === undefined ? (this.#bodies.get(index) ?? { kind: "none" }) : { kind: "text", text },
      utime: this.#utime[index]!,
      bounced: (flags & F_BOUNCED) !== 0,
      aborted: (flags & F_ABORTED) !== 0,
      sendBack: (flags & F_SEND_BACK) !== 0,
      ...((flags & F_BOUNCE) !== 0 ? { bounce: true } : {}),
      ...((flags & F_UNDEPLOYED) !== 0 ? { undeployed: true } : {}),
    };
  }

  /**
   * Records every event in the chain, oldest first (ties in the order they were added), and
   * returns each event's transaction hash (64 lowercase hex) by event index.
   */
  record(chain: TonChain, actors: Actors): string[] {
    const n = this.size;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const utime = this.#utime;
    order.sort((a, b) => utime[a]! - utime[b]! || a - b);
    const hashes: string[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const index = order[k]!;
      hashes[index] = chain.add(this.#spec(index, actors)).hashHex;
    }
    return hashes;
  }
}
