export { HELP } from "./help.js";
export type { Io } from "./io.js";
export { reconcileMain, reconcileOptions } from "./main.js";
