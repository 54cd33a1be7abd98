/**
 * vitest global setup of the packages whose suites run on Postgres too (`globalSetup` in their
 * vitest.config.ts): a private server for the run, or the one OMRECON_TEST_POSTGRES_URL names.
 * Kept apart from testing.ts so that loading it loads `pg` and nothing of the store.
 */
export { setup, teardown } from "./testing-dialects.js";
