export type { ApiCounters, RequestRecord } from "./counters.js";
export type { FaultControl, FaultKind, FaultRates, ScriptedFault } from "./faults.js";
export { openApiDocument } from "./openapi.js";
export { API_PREFIX, type PartnerApi, type PartnerApiOptions, startPartnerApi } from "./server.js";
export { API_SHAPES, type ApiShape, type ApiShapeName, apiShape, isApiShapeName } from "./shapes.js";
