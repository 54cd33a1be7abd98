/**
 * A setting given directly (`NAME`) or in a file named by `NAME_FILE`, as a mounted secret is
 * (docs/cli.md#settings): the partner key and the
 * database location are read this one way.
 */
import { readFileSync } from "node:fs";
import { ConfigError } from "./errors.js";

type Env = Record<string, string | undefined>;

/** The value trimmed; undefined when it is absent or blank. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

export interface SettingFileWords {
  /** What a readable file holds, for `point it at a file holding …`. */
  holding: string;
  /** What to put in an empty file, for `put … in it`. */
  putIn: string;
}

/**
 * `NAME`, else the trimmed text of the file `NAME_FILE` names, with the variable it came from;
 * undefined when neither is set. An unreadable or empty file is one line naming `NAME_FILE` and
 * the file, never its text.
 */
export function settingOrFile(
  env: Env,
  name: string,
  words: SettingFileWords,
): { value: string; from: string } | undefined {
  const direct = nonEmpty(env[name]);
  if (direct !== undefined) return { value: direct, from: name };
  const variable = `${name}_FILE`;
  const file = nonEmpty(env[variable]);
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new ConfigError(`${variable}: cannot read ${file} (${code}); point it at a file holding ${words.holding}`);
  }
  const value = nonEmpty(text);
  if (value === undefined) throw new ConfigError(`${variable}: ${file} is empty; put ${words.putIn} in it`);
  return { value, from: variable };
}
