export { HELP, type Io, syncMain, syncOptions } from "./main.js";
