/**
 * What a reconcile run hands its alerts to (`ReconcileContext.alerts` of @omrecon/reconcile, which
 * this package does not import: the shape is structural). Inside the run's write transaction,
 * `record` stores the run's new findings and the findings it no longer found as pending alerts, so
 * a run that dies after committing still owes them and the next run sends them; after the commit,
 * `deliver` sends everything pending.
 */
import type { Finding, Logger } from "@omrecon/core";
import type { Store, StoreDb } from "@omrecon/store";
import { findingsNewEvent, findingsResolvedEvent, type RunForAlerts } from "./events.js";
import type { AlertDestination } from "./formats/destination.js";
import { type DeliverOptions, type DeliveryReport, deliverPending, recordAlerts } from "./outbox.js";

/** A run's findings as reconcile lists them. */
export interface RunAlertFinding extends Finding {
  new: boolean;
  held_back: boolean;
  first_seen_at: string;
}

export interface AppliedRunFacts extends RunForAlerts {
  findings: readonly RunAlertFinding[];
  /** Open before, covered by this run, not found by it. */
  cleared: readonly Finding[];
}

export interface RunAlerts {
  record(trx: StoreDb, run: AppliedRunFacts): Promise<void>;
  deliver(): Promise<DeliveryReport | null>;
}

export interface RunAlertsOptions extends DeliverOptions {
  store: Store;
  /** Null: no webhook is set, nothing is recorded or sent. */
  destination: AlertDestination | null;
  logger?: Logger;
}

export function runAlerts(options: RunAlertsOptions): RunAlerts {
  const now = options.now ?? (() => new Date());
  return {
    async record(trx, run) {
      if (options.destination === null) return;
      const at = now().toISOString();
      // Held back: the mirror was incomplete and could have caused it; it stays new for a later run.
      const fresh = run.findings.filter((f) => f.new && !f.held_back);
      await recordAlerts(
        trx,
        [
          findingsNewEvent(run, fresh, at),
          findingsResolvedEvent(run.cleared, { at, runId: run.runId, reason: "no_longer_found" }),
        ],
        { at, runId: run.runId },
      );
    },
    async deliver() {
      if (options.destination === null) return null;
      return deliverPending(options.store, options.destination, options);
    },
  };
}
