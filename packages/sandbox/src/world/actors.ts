/** The accounts of a world: the service's payment wallets, the partner's top-up address, payers. */
import { Address } from "@ton/core";
import type { Random } from "../random.js";

/** The three textual forms of one address; the API serves all of them on purpose. */
export interface AddressForms {
  /** Non-bounceable user-friendly (`UQ…`). */
  uq: string;
  /** Bounceable user-friendly (`EQ…`). */
  eq: string;
  /** Raw (`0:<64 hex>`). */
  raw: string;
}

export type AddressForm = keyof AddressForms;

export interface Actors {
  paymentWallets: Address[];
  paymentForms: AddressForms[];
  topup: Address;
  topupForms: AddressForms;
  payers: Address[];
  /** A payer's wallet nobody watches (a bounce into it must not reach the reconciler). */
  unwatched: Address;
  apiKey: string;
}

export function formsOf(address: Address): AddressForms {
  return {
    uq: address.toString({ urlSafe: true, bounceable: false }),
    eq: address.toString({ urlSafe: true, bounceable: true }),
    raw: address.toRawString(),
  };
}

function newAddress(random: Random): Address {
  return new Address(0, Buffer.from(random.bytes(32)));
}

/** Deterministic for the random stream; payers scale with the world (a few per hundred orders). */
export function createActors(random: Random, orders: number): Actors {
  const paymentWallets = [newAddress(random), newAddress(random)];
  const topup = newAddress(random);
  const payerCount = Math.min(5000, Math.max(16, Math.ceil(orders / 50)));
  const payers = Array.from({ length: payerCount }, () => newAddress(random));
  return {
    paymentWallets,
    paymentForms: paymentWallets.map(formsOf),
    topup,
    topupForms: formsOf(topup),
    payers,
    unwatched: newAddress(random),
    apiKey: `osk_sandbox_${random.hex(32)}`,
  };
}
