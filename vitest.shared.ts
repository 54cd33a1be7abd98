import { defineConfig } from "vitest/config";

// Tests read sibling packages from their sources through the "@omrecon/source" export condition,
// so a change in one package is seen by the next test run without a build. The rest are vite's
// default server conditions, which setting the list replaces.
const conditions = ["@omrecon/source", "module", "node", "development|production"];

export default defineConfig({
  ssr: { resolve: { conditions } },
  resolve: { conditions: ["@omrecon/source"] },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
  },
});
