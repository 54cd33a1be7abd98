import type { Migration, MigrationProvider } from "kysely";
import * as m001 from "./001_initial.js";
import * as m002 from "./002_order_matches.js";
import * as m003 from "./003_drop_orders_payment_memo_index.js";
import * as m004 from "./004_orders_status_created_at_index.js";
import * as m005 from "./005_chain_bounce_columns.js";
import * as m006 from "./006_run_lifecycle.js";
import * as m007 from "./007_findings_amount.js";
import * as m008 from "./008_alerts_and_step_runs.js";

/**
 * Every migration, by name, in order. A static list rather than kysely's FileMigrationProvider:
 * reading the folder breaks under vitest on Node 20 and in bundles. Add new files here. Numbers are
 * handed out per change and may land out of order (005 after 006): each migration stands alone, and
 * the store runs whichever of them a database has not had.
 */
const migrations: Record<string, Migration> = {
  "001_initial": m001,
  "002_order_matches": m002,
  "003_drop_orders_payment_memo_index": m003,
  "004_orders_status_created_at_index": m004,
  "005_chain_bounce_columns": m005,
  "006_run_lifecycle": m006,
  "007_findings_amount": m007,
  "008_alerts_and_step_runs": m008,
};

/** Names of every migration this omrecon knows: one recorded in a database but not here came from a newer omrecon. */
export const KNOWN_MIGRATIONS: ReadonlySet<string> = new Set(Object.keys(migrations));

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
