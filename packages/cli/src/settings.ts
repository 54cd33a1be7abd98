import { databaseLocation, databasePassword } from "./database-setting.js";
import { ConfigError } from "./errors.js";
import { nonEmpty, settingOrFile } from "./setting-or-file.js";

/**
 * Every setting of docs/cli.md#settings, validated once.
 * A flag wins over its variable.
 */
export interface Settings {
  /** Partner key, `osk_…`; undefined when not required and not set. Never print it. */
  apiKey: string | undefined;
  baseUrl: string;
  tonEndpoint: string;
  tonApiKey: string | undefined;
  dbPath: string;
  webhookUrl: string | undefined;
  /** `OMRECON_WEBHOOK_SECRET`: signs the `json` format; the routing key of `pagerduty`. */
  webhookSecret: string | undefined;
  /** `OMRECON_WEBHOOK_FORMAT` (docs/alerts.md#formats). */
  webhookFormat: WebhookFormat;
  /** `OMRECON_HEARTBEAT_URL`: healthchecks-style pings. */
  heartbeatUrl: string | undefined;
  /** `OMRECON_PUSHGATEWAY_URL`: where the metrics are pushed. */
  pushgatewayUrl: string | undefined;
  /** `--metrics-file` / `OMRECON_METRICS_FILE`: the textfile collector's file. */
  metricsFile: string | undefined;
  /** `--chain-deadline` / `OMRECON_CHAIN_DEADLINE` (seconds) in ms; undefined: the chain reader's default. */
  chainDeadlineMs: number | undefined;
  /** `--chain-max-pages` / `OMRECON_CHAIN_MAX_PAGES`; undefined: the chain reader's default. */
  chainMaxPages: number | undefined;
}

/** `OMRECON_WEBHOOK_FORMAT`'s values (the formats of @omrecon/ops). */
export const WEBHOOK_FORMATS = ["json", "slack", "teams", "pagerduty"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const DEFAULTS = {
  baseUrl: "https://api.theopenmoney.info/api/v1",
  tonEndpoint: "https://toncenter.com/api/v2/jsonRPC",
  dbPath: "./data/omrecon.sqlite",
} as const;

export interface SettingsOverrides {
  /** `--db` */
  db?: string | undefined;
  /** `--webhook` */
  webhook?: string | undefined;
  /** `--chain-deadline` (seconds) */
  chainDeadline?: string | undefined;
  /** `--chain-max-pages` */
  chainMaxPages?: string | undefined;
  /** `--metrics-file` */
  metricsFile?: string | undefined;
}

export interface LoadSettingsOptions {
  /** The command talks to the partner API: the key must be present. */
  requireApiKey?: boolean;
}

type Env = Record<string, string | undefined>;

function readKey(env: Env): string | undefined {
  return settingOrFile(env, "OPENMONEY_API_KEY", { holding: "the key", putIn: "the partner key (osk_…)" })?.value;
}

function checkKey(key: string, variable: string): void {
  // Say what is wrong without echoing any of the value.
  if (!key.startsWith("osk_") || /\s/.test(key)) {
    throw new ConfigError(
      `${variable} does not look like a partner key (expected osk_… with no spaces); get one from the bot with /api`,
    );
  }
}

function url(value: string, variable: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${variable} is not a URL: ${JSON.stringify(value.slice(0, 200))}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new ConfigError(`${variable} must be an http(s) URL, got ${parsed.protocol}`);
  }
  return value.replace(/\/+$/, "");
}

/** A whole number within bounds from a flag or its variable (the flag wins), or undefined when neither is set. */
function wholeNumber(
  flag: string | undefined,
  flagName: string,
  env: string | undefined,
  envName: string,
  min: number,
  max: number,
): number | undefined {
  const fromFlag = nonEmpty(flag);
  const value = fromFlag ?? nonEmpty(env);
  if (value === undefined) return undefined;
  const name = fromFlag !== undefined ? flagName : envName;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(
      `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return Number(value);
}

/** Reads and validates the settings of docs/cli.md from `env` (usually `process.env`) and flags. */
export function loadSettings(env: Env, overrides: SettingsOverrides = {}, options: LoadSettingsOptions = {}): Settings {
  const apiKey = readKey(env);
  if (apiKey !== undefined) {
    checkKey(apiKey, nonEmpty(env.OPENMONEY_API_KEY) !== undefined ? "OPENMONEY_API_KEY" : "OPENMONEY_API_KEY_FILE");
  } else if (options.requireApiKey) {
    throw missingApiKey();
  }
  const webhook = nonEmpty(overrides.webhook) ?? nonEmpty(env.OMRECON_WEBHOOK_URL);
  return {
    apiKey,
    baseUrl: url(nonEmpty(env.OPENMONEY_BASE_URL) ?? DEFAULTS.baseUrl, "OPENMONEY_BASE_URL"),
    tonEndpoint: url(nonEmpty(env.TON_ENDPOINT) ?? DEFAULTS.tonEndpoint, "TON_ENDPOINT"),
    tonApiKey: nonEmpty(env.TON_API_KEY),
    dbPath: databaseLocation(overrides.db, env, DEFAULTS.dbPath),
    webhookUrl:
      webhook === undefined ? undefined : url(webhook, overrides.webhook ? "--webhook" : "OMRECON_WEBHOOK_URL"),
    webhookSecret: nonEmpty(env.OMRECON_WEBHOOK_SECRET),
    webhookFormat: webhookFormat(env.OMRECON_WEBHOOK_FORMAT),
    heartbeatUrl: optionalUrl(env.OMRECON_HEARTBEAT_URL, "OMRECON_HEARTBEAT_URL"),
    pushgatewayUrl: optionalUrl(env.OMRECON_PUSHGATEWAY_URL, "OMRECON_PUSHGATEWAY_URL"),
    metricsFile: nonEmpty(overrides.metricsFile) ?? nonEmpty(env.OMRECON_METRICS_FILE),
    chainDeadlineMs: ((s) => (s === undefined ? undefined : s * 1000))(
      wholeNumber(
        overrides.chainDeadline,
        "--chain-deadline",
        env.OMRECON_CHAIN_DEADLINE,
        "OMRECON_CHAIN_DEADLINE",
        1,
        86_400,
      ),
    ),
    chainMaxPages: wholeNumber(
      overrides.chainMaxPages,
      "--chain-max-pages",
      env.OMRECON_CHAIN_MAX_PAGES,
      "OMRECON_CHAIN_MAX_PAGES",
      1,
      10_000_000,
    ),
  };
}

function optionalUrl(value: string | undefined, variable: string): string | undefined {
  const text = nonEmpty(value);
  return text === undefined ? undefined : url(text, variable);
}

function webhookFormat(value: string | undefined): WebhookFormat {
  const text = nonEmpty(value)?.toLowerCase();
  if (text === undefined) return "json";
  if (!(WEBHOOK_FORMATS as readonly string[]).includes(text)) {
    throw new ConfigError(
      `OMRECON_WEBHOOK_FORMAT must be one of ${WEBHOOK_FORMATS.join(", ")}, got ${JSON.stringify(value?.slice(0, 40))}`,
    );
  }
  return text as WebhookFormat;
}

function missingApiKey(): ConfigError {
  return new ConfigError(
    "OPENMONEY_API_KEY is not set; export it (or OPENMONEY_API_KEY_FILE) with your partner key osk_…",
  );
}

/** The partner key of settings that must have one (a command that talks to the partner API). */
export function apiKeyOf(settings: Pick<Settings, "apiKey">): string {
  if (settings.apiKey === undefined) throw missingApiKey();
  return settings.apiKey;
}

/**
 * The values that must never appear in output: pass them to the logger and to runMain. The alert
 * and heartbeat URLs are among them: a Slack, Teams or healthchecks URL is itself a credential.
 */
export function secretsOf(settings: Settings): string[] {
  return [
    settings.apiKey,
    settings.tonApiKey,
    settings.webhookSecret,
    settings.webhookUrl,
    settings.heartbeatUrl,
    databasePassword(settings.dbPath),
  ].filter((s): s is string => s !== undefined);
}
