// A real Postgres for this package's Postgres suites (docs/postgres.md#tests).
export { setup, teardown } from "../src/testing-setup.js";
