/**
 * The one place a command turns settings into the partner API client and the database: every
 * command that needs them (sync, reconcile, resolve, report, nightly, demo) comes here, so the key,
 * the base URL, the user agent and the "database does not exist" line are decided once. The
 * database is a SQLite file or a Postgres URL (the store decides which); messages name a URL
 * without its password.
 */
import { apiKeyOf, ConfigError, type Settings } from "@omrecon/cli";
import { OpenMoneyClient, type ResponseEvent } from "@omrecon/client";
import type { Logger } from "@omrecon/core";
import { databaseName, openStore, type Store, storeExists } from "@omrecon/store";

export interface OpenDatabaseOptions {
  /**
   * The command that creates the database (e.g. "pnpm sync"): a missing file is then a one-line
   * error naming it, instead of a new empty database. Unset: the file is created when missing.
   */
  madeBy?: string;
}

/** Opens (and migrates) the database of `settings`. */
export async function openDatabase(
  settings: Pick<Settings, "dbPath">,
  options: OpenDatabaseOptions = {},
): Promise<Store> {
  // A SQLite file, or a Postgres database whose schema omrecon made (asked without creating it).
  if (options.madeBy !== undefined && !(await storeExists(settings.dbPath))) {
    throw new ConfigError(
      `database ${databaseName(settings.dbPath)} does not exist; run \`${options.madeBy}\` first or pass --db`,
    );
  }
  return openStore(settings.dbPath);
}

/** Opens the database of `settings` for `use` and closes it however `use` ends. */
export async function withDatabase<T>(
  settings: Pick<Settings, "dbPath">,
  options: OpenDatabaseOptions,
  use: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openDatabase(settings, options);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** Whether the database of `settings` is there already (a first run reads the whole history). */
export function databaseExists(settings: Pick<Settings, "dbPath">): Promise<boolean> {
  return storeExists(settings.dbPath);
}

export interface PartnerClientOptions {
  /** The command, sent as the user agent's suffix. */
  command: string;
  logger?: Logger;
  /** After every attempt: debug logs and request metrics (`Operations.partnerResponse`). */
  onResponse?: (event: ResponseEvent) => void;
}

/** The partner API client of `settings`; settings without a key are a one-line error naming the variable. */
export function partnerClient(
  settings: Pick<Settings, "apiKey" | "baseUrl">,
  options: PartnerClientOptions,
): OpenMoneyClient {
  return new OpenMoneyClient({
    apiKey: apiKeyOf(settings),
    baseUrl: settings.baseUrl,
    userAgent: options.command,
    ...(options.logger && { logger: options.logger }),
    ...(options.onResponse && { onResponse: options.onResponse }),
  });
}

/** A command's client and database, closed together. */
export interface Connection {
  client: OpenMoneyClient;
  store: Store;
  close(): Promise<void>;
}

/** The client and the database of `settings`; nothing is left open when either cannot be made. */
export async function connect(
  settings: Pick<Settings, "apiKey" | "baseUrl" | "dbPath">,
  options: PartnerClientOptions & OpenDatabaseOptions,
): Promise<Connection> {
  const client = partnerClient(settings, options);
  let store: Store;
  try {
    store = await openDatabase(settings, options);
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    client,
    store,
    close: async () => {
      try {
        await client.close();
      } finally {
        await store.close();
      }
    },
  };
}
