import { Address } from "@ton/core";
import { describe, expect, it } from "vitest";
import { rawAddressOrNull } from "./address.js";

const account = new Address(0, Buffer.from("45253909e6165d1fb8baad64139e6e37ce7ea1d9d3c157d945676f7df16bd600", "hex"));
const RAW = "0:45253909e6165d1fb8baad64139e6e37ce7ea1d9d3c157d945676f7df16bd600";

describe("rawAddressOrNull", () => {
  it("gives every form of one account the same raw form", () => {
    const forms = [
      RAW,
      RAW.toUpperCase().replace("0X", "0x"),
      account.toString({ bounceable: true }),
      account.toString({ bounceable: false }),
      account.toString({ bounceable: true, urlSafe: false }),
      account.toString({ bounceable: false, testOnly: true }),
      `  ${account.toString()}\n`,
    ];
    for (const form of forms) expect(rawAddressOrNull(form), form).toBe(RAW);
    // Twice in a row (the one-entry memo) and after another address (the map).
    expect(rawAddressOrNull(forms[2])).toBe(RAW);
    expect(rawAddressOrNull(`-1:${"ab".repeat(32)}`)).toBe(`-1:${"ab".repeat(32)}`);
    expect(rawAddressOrNull(forms[2])).toBe(RAW);
  });

  it("answers null for absent, blank and anything that is not an address, never the input", () => {
    const friendly = account.toString();
    const badChecksum = friendly.slice(0, -1) + (friendly.endsWith("A") ? "B" : "A");
    const notAddresses = [
      null,
      undefined,
      "",
      "   ",
      badChecksum,
      friendly.slice(1),
      `0:${"ab".repeat(31)}`,
      `0:${"zz".repeat(32)}`,
      "STARS-a1b2c3",
      '=HYPERLINK("http://x")',
    ];
    for (const input of notAddresses) expect(rawAddressOrNull(input), String(input)).toBeNull();
    // The memo does not confuse a later good answer for the same text.
    expect(rawAddressOrNull(badChecksum)).toBeNull();
    expect(rawAddressOrNull(friendly)).toBe(RAW);
  });
});
