export {
  describeHuman,
  describeJson,
  HELP,
  type Io,
  optionsFrom,
  parsePlant,
  sandboxFlags,
  sandboxMain,
} from "./main.js";
