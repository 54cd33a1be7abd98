// Run by limits.test.ts in a child process: one GET against a server streaming a 1 GB body, then
// this process's peak RSS and how the call ended, as JSON on stdout.
import { OpenMoneyClient } from "../src/index.js";

const baseUrl = process.argv[2]!;
const client = new OpenMoneyClient({ apiKey: "osk_test_huge", baseUrl, maxRetries: 0 });
let outcome: { name: string; code: string; message: string } | null = null;
try {
  await client.orders.listPage({ limit: 100 });
} catch (error) {
  const e = error as { name: string; code: string; message: string };
  outcome = { name: e.name, code: e.code, message: e.message };
}
await client.close();
process.stdout.write(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, outcome }));
