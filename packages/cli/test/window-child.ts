// Run by window.test.ts under another TZ: prints the windows of WINDOW_CASES there.
import { WINDOW_CASES, windowAnswers } from "./window-cases.js";

process.stdout.write(
  JSON.stringify({ offset: new Date(2026, 0, 1).getTimezoneOffset(), answers: windowAnswers(WINDOW_CASES) }),
);
