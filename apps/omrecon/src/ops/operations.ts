/**
 * Every night leaves a signal (docs/alerts.md): around a `sync`, `reconcile` or `nightly`, this
 * pings the heartbeat's `/start`; on success the bare URL, records the run in `step_runs`, and
 * announces a recovery when the command's last run had failed; on failure it records the failed
 * step, stores a `run.failed` alert (step, one-line reason, never the key) and sends it, and pings
 * `/fail` with the reason; either way it writes the metrics file and pushes the metrics. None of
 * this ever changes the command's exit status: what cannot be done is a warning.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { ConfigError, describeError, type Io, type Settings, secretsOf } from "@omrecon/cli";
import { formatIsoUtc, type Logger, redact } from "@omrecon/core";
import {
  type AlertDestination,
  createHeartbeat,
  deliverNow,
  deliverPending,
  type Heartbeat,
  type MetricsSnapshot,
  metricsPathProblem,
  metricsText,
  partnerRoute,
  pushMetrics,
  RequestTally,
  type RunAlerts,
  readMetricsSnapshot,
  recordAlerts,
  runAlerts,
  runFailedEvent,
  runRecoveredEvent,
  type StepCounts,
  shownUrl,
  silentHeartbeat,
  writeMetricsFile,
} from "@omrecon/ops";
import {
  lastStepRun,
  type NewStepRun,
  openStore,
  recordStepRun,
  type Store,
  storeExists,
  writeTransaction,
} from "@omrecon/store";
import { omreconVersion } from "../version.js";
import { alertDestination } from "./destination.js";
import { StepTracker } from "./step-tracker.js";

export type OperatedCommand = "sync" | "reconcile" | "nightly";

/** A partner API attempt as the client reports it (`ClientOptions.onResponse`). */
export interface PartnerResponse {
  method: string;
  path: string;
  attempt: number;
  status: number | null;
  durationMs: number;
}

/** A TON API request as the chain reader's adapter reports it. */
export interface TonResponse {
  method: string;
  status: number | null;
  durationMs: number;
}

export class Operations {
  /** The inner steps of `nightly` (sync, reconcile, report). */
  readonly steps: StepTracker;
  readonly #command: OperatedCommand;
  readonly #settings: Settings;
  readonly #log: Logger;
  readonly #now: () => Date;
  readonly #destination: AlertDestination | null;
  readonly #heartbeat: Heartbeat;
  readonly #tally = new RequestTally();
  readonly #startedMs: number;
  readonly #userAgent = `omrecon/${omreconVersion()}`;

  constructor(command: OperatedCommand, settings: Settings, io: Io, logger: Logger) {
    this.#command = command;
    this.#settings = settings;
    this.#log = logger;
    this.#now = io.now;
    this.#startedMs = io.now().getTime();
    this.steps = new StepTracker(io.now);
    this.#destination = alertDestination(settings);
    this.#heartbeat = settings.heartbeatUrl
      ? createHeartbeat({ url: settings.heartbeatUrl, userAgent: this.#userAgent, logger })
      : silentHeartbeat;
    const metricsFile = settings.metricsFile;
    const problem = metricsFile === undefined ? null : metricsPathProblem(metricsFile);
    if (problem !== null) {
      throw new ConfigError(
        `--metrics-file ${metricsFile}${problem.startsWith(":") ? problem : ` ${problem}`} (set by the flag or OMRECON_METRICS_FILE)`,
      );
    }
  }

  /** Pings `/start`. */
  async start(): Promise<void> {
    await this.#heartbeat.start();
  }

  /** Debug line and metrics for one partner API attempt: route, status, time; never the key. */
  partnerResponse = (event: PartnerResponse): void => {
    const route = partnerRoute(event.method, event.path);
    this.#tally.record("partner", route, event.status);
    this.steps.request("partner", route, event.status);
    this.#log.debug("request", {
      api: "partner",
      route,
      status: event.status,
      ms: Math.round(event.durationMs),
      attempt: event.attempt,
    });
  };

  /** The same for the TON API. */
  tonResponse = (event: TonResponse): void => {
    this.#tally.record("ton", event.method, event.status);
    this.steps.request("ton", event.method, event.status);
    this.#log.debug("request", {
      api: "ton",
      route: event.method,
      status: event.status,
      ms: Math.round(event.durationMs),
    });
  };

  /** A reconcile run's alerts (recorded in its transaction, then delivered); undefined without a webhook. */
  runAlerts(store: Store): RunAlerts | undefined {
    if (this.#destination === null) return undefined;
    return runAlerts({ store, destination: this.#destination, logger: this.#log, now: this.#now });
  }

  /** The command did its job (exit 0 or 1). */
  async succeed(store: Store, exitCode: number, counts: StepCounts = {}): Promise<void> {
    const previous = await lastStepRun(store.db, this.#command).catch(() => undefined);
    await this.#record(store, this.#commandRun("ok", exitCode, null, counts));
    // Reconcile's own round just tried what was pending; sync is a chance for what earlier runs left.
    let deliver = this.#command === "sync";
    if (previous?.status === "failed" && this.#destination !== null) {
      deliver = true;
      const at = this.#now().toISOString();
      await this.#enqueue(store, [
        runRecoveredEvent(
          {
            command: this.#command,
            host: hostname(),
            failed_at: formatIsoUtc(previous.started_at),
            failure: previous.error ?? "",
          },
          at,
        ),
      ]);
    }
    if (deliver) await this.#deliver(store);
    await this.#heartbeat.success();
    await this.#publishMetrics(store);
  }

  /**
   * The command failed with `error` (which the caller rethrows): the failed step on record, a
   * `run.failed` alert (not for a stop by a signal: someone meant it), `/fail`, the metrics.
   */
  async fail(store: Store | null, error: unknown): Promise<void> {
    const described = describeError(error);
    // The line goes to receivers and the database: never a key, whatever an error carried.
    described.message = redact(described.message, secretsOf(this.#settings));
    const interrupted = described.code === "interrupted";
    const status = interrupted ? "interrupted" : "failed";
    const step = this.steps.current ?? this.#command;
    this.steps.end(status, described.exitCode, described.message);
    const db = store ?? (await this.#openExisting());
    const run = this.#commandRun(status, described.exitCode, described.message, {});
    if (db) await this.#record(db, run);
    if (!interrupted && this.#destination !== null) {
      const event = runFailedEvent(
        {
          command: this.#command,
          step,
          exit_code: described.exitCode,
          code: described.code,
          reason: described.message,
          host: hostname(),
        },
        this.#now().toISOString(),
      );
      if (db && (await this.#enqueue(db, [event]))) await this.#deliver(db);
      else await deliverNow(event, this.#destination, { logger: this.#log });
    }
    await this.#heartbeat.fail(`omrecon ${this.#command}: ${described.message}`);
    await this.#publishMetrics(db, run);
    if (db && db !== store) await db.close().catch(() => {});
  }

  #commandRun(status: NewStepRun["status"], exitCode: number, error: string | null, counts: StepCounts): NewStepRun {
    const ended = this.#now().getTime();
    return {
      id: randomUUID(),
      step: this.#command,
      started_at: new Date(this.#startedMs).toISOString(),
      finished_at: new Date(ended).toISOString(),
      status,
      exit_code: exitCode,
      error,
      duration_ms: Math.max(0, ended - this.#startedMs),
      counts: { ...counts, requests: this.#tally.entries() },
    };
  }

  async #record(store: Store, run: NewStepRun): Promise<void> {
    try {
      await writeTransaction(store.db, async (trx) => {
        for (const step of this.steps.ended()) await recordStepRun(trx, step);
        await recordStepRun(trx, run);
      });
    } catch (error) {
      this.#log.warn("could not record the run for the metrics", { error: oneLine(error) });
    }
  }

  async #enqueue(store: Store, events: Parameters<typeof recordAlerts>[1]): Promise<boolean> {
    try {
      await recordAlerts(store.db, events, { at: this.#now().toISOString() });
      return true;
    } catch (error) {
      this.#log.warn("could not store an alert; sending it at once", { error: oneLine(error) });
      return false;
    }
  }

  async #deliver(store: Store): Promise<void> {
    if (this.#destination === null) return;
    try {
      await deliverPending(store, this.#destination, { logger: this.#log, now: this.#now });
    } catch (error) {
      this.#log.warn("alerts not delivered; they stay pending for the next run", { error: oneLine(error) });
    }
  }

  /** The database of the settings when it exists and opens (the failure may not have been its). */
  async #openExisting(): Promise<Store | null> {
    try {
      if (!(await storeExists(this.#settings.dbPath))) return null;
      return await openStore(this.#settings.dbPath);
    } catch {
      return null;
    }
  }

  async #publishMetrics(store: Store | null, failed?: NewStepRun): Promise<void> {
    const { metricsFile, pushgatewayUrl } = this.#settings;
    if (metricsFile === undefined && pushgatewayUrl === undefined) return;
    let snapshot: MetricsSnapshot;
    try {
      snapshot = store ? await readMetricsSnapshot(store) : this.#processSnapshot(failed);
    } catch (error) {
      this.#log.warn("metrics read from this run only: the database could not be read", { error: oneLine(error) });
      snapshot = this.#processSnapshot(failed);
    }
    const text = await metricsText(snapshot, omreconVersion());
    if (metricsFile !== undefined) {
      try {
        writeMetricsFile(metricsFile, text);
      } catch (error) {
        this.#log.warn("metrics file not written", { path: metricsFile, error: oneLine(error) });
      }
    }
    if (pushgatewayUrl !== undefined) {
      const pushed = await pushMetrics(pushgatewayUrl, text, { userAgent: this.#userAgent });
      if (!pushed.delivered) {
        this.#log.warn("metrics not pushed", {
          error: `OMRECON_PUSHGATEWAY_URL (${shownUrl(pushgatewayUrl)}) ${pushed.error}`,
        });
      }
    }
  }

  /** What this process knows, when the database cannot say more. */
  #processSnapshot(failed?: NewStepRun): MetricsSnapshot {
    const runs = [...this.steps.ended(), ...(failed ? [failed] : [])];
    return {
      steps: runs.map((r) => ({
        step: r.step,
        startedAt: r.started_at,
        status: r.status,
        exitCode: r.exit_code,
        durationMs: r.duration_ms,
        lastSuccessAt: r.status === "ok" ? r.started_at : null,
        counts: r.counts as StepCounts,
      })),
      openFindings: null,
      alertsPending: null,
    };
  }
}

/** Reads the alert, heartbeat and metrics settings (ConfigError on a bad one) and pings `/start`. */
export async function startOperations(
  command: OperatedCommand,
  settings: Settings,
  io: Io,
  logger: Logger,
): Promise<Operations> {
  const ops = new Operations(command, settings, io, logger);
  await ops.start();
  return ops;
}

function oneLine(error: unknown): string {
  return ((error as Error)?.message ?? String(error)).split("\n")[0]!.slice(0, 300);
}
