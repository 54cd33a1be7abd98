/**
 * Findings a run no longer finds (docs/reconciliation.md#lifecycle-of-a-finding). A finding the run
 * did not see is cleared only when the run covered its subject: an order created in the window,
 * a transfer that arrived in it, a ledger row written in it, a check every run makes (the balance),
 * or the control totals of this very window. A finding whose subject lies outside the window was
 * simply not looked at, and stays open; a resolved one stays resolved.
 */
import { chunk } from "./batch.js";
import { type FindingRow, sameAmounts } from "./findings.js";
import { builder, type StoreDb } from "./session.js";

export interface ClearScope {
  /** The run that did not see them (its findings are already recorded). */
  runId: number;
  at: string;
  /** The run's window, ISO, `from` inclusive and `to` exclusive. */
  window: { from: string; to: string };
  /** Kinds every run checks whatever its window (e.g. `balance_mismatch`). */
  everyRun?: readonly string[];
  /** Keys this run checked outside the window rules (its control totals' key, when it had stats). */
  keys?: readonly string[];
  /** Kinds keyed by something else than their subject: cleared only through `keys` (control totals). */
  keyedKinds?: readonly string[];
}

const PER_QUERY = 500;

/** Marks the findings this run covered but did not find as cleared; returns them (as they were). */
export async function clearUnseenFindings(db: StoreDb, scope: ClearScope): Promise<FindingRow[]> {
  const unseen = await builder(db)
    .selectFrom("findings")
    .selectAll()
    .where("cleared_run", "is", null)
    .where("last_seen_run", "<", BigInt(scope.runId))
    .execute();
  if (unseen.length === 0) return [];
  const resolved = await resolvedKeys(db, unseen);
  const candidates = unseen.filter((f) => !resolved.has(f.key));
  const from = Date.parse(scope.window.from);
  const to = Date.parse(scope.window.to);
  const inWindow = (ms: number | undefined) => ms !== undefined && ms >= from && ms < to;
  const subject = await subjectTimes(db, candidates);
  const everyRun = new Set(scope.everyRun ?? []);
  const keys = new Set(scope.keys ?? []);
  const keyed = new Set(scope.keyedKinds ?? []);
  const cleared = candidates.filter((f) => {
    if (keys.has(f.key) || everyRun.has(f.kind)) return true;
    if (keyed.has(f.kind)) return false;
    return inWindow(subject.get(f.key));
  });
  for (const part of chunk(
    cleared.map((f) => f.key),
    PER_QUERY,
  )) {
    await builder(db)
      .updateTable("findings")
      .set({ cleared_run: scope.runId, cleared_at: scope.at })
      .where("key", "in", part)
      .execute();
  }
  return cleared;
}

async function resolvedKeys(db: StoreDb, rows: readonly FindingRow[]): Promise<Set<string>> {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const out = new Set<string>();
  for (const part of chunk([...byKey.keys()], PER_QUERY)) {
    const found = await builder(db).selectFrom("finding_resolutions").selectAll().where("key", "in", part).execute();
    for (const r of found) {
      const finding = byKey.get(r.key);
      if (finding && sameAmounts(r, finding)) out.add(r.key);
    }
  }
  return out;
}

/**
 * The time of each finding's subject in ms: its order's creation, else its transfer's arrival,
 * else its ledger row's time (`details.balance_tx_id`). Absent when the mirror does not hold it.
 */
async function subjectTimes(db: StoreDb, rows: readonly FindingRow[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const byOrder = new Map<bigint, string[]>();
  const byHash = new Map<string, string[]>();
  const byLedger = new Map<bigint, string[]>();
  const add = <K>(map: Map<K, string[]>, id: K, key: string) => {
    const list = map.get(id);
    if (list) list.push(key);
    else map.set(id, [key]);
  };
  for (const f of rows) {
    if (f.order_id !== null) add(byOrder, f.order_id, f.key);
    else if (f.tx_hash !== null) add(byHash, f.tx_hash, f.key);
    else {
      const id = ledgerIdOf(f.details);
      if (id !== null) add(byLedger, id, f.key);
    }
  }
  for (const part of chunk([...byOrder.keys()], PER_QUERY)) {
    const orders = await builder(db)
      .selectFrom("orders")
      .select(["id", "created_at"])
      .where("id", "in", part)
      .execute();
    for (const o of orders) for (const key of byOrder.get(o.id) ?? []) out.set(key, Date.parse(o.created_at));
  }
  for (const part of chunk([...byHash.keys()], PER_QUERY)) {
    const transfers = await builder(db)
      .selectFrom("chain_transfers")
      .select(["hash", "utime"])
      .where("hash", "in", part)
      .execute();
    for (const t of transfers) for (const key of byHash.get(t.hash) ?? []) out.set(key, Number(t.utime) * 1000);
  }
  for (const part of chunk([...byLedger.keys()], PER_QUERY)) {
    const rowsOfLedger = await builder(db)
      .selectFrom("balance_transactions")
      .select(["id", "created_at"])
      .where("id", "in", part)
      .execute();
    for (const b of rowsOfLedger) for (const key of byLedger.get(b.id) ?? []) out.set(key, Date.parse(b.created_at));
  }
  return out;
}

function ledgerIdOf(details: string): bigint | null {
  try {
    const id = (JSON.parse(details) as { balance_tx_id?: unknown }).balance_tx_id;
    return typeof id === "number" && Number.isSafeInteger(id) ? BigInt(id) : null;
  } catch {
    return null;
  }
}
