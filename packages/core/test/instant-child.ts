// Run by instant.test.ts in a child process with another TZ: prints what every case gives there.
import { answers } from "./instant-cases.js";

process.stdout.write(
  JSON.stringify({ tz: process.env.TZ, offset: new Date(2026, 6, 1).getTimezoneOffset(), answers: answers() }),
);
