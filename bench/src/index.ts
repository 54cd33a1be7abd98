export { benchMain } from "./bench-main.js";
export { BENCH_HELP } from "./options.js";
