// vitest global setup of the packages whose suites run on Postgres too (their vitest.config.ts):
// a private server for the run, or the one OMRECON_TEST_POSTGRES_URL names (docs/postgres.md#tests).
// At the root beside vitest.shared.ts, because a global setup is loaded before the source export
// condition applies: it must not go through a package's built `dist`.
export { setup, teardown } from "./packages/store/src/testing-setup.ts";
