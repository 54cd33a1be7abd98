/**
 * The set-up and tear-down every watched command that reconciles (`reconcile`, `nightly`) shares:
 * SIGINT/SIGTERM stop it at the next safe point (exit 130/143), the client and the database are
 * opened, the run's alerts go through the outbox, and a failure is recorded, alerted and pinged
 * before it propagates (docs/alerts.md#every-night-leaves-a-signal, docs/cli.md#exit-status).
 */
import { type Io, type Progress, type Settings, type StopSignals, stopOnSignals } from "@omrecon/cli";
import type { Logger } from "@omrecon/core";
import { connectReconcile, type ReconcileContext } from "@omrecon/reconcile";
import { type Connection, connect, type OpenDatabaseOptions } from "../connect.js";
import type { Operations } from "./operations.js";

export interface ReconcileSession {
  connection: Connection;
  /** The reconcile run's context: chain reader, stats, alerts, the stop signal. */
  reconcile: ReconcileContext;
  signals: StopSignals;
}

export interface ReconcileSessionOptions extends OpenDatabaseOptions {
  command: "reconcile" | "nightly";
  ops: Operations;
  logger: Logger;
  progress: Progress;
}

/** Runs `body` in a session and returns its exit status; everything is closed whatever happens. */
export async function withReconcileSession(
  settings: Settings,
  io: Io,
  options: ReconcileSessionOptions,
  body: (session: ReconcileSession) => Promise<number>,
): Promise<number> {
  const { command, ops, logger, progress } = options;
  let connection: Connection | null = null;
  const signals = stopOnSignals(io.signals, (signal) => logger.info(`${signal}: stopping at the next safe point`));
  try {
    connection = await connect(settings, {
      command,
      logger,
      ...(options.madeBy !== undefined && { madeBy: options.madeBy }),
      onResponse: ops.partnerResponse,
    });
    const { client, store } = connection;
    const alerts = ops.runAlerts(store);
    const reconcileWith = connectReconcile(settings, {
      store,
      logger,
      progress,
      now: io.now,
      client,
      signal: signals.stop,
      onTonRequest: ops.tonResponse,
      ...(alerts && { alerts }),
    });
    try {
      return await body({ connection, reconcile: reconcileWith.ctx, signals });
    } finally {
      await reconcileWith.close();
    }
  } catch (error) {
    progress.clear();
    await ops.fail(connection?.store ?? null, error);
    throw error;
  } finally {
    signals.dispose();
    progress.clear();
    await connection?.close();
  }
}
