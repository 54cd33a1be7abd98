/**
 * What the summary page inlines, read once per process: uPlot's script and style from node_modules
 * (never a CDN: the page makes no request), the page's own style and script, and the SHA-256 of each
 * inline block for the Content-Security-Policy, which admits exactly these and nothing else.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { DRAW, PRELUDE } from "./html-script.js";
import { PAGE_STYLE } from "./html-style.js";

export interface PageAssets {
  /** The one inline script: the prelude, uPlot, then the drawing code. */
  script: string;
  /** The one inline style: uPlot's, then the page's. */
  style: string;
  /** The `content` of the page's CSP meta tag. */
  csp: string;
  /** `uplot x.y.z`, for the page's footer. */
  chartLibrary: string;
}

let cached: PageAssets | undefined;

export function pageAssets(): PageAssets {
  cached ??= loadAssets();
  return cached;
}

function loadAssets(): PageAssets {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve("uplot/dist/uPlot.iife.min.js"));
  const root = dirname(dist);
  const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
  const copyright = /^Copyright.*$/m.exec(readFileSync(join(root, "LICENSE"), "utf8"))?.[0] ?? "";
  const uplot = readFileSync(join(dist, "uPlot.iife.min.js"), "utf8");
  const uplotCss = readFileSync(join(dist, "uPlot.min.css"), "utf8");
  const script = [PRELUDE, `/*! uPlot ${version}, MIT License, ${copyright.replace(/\*\//g, "")} */`, uplot, DRAW].join(
    "\n",
  );
  const style = `${uplotCss}\n${PAGE_STYLE}`;
  // Inline blocks are raw text to the HTML parser: only their end tag could end them early.
  if (/<\/script/i.test(script)) throw new Error("the page's script contains </script");
  if (/<\/style/i.test(style)) throw new Error("the page's style contains </style");
  const hash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
  const csp = [
    "default-src 'none'",
    `script-src ${hash(script)}`,
    `style-src ${hash(style)}`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return { script, style, csp, chartLibrary: `uPlot ${version}` };
}
