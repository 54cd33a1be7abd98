export { type OpenStoreOptions, openStore, type Store, StoreError } from "./open.js";
export type * from "./schema.js";
