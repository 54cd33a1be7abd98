import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../src/index.js";

const KEY = "osk_0123456789abcdef";

/** The partner key and the database location are read by one NAME / NAME_FILE reader: both say the same things. */
describe("NAME or NAME_FILE settings", () => {
  const dir = mkdtempSync(join(tmpdir(), "omrecon-setting-file-"));
  const blank = join(dir, "blank");
  writeFileSync(blank, "  \n\n");

  it("an empty file is one line naming the variable and the file, for the key and for the database", () => {
    expect(() => loadSettings({ OPENMONEY_API_KEY_FILE: blank })).toThrow(
      `OPENMONEY_API_KEY_FILE: ${blank} is empty; put the partner key (osk_…) in it`,
    );
    expect(() => loadSettings({ OMRECON_DB_FILE: blank })).toThrow(
      `OMRECON_DB_FILE: ${blank} is empty; put the database URL or path in it`,
    );
  });

  it("an unreadable key file says what the file should hold", () => {
    expect(() => loadSettings({ OPENMONEY_API_KEY_FILE: dir })).toThrow(
      `OPENMONEY_API_KEY_FILE: cannot read ${dir} (EISDIR); point it at a file holding the key`,
    );
  });

  it("the variable wins over its file, blank counts as unset, and values are trimmed", () => {
    const file = join(dir, "key");
    writeFileSync(file, `  ${KEY}\n`);
    expect(loadSettings({ OPENMONEY_API_KEY_FILE: file }).apiKey).toBe(KEY);
    expect(loadSettings({ OPENMONEY_API_KEY: ` ${KEY}2 `, OPENMONEY_API_KEY_FILE: blank }).apiKey).toBe(`${KEY}2`);
    expect(loadSettings({ OPENMONEY_API_KEY: "  ", OPENMONEY_API_KEY_FILE: file }).apiKey).toBe(KEY);
  });
});
