export { HELP, type Io, type SignalSource, syncMain, syncOptions } from "./main.js";
