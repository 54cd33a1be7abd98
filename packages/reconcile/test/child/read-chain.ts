/**
 * A chain read in a process of its own, so a test can measure that process's peak memory:
 * `node --conditions=@omrecon/source --import tsx read-chain.ts <TON_ENDPOINT> <db> <address>`.
 * Prints one JSON line: the read's result and the peak RSS in MB.
 */
import { openStore } from "@omrecon/store";
import { chainReaderFor } from "../../src/index.js";

const [endpoint, db, address] = process.argv.slice(2) as [string, string, string];
const store = await openStore(db);
const read = chainReaderFor({ tonEndpoint: endpoint, tonApiKey: undefined }, { store });
const result = await read([address]);
await store.close();
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify({ status: result.status, addresses: result.addresses, peakRssMb })}\n`);
