/**
 * Alerts through the store's outbox (docs/alerts.md#outbox): recorded as pending in the same
 * transaction as what they announce, then delivered oldest first with the one sender. One that a
 * receiver does not take stays pending with its id and is sent again by the next run (receivers
 * deduplicate by `webhook-id` or PagerDuty's `dedup_key`); pending alerts older than a week expire
 * unsent. A receiver that cannot be reached stops the round: the rest wait for the next run
 * rather than each spending its own retries on a receiver that is down.
 */
import { randomUUID } from "node:crypto";
import { type Logger, silentLogger } from "@omrecon/core";
import {
  countPendingAlerts,
  enqueueAlerts,
  expireAlerts,
  markAlertDelivered,
  markAlertFailed,
  pendingAlerts,
  type Store,
  type StoreDb,
} from "@omrecon/store";
import type { AlertEvent } from "./events.js";
import type { AlertDestination } from "./formats/destination.js";
import { render } from "./formats/render.js";
import { type SendPolicy, send } from "./sender.js";
import { shownUrl } from "./shown-url.js";

/** `msg_` and 32 hex digits: Standard Webhooks' id, free of the `.` its signed content forbids. */
export function newAlertId(): string {
  return `msg_${randomUUID().replace(/-/g, "")}`;
}

/** Stores events as pending alerts (inside the caller's transaction); returns their ids. */
export async function recordAlerts(
  db: StoreDb,
  events: readonly (AlertEvent | null)[],
  options: { at: string; runId?: number | null },
): Promise<string[]> {
  const rows = events
    .filter((e): e is AlertEvent => e !== null)
    .map((e) => ({
      id: newAlertId(),
      type: e.type,
      created_at: options.at,
      payload: JSON.stringify(e),
      run_id: options.runId ?? null,
    }));
  await enqueueAlerts(db, rows);
  return rows.map((r) => r.id);
}

export interface DeliverOptions {
  logger?: Logger;
  now?: () => Date;
  signal?: AbortSignal;
  /** Each request's timeout, retries and deadline (the sender's defaults otherwise). */
  policy?: Partial<SendPolicy>;
  /** The whole round. Default 2 minutes. */
  deadlineMs?: number;
  /** Pending alerts older than this expire unsent. Default 7 days. */
  maxAgeMs?: number;
}

export interface DeliveryReport {
  /** Delivered in this round. */
  sent: number;
  /** Tried and not delivered in this round. */
  failed: number;
  /** Still pending after it. */
  pending: number;
  /** Expired (older than the maximum age) in this round. */
  expired: number;
  /** The first failure, one line naming the setting; null when none. */
  error: string | null;
}

export const DEFAULT_MAX_ALERT_AGE_MS = 7 * 86_400_000;

export async function deliverPending(
  store: Store,
  to: AlertDestination,
  options: DeliverOptions = {},
): Promise<DeliveryReport> {
  const log = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const deadline = options.deadlineMs ?? 120_000;
  const oldest = new Date(now().getTime() - (options.maxAgeMs ?? DEFAULT_MAX_ALERT_AGE_MS)).toISOString();
  const expired = await expireAlerts(store.db, oldest, now().toISOString());
  if (expired.length > 0) {
    log.warn("alerts expired undelivered after a week; `omrecon alerts --status expired` lists them", {
      expired: expired.length,
    });
  }
  let sent = 0;
  let failed = 0;
  let error: string | null = null;
  const queue = await pendingAlerts(store.db);
  const queued = queue.length;
  for (const row of queue) {
    if (Date.now() - started > deadline || options.signal?.aborted) break;
    const { attempts, failure } = await sendEvent(JSON.parse(row.payload) as AlertEvent, row.id, to, options);
    if (failure === null) {
      sent++;
      log.info("alert delivered", { id: row.id, type: row.type, attempts });
      await recorded(log, row.id, () => markAlertDelivered(store.db, row.id, now().toISOString(), attempts));
      continue;
    }
    const line = `OMRECON_WEBHOOK_URL (${shownUrl(to.url)}) ${failure.error}`;
    await recorded(log, row.id, () =>
      markAlertFailed(store.db, row.id, { at: now().toISOString(), error: line, attempts }),
    );
    failed++;
    error ??= line;
    log.warn("alert not delivered; it stays pending and goes out with the same id on the next run", {
      id: row.id,
      type: row.type,
      attempts,
      error: line,
    });
    // Down, not refusing this one alert: the others would only spend their own retries on it.
    if (failure.retryable) break;
  }
  const pending = await countPendingAlerts(store.db).catch(() => queued - sent);
  return { sent, failed, pending, expired: expired.length, error };
}

/**
 * Records what became of an alert; a database that refuses the write (busy, full) loses nothing
 * that matters: the alert stays pending and goes out again with the same id, which receivers
 * deduplicate.
 */
async function recorded(log: Logger, id: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    log.warn("could not record an alert's delivery; it may go out again with the same id", {
      id,
      error: ((error as Error)?.message ?? String(error)).split("\n")[0],
    });
  }
}

/**
 * Sends one event at once, without the outbox: for a failure the database itself caused (it cannot
 * store the alert). Bounded like any delivery; what happened is logged, nothing is thrown.
 */
export async function deliverNow(
  event: AlertEvent,
  to: AlertDestination,
  options: DeliverOptions = {},
): Promise<boolean> {
  const log = options.logger ?? silentLogger;
  const id = newAlertId();
  const { failure } = await sendEvent(event, id, to, options);
  if (failure === null) {
    log.info("alert delivered", { id, type: event.type });
    return true;
  }
  log.warn("alert not delivered (the database could not keep it for the next run)", {
    id,
    type: event.type,
    error: `OMRECON_WEBHOOK_URL (${shownUrl(to.url)}) ${failure.error}`,
  });
  return false;
}

/** Every request an event becomes in the destination's format, in turn, until one is not delivered. */
async function sendEvent(
  event: AlertEvent,
  id: string,
  to: AlertDestination,
  options: DeliverOptions,
): Promise<{ attempts: number; failure: { error: string; retryable: boolean } | null }> {
  let attempts = 0;
  for (const req of render(event, id, to)) {
    const result = await send(
      { url: to.url, ...req },
      { ...(options.policy && { policy: options.policy }), ...(options.signal && { signal: options.signal }) },
    );
    attempts += result.attempts;
    if (!result.delivered)
      return { attempts, failure: { error: result.error ?? "not delivered", retryable: result.retryable } };
  }
  return { attempts, failure: null };
}
