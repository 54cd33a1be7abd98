export const HELP = `Usage: omrecon reconcile [options]
       omrecon reconcile resolve KEY --note "…" [--by NAME]

Reads new on-chain transfers into the local database, matches them with the mirrored orders and
balance ledger (run \`pnpm sync\` first), stores the run and its findings, and alerts new findings.
Prints a summary grouped by severity on stderr.

Options:
  --from ISO            window start on created_at, inclusive (default: 7 days before --to)
  --to ISO              window end, exclusive, and the run's as-of time (default: now)
  --tolerance-ton X     amounts within X TON count as equal (default 0)
  --grace-minutes N     a paid order still unpaid is reported only after N minutes (default 30)
  --fail-on LEVEL       critical | warning | info | never: exit 1 when an open finding is at or
                        above it (default warning)
  --webhook URL         send alerts here (default $OMRECON_WEBHOOK_URL) in $OMRECON_WEBHOOK_FORMAT
                        (json, slack, teams, pagerduty; docs/alerts.md); json is signed with
                        $OMRECON_WEBHOOK_SECRET when set
  --chain-deadline S    give up reading the chain after S seconds (default $OMRECON_CHAIN_DEADLINE
                        or 1800); the run then fails with exit 2 and the cursor stays
  --chain-max-pages N   at most N page requests to the TON API per run (default
                        $OMRECON_CHAIN_MAX_PAGES or 20000)
  --max-sync-age-hours N  the mirror counts as incomplete when the last complete sync pass
                        started more than N hours ago (default 26): the findings it can cause
                        are listed but not alerted
  --metrics-file PATH   write Prometheus metrics there after the run (node_exporter's textfile
                        collector; default $OMRECON_METRICS_FILE)
  --db PATH             SQLite file or postgres:// URL (default $OMRECON_DB or ./data/omrecon.sqlite)
  --json                print the run as one JSON document on stdout, nothing else there
  -h, --help            this help

resolve KEY (any unique start of a key):
  --note TEXT           why it is resolved (required)
  --by NAME             who resolves it (default: the current user)
  --json                print the resolution as JSON

A run that fails (exit 2) sends a run.failed alert and pings $OMRECON_HEARTBEAT_URL/fail.
Exit status: 0 nothing at or above --fail-on; 1 open findings at or above it; 2 could not do
the job (bad flag or setting, key refused, service unreachable, database unusable); 130/143
stopped by SIGINT/SIGTERM (the run is recorded as interrupted).
`;

export const RESOLVE_HELP = `Usage: omrecon resolve KEY --note "…" [--by NAME] [--db PATH] [--json]
       omrecon reconcile resolve KEY --note "…" (the same)

Marks a finding resolved, keeping who, when and why, and the amounts at that time. The finding
is then neither listed nor alerted, and does not count for the exit status, until its amounts
change. KEY may be any unique start of a key; \`omrecon findings\` lists them. With a webhook set,
the resolution is announced (PagerDuty resolves the finding's alert).

Options:
  --note TEXT           why it is resolved (required)
  --by NAME             who resolves it (default: $USER, else the current user)
  --db PATH             SQLite file or postgres:// URL (default $OMRECON_DB or ./data/omrecon.sqlite)
  --json                print the resolution as one JSON document on stdout
  -h, --help            this help

Exit status: 0 resolved (or already resolved at these amounts); 2 unknown or ambiguous key,
missing --note, or the database missing or unusable.
`;
