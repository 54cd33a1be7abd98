export type { ApiCounters, RequestRecord } from "./counters.js";
export type { FaultControl, FaultKind, FaultRates, ScriptedFault } from "./faults.js";
export { API_PREFIX, type PartnerApi, type PartnerApiOptions, startPartnerApi } from "./server.js";
