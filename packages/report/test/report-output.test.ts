import { describe, expect, it } from "vitest";
import { fileContents } from "../src/index.js";

const file = (name: string, rows: number) => ({ file: name, path: `/out/${name}`, rows, bytes: 1, sha256: "0" });

describe("the terminal's line for each written file", () => {
  it("counts a table's rows, and says what the page and the manifest are instead of counting rows", () => {
    expect(fileContents(file("orders.csv", 12_345))).toBe("12,345 rows");
    expect(fileContents(file("omrecon-report.xlsx", 2_000))).toBe("2,000 rows");
    expect(fileContents(file("summary.html", 19))).toBe("the night on one page: open it in a browser");
    expect(fileContents(file("manifest.json", 6))).toBe("6 files with their SHA-256");
  });
});
