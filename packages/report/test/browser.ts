/**
 * Debian's Chromium driven by playwright-core (no browser download) with every request refused:
 * what a page asks for is recorded, what it logs as an error, and every CSP violation it causes.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { tempDir } from "./fixture.js";

export const CHROMIUM = process.env.OMRECON_CHROMIUM ?? "/usr/bin/chromium";
export const haveChromium = existsSync(CHROMIUM);

/** Where the tests leave screenshots and PDFs for a person to look at (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL("../test-artifacts/", import.meta.url));

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

export interface Browser {
  context: BrowserContext;
  /** Every request any page of the context made (the page's own file included). */
  requests: string[];
  /** Console errors and uncaught exceptions, per page. */
  errors: string[];
  dialogs: string[];
  open(url: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** CSP violations the page reported (an init script listens for them, outside the page's CSP). */
  violations(page: Page): Promise<string[]>;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  const context = await chromium.launchPersistentContext(tempDir("omrecon-chromium-"), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const requests: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  // The network is blocked: nothing but the page's own file may load.
  await context.route("**/*", (route) =>
    route.request().url().startsWith("file:") ? route.continue() : route.abort("blockedbyclient"),
  );
  await context.addInitScript(
    `window.__violations = []; document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));`,
  );
  return {
    context,
    requests,
    errors,
    dialogs,
    async open(url, viewport = { width: 1280, height: 900 }) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(url, { waitUntil: "load" });
      return page;
    },
    violations: (page) => page.evaluate<string[]>("window.__violations"),
    close: () => context.close(),
  };
}

/** Per chart: its canvas's size and how many pixels are painted, and how many in a series' colour (not grey). */
export const CHART_PIXELS = `["chart-daily", "chart-history"].map((id) => {
  const c = document.querySelector("#" + id + " canvas");
  if (!c) return { id, width: 0, painted: 0, coloured: 0 };
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let painted = 0, coloured = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] === 0) continue;
    painted++;
    if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 60) coloured++;
  }
  return { id, width: c.getBoundingClientRect().width, painted, coloured };
})`;

export interface ChartPixels {
  id: string;
  width: number;
  painted: number;
  coloured: number;
}
