/** The API's `/orders/stats/summary` for the window against the mirror's own count. */
import { FINDING_SEVERITY, type Finding, findingKey, utcDate } from "@omrecon/core";
import { abs } from "./amount.js";
import type { MatchStats, MatchWindow } from "./types.js";

/**
 * @param total how many orders of the window the mirror holds
 * @param local how many of them hold each status
 * @param volumeNano the billed prices of the window's orders in the mirror: what the stats' volume,
 *   when it comes, is compared with for the finding's amount (the counts alone decide the finding)
 */
export function controlTotals(
  window: MatchWindow,
  stats: MatchStats,
  total: number,
  local: ReadonlyMap<string, number>,
  volumeNano: bigint,
): Finding | null {
  const differences: string[] = [];
  if (stats.total_orders !== total) {
    differences.push(`total_orders API ${stats.total_orders} vs mirror ${total}`);
  }
  const statuses = [...new Set([...Object.keys(stats.by_status), ...local.keys()])].sort();
  for (const s of statuses) {
    const api = stats.by_status[s] ?? 0;
    const mine = local.get(s) ?? 0;
    if (api !== mine) differences.push(`${s} API ${api} vs mirror ${mine}`);
  }
  if (differences.length === 0) return null;
  return {
    key: findingKey.controlTotal(utcDate(window.from), utcDate(window.to)),
    kind: "control_total_mismatch",
    severity: FINDING_SEVERITY.control_total_mismatch,
    order_id: null,
    payment_memo: null,
    tx_hash: null,
    expected_nano: null,
    received_nano: null,
    amount_nano: stats.volume_nano == null ? null : abs(stats.volume_nano - volumeNano),
    message: `/orders/stats/summary disagrees with the mirror for ${utcDate(window.from)}..${utcDate(window.to)}: ${differences.join("; ")}`,
    details: { window_from: window.from, window_to: window.to },
  };
}
