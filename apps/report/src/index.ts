export { describeReport, HELP, type Io, reportMain, reportOptions } from "./main.js";
