import type { BalanceTransaction } from "@omrecon/client";
import {
  appendBalanceTransactions,
  deleteSyncState,
  getSyncState,
  insertBalanceSnapshot,
  lastBalanceTransaction,
  SYNC_STATE_KEYS,
  setSyncState,
} from "@omrecon/store";
import { endOfList, walkPages } from "./page-walk.js";
import type { Pass } from "./pass.js";
import { balanceToSnapshot, balanceTransactionToRow } from "./rows.js";

/** An unfinished walk of the ledger, saved with each page. */
interface LedgerWalk {
  offset: number;
  /** The highest id mirrored when the walk began (decimal string), or null to read everything. */
  stopAtId: string | null;
}

export const LEDGER_WALK_KEY = SYNC_STATE_KEYS.ledgerWalk;

/**
 * Records a balance snapshot, then appends the ledger rows that are new: newest first until an id
 * the mirror already had when the walk began (everything with `full`). The snapshot comes first so
 * that the mirror holds every transaction the snapshot's balance includes. New rows arriving at the
 * head during a walk shift offsets down, which only re-reads rows (ignored), never skips one.
 */
export async function syncBalance(pass: Pass, options: { full: boolean }): Promise<"done" | "stopped"> {
  if (pass.stopRequested()) return "stopped";
  const balance = await pass.source.balance.get(pass.requestOptions);
  const snapshot = balanceToSnapshot(balance, new Date().toISOString());
  await pass.commit((trx) => insertBalanceSnapshot(trx, snapshot));

  const saved = await getSyncState<LedgerWalk>(pass.db, LEDGER_WALK_KEY);
  // An unfinished walk is finished first; under --full only an unfinished full one is worth finishing.
  let fullDone = false;
  if (saved && (saved.stopAtId === null || !options.full)) {
    if ((await walkLedger(pass, saved)) === "stopped") return "stopped";
    fullDone = saved.stopAtId === null;
  }
  // Then what arrived since: down to the newest id mirrored (or everything, for --full).
  const last = options.full && !fullDone ? undefined : await lastBalanceTransaction(pass.db);
  return walkLedger(pass, { offset: 0, stopAtId: last ? last.id.toString() : null });
}

async function walkLedger(pass: Pass, walk: LedgerWalk): Promise<"done" | "stopped"> {
  const stopAt = walk.stopAtId === null ? null : BigInt(walk.stopAtId);
  const known = (t: BalanceTransaction) => stopAt !== null && BigInt(t.id) <= stopAt;
  const syncedAt = pass.startedAt.toISOString();
  return walkPages<BalanceTransaction>(pass, {
    start: walk.offset,
    fetch: (offset) => pass.source.balance.transactionsPage({ limit: pass.pageSize, offset }, pass.requestOptions),
    isLast: (page, offset) => endOfList(page, offset, pass.pageSize) || page.items.some(known),
    write: async (trx, page, next, last) => {
      const rows = page.items.filter((t) => !known(t)).map((t) => balanceTransactionToRow(t, syncedAt));
      const inserted = await appendBalanceTransactions(trx, rows);
      if (last) await deleteSyncState(trx, LEDGER_WALK_KEY);
      else await setSyncState(trx, LEDGER_WALK_KEY, { offset: next, stopAtId: walk.stopAtId } satisfies LedgerWalk);
      pass.tally.balanceFetched += page.items.length;
      pass.tally.balanceInserted += inserted;
      const total = page.total === null ? undefined : Math.max(0, page.total - walk.offset);
      pass.progress.update("balance transactions", next - walk.offset, total);
    },
  });
}
