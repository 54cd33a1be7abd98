/**
 * The mirror as the matcher's input: the store's read module for it (`readMatchFacts`: every
 * order, transfer and ledger row, through a streaming cursor, with what repeats kept once).
 */
import { readMatchFacts, type Store, watchedAddresses as watched } from "@omrecon/store";
import type { MatchInput } from "../matcher/types.js";

export type StoredFacts = Pick<MatchInput, "orders" | "transfers" | "balanceTransactions" | "balance">;

export async function loadStoredFacts(store: Store): Promise<StoredFacts> {
  return readMatchFacts(store.db);
}

/** The addresses the chain reader must watch: every payment address of an order, and the top-up address. */
export async function watchedAddresses(store: Store): Promise<string[]> {
  return watched(store.db);
}
