import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULTS, loadSettings, secretsOf } from "../src/index.js";

const key = "osk_test_0123456789abcdef";

describe("loadSettings", () => {
  it("refuses a chain deadline or page cap that is not a whole number in range, naming the flag or variable", () => {
    expect(() => loadSettings({ OMRECON_CHAIN_DEADLINE: "5m" })).toThrow(
      /^OMRECON_CHAIN_DEADLINE must be a whole number from 1 to 86400, got "5m"$/,
    );
    expect(() => loadSettings({}, { chainMaxPages: "0" })).toThrow(/^--chain-max-pages must be a whole number/);
    expect(loadSettings({}).chainDeadlineMs).toBeUndefined();
  });

  it("applies docs/cli.md's defaults", () => {
    const s = loadSettings({});
    expect(s).toMatchObject({
      apiKey: undefined,
      baseUrl: DEFAULTS.baseUrl,
      tonEndpoint: DEFAULTS.tonEndpoint,
      dbPath: DEFAULTS.dbPath,
    });
  });

  it("reads every variable, and a flag wins over its variable", () => {
    const s = loadSettings(
      {
        OPENMONEY_API_KEY: key,
        OPENMONEY_BASE_URL: "http://127.0.0.1:9/api/v1/",
        TON_ENDPOINT: "http://127.0.0.1:9/jsonRPC",
        TON_API_KEY: "tonkey",
        OMRECON_DB: "/tmp/a.sqlite",
        OMRECON_WEBHOOK_URL: "http://hooks.local/x",
        OMRECON_WEBHOOK_SECRET: "whsec",
        OMRECON_CHAIN_DEADLINE: "600",
        OMRECON_CHAIN_MAX_PAGES: "500",
        OMRECON_WEBHOOK_FORMAT: "Slack",
        OMRECON_HEARTBEAT_URL: "https://hc-ping.example/abc",
        OMRECON_PUSHGATEWAY_URL: "http://pushgateway:9091/",
        OMRECON_METRICS_FILE: "/var/lib/node_exporter/omrecon.prom",
      },
      { db: "/tmp/b.sqlite", webhook: "http://hooks.local/y", chainMaxPages: "70", metricsFile: "/tmp/m.prom" },
    );
    expect(s).toEqual({
      apiKey: key,
      baseUrl: "http://127.0.0.1:9/api/v1",
      tonEndpoint: "http://127.0.0.1:9/jsonRPC",
      tonApiKey: "tonkey",
      dbPath: "/tmp/b.sqlite",
      webhookUrl: "http://hooks.local/y",
      webhookSecret: "whsec",
      webhookFormat: "slack",
      heartbeatUrl: "https://hc-ping.example/abc",
      pushgatewayUrl: "http://pushgateway:9091",
      metricsFile: "/tmp/m.prom",
      chainDeadlineMs: 600_000,
      chainMaxPages: 70,
    });
    // The alert and heartbeat URLs are credentials too (a Slack or healthchecks URL is the key).
    expect(secretsOf(s)).toEqual([key, "tonkey", "whsec", "http://hooks.local/y", "https://hc-ping.example/abc"]);
  });

  it("refuses an unknown webhook format and a heartbeat or Pushgateway setting that is not a URL, naming the variable", () => {
    expect(() => loadSettings({ OMRECON_WEBHOOK_FORMAT: "discord" })).toThrow(
      'OMRECON_WEBHOOK_FORMAT must be one of json, slack, teams, pagerduty, got "discord"',
    );
    expect(() => loadSettings({ OMRECON_HEARTBEAT_URL: "hc-ping.com/abc" })).toThrow(
      'OMRECON_HEARTBEAT_URL is not a URL: "hc-ping.com/abc"',
    );
    expect(() => loadSettings({ OMRECON_PUSHGATEWAY_URL: "ftp://x" })).toThrow(
      "OMRECON_PUSHGATEWAY_URL must be an http(s) URL, got ftp:",
    );
    expect(loadSettings({}).webhookFormat).toBe("json");
  });

  it("reads the key from OPENMONEY_API_KEY_FILE", () => {
    const file = join(mkdtempSync(join(tmpdir(), "omrecon-cli-")), "key");
    writeFileSync(file, `${key}\n`);
    expect(loadSettings({ OPENMONEY_API_KEY_FILE: file }).apiKey).toBe(key);
  });

  it("names the variable and the fix when the key is missing, unreadable or malformed, without echoing it", () => {
    expect(() => loadSettings({}, {}, { requireApiKey: true })).toThrow(/OPENMONEY_API_KEY is not set/);
    expect(() => loadSettings({ OPENMONEY_API_KEY_FILE: "/nonexistent/key" })).toThrow(
      /OPENMONEY_API_KEY_FILE: cannot read \/nonexistent\/key \(ENOENT\)/,
    );
    let error: unknown;
    try {
      loadSettings({ OPENMONEY_API_KEY: "sk_live_secretvalue" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toMatch(/^OPENMONEY_API_KEY does not look like a partner key/);
    expect(String((error as Error).message)).not.toContain("secretvalue");
  });

  it("refuses URLs that are not http(s)", () => {
    expect(() => loadSettings({ OPENMONEY_BASE_URL: "not a url" })).toThrow(/^OPENMONEY_BASE_URL is not a URL/);
    expect(() => loadSettings({ TON_ENDPOINT: "ftp://x" })).toThrow(/^TON_ENDPOINT must be an http\(s\) URL/);
  });
});
