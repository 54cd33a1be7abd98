/**
 * The alert outbox (docs/alerts.md#outbox): an alert is stored here before it is sent and stays
 * `pending` until a receiver answered 2xx, so an alert a receiver missed goes out on the next run
 * with the same id (receivers deduplicate by it). Pending alerts past their age are `expired`:
 * kept for the record, never sent.
 */
import type { Selectable } from "kysely";
import { chunk } from "./batch.js";
import type { AlertOutboxTable } from "./schema.js";
import { builder, type StoreDb } from "./session.js";

export type OutboxRow = Selectable<AlertOutboxTable>;
export type OutboxStatus = "pending" | "delivered" | "expired";

export interface NewOutboxAlert {
  /** The delivery id (`msg_…`), the same on every attempt. */
  id: string;
  type: string;
  created_at: string;
  /** The event as JSON. */
  payload: string;
  run_id?: number | null;
}

/** Stores alerts as pending (call inside the transaction that decides them, so none is lost). */
export async function enqueueAlerts(db: StoreDb, alerts: readonly NewOutboxAlert[]): Promise<void> {
  for (const part of chunk(alerts, 200)) {
    if (part.length === 0) continue;
    await builder(db)
      .insertInto("alert_outbox")
      .values(part.map((a) => ({ ...a, run_id: a.run_id ?? null, status: "pending", attempts: 0 })))
      .execute();
  }
}

/** Pending alerts, oldest first: the order they were decided in is the order they go out. */
export async function pendingAlerts(db: StoreDb, limit = 1_000): Promise<OutboxRow[]> {
  return builder(db)
    .selectFrom("alert_outbox")
    .selectAll()
    .where("status", "=", "pending")
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Alerts of a status (or all), newest first. */
export async function listAlerts(
  db: StoreDb,
  options: { status?: OutboxStatus | "all"; limit?: number } = {},
): Promise<OutboxRow[]> {
  let q = builder(db).selectFrom("alert_outbox").selectAll();
  if (options.status !== undefined && options.status !== "all") q = q.where("status", "=", options.status);
  return q
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(options.limit ?? 100)
    .execute();
}

export async function countPendingAlerts(db: StoreDb): Promise<number> {
  const row = await builder(db)
    .selectFrom("alert_outbox")
    .select((eb) => eb.fn.countAll<number | bigint>().as("n"))
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A receiver took it after `attempts` more attempts. */
export async function markAlertDelivered(db: StoreDb, id: string, at: string, attempts: number): Promise<void> {
  await builder(db)
    .updateTable("alert_outbox")
    .set((eb) => ({
      status: "delivered",
      delivered_at: at,
      last_attempt_at: at,
      last_error: null,
      attempts: eb("attempts", "+", BigInt(attempts)),
    }))
    .where("id", "=", id)
    .execute();
}

/** It stays pending; `error` (one line, no secret) says why. */
export async function markAlertFailed(
  db: StoreDb,
  id: string,
  failure: { at: string; error: string; attempts: number },
): Promise<void> {
  await builder(db)
    .updateTable("alert_outbox")
    .set((eb) => ({
      last_attempt_at: failure.at,
      last_error: failure.error.slice(0, 500),
      attempts: eb("attempts", "+", BigInt(failure.attempts)),
    }))
    .where("id", "=", id)
    .where("status", "=", "pending")
    .execute();
}

/** Pending alerts decided before `before` become `expired`; returns them. */
export async function expireAlerts(db: StoreDb, before: string, at: string): Promise<OutboxRow[]> {
  const stale = await builder(db)
    .selectFrom("alert_outbox")
    .selectAll()
    .where("status", "=", "pending")
    .where("created_at", "<", before)
    .execute();
  for (const part of chunk(
    stale.map((r) => r.id),
    500,
  )) {
    await builder(db)
      .updateTable("alert_outbox")
      .set({ status: "expired", last_attempt_at: at })
      .where("id", "in", part)
      .execute();
  }
  return stale;
}
