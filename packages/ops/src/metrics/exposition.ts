/**
 * The Prometheus text format of a snapshot, made by prom-client (the Node client the Prometheus
 * docs list) rather than by hand: names, HELP/TYPE lines, label escaping and number formatting
 * are its job. Gauges only: every value is the state after the last run, which is what
 * node_exporter's textfile collector and a Pushgateway are for (docs/alerts.md#metrics).
 */
import { nanoToTonNumber, SEVERITIES } from "@omrecon/core";
import { Gauge, Registry } from "prom-client";
import type { MetricsSnapshot } from "./snapshot.js";

export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export async function metricsText(snapshot: MetricsSnapshot, version: string): Promise<string> {
  const registry = new Registry();
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });

  gauge("omrecon_build_info", "omrecon's version (always 1).", ["version"]).set({ version }, 1);
  const started = gauge("omrecon_last_run_timestamp_seconds", "When the last run of each step started.", ["step"]);
  const success = gauge("omrecon_last_run_success", "1 when the last run of each step did its job (exit 0 or 1).", [
    "step",
  ]);
  const exit = gauge("omrecon_last_run_exit_code", "Exit status of the last run of each step.", ["step"]);
  const duration = gauge("omrecon_last_run_duration_seconds", "How long the last run of each step took.", ["step"]);
  const lastOk = gauge(
    "omrecon_last_success_timestamp_seconds",
    "When the last run of each step that did its job started.",
    ["step"],
  );
  const orders = gauge("omrecon_last_run_orders_read", "Orders the last run of each step read.", ["step"]);
  const ledger = gauge("omrecon_last_run_balance_transactions_read", "Ledger rows the last run of each step read.", [
    "step",
  ]);
  const transfers = gauge("omrecon_last_run_transfers_read", "New TON transfers the last run of each step read.", [
    "step",
  ]);
  const requests = gauge(
    "omrecon_last_run_api_requests",
    "Requests the last run of each step made, by API, route and HTTP status (error: no answer).",
    ["step", "api", "route", "status"],
  );
  for (const s of snapshot.steps) {
    const step = { step: s.step };
    started.set(step, seconds(s.startedAt));
    success.set(step, s.status === "ok" ? 1 : 0);
    exit.set(step, s.exitCode);
    if (s.durationMs !== null) duration.set(step, s.durationMs / 1000);
    if (s.lastSuccessAt !== null) lastOk.set(step, seconds(s.lastSuccessAt));
    if (s.counts.orders_read !== undefined) orders.set(step, s.counts.orders_read);
    if (s.counts.balance_transactions_read !== undefined) ledger.set(step, s.counts.balance_transactions_read);
    if (s.counts.transfers_read !== undefined) transfers.set(step, s.counts.transfers_read);
    for (const r of s.counts.requests ?? []) {
      requests.set({ step: s.step, api: r.api, route: r.route, status: r.status }, r.count);
    }
  }

  if (snapshot.openFindings !== null) {
    const open = gauge("omrecon_open_findings", "Open findings (not resolved, still found) by kind and severity.", [
      "kind",
      "severity",
    ]);
    const stake = gauge("omrecon_open_findings_ton", "TON at stake in open findings, by severity.", ["severity"]);
    const bySeverity = new Map<string, bigint>(SEVERITIES.map((s) => [s, 0n]));
    for (const f of snapshot.openFindings) {
      open.set({ kind: f.kind, severity: f.severity }, f.count);
      bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0n) + f.amountNano);
    }
    for (const [severity, nano] of bySeverity) stake.set({ severity }, nanoToTonNumber(nano));
  }
  if (snapshot.alertsPending !== null) {
    gauge("omrecon_alerts_pending", "Alerts stored but not yet delivered (omrecon alerts lists them).").set(
      snapshot.alertsPending,
    );
  }
  return registry.metrics();
}

function seconds(iso: string): number {
  return Date.parse(iso) / 1000;
}
