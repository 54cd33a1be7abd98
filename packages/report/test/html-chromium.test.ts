/**
 * summary.html as a person opens it: the demo's page (the demo's sandbox world, three nights, and an
 * order whose memo is an HTML injection) in Debian's headless Chromium with the network blocked, on a
 * laptop and a phone, and printed to PDF on A4; the worst page we can build printed too.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { OpenMoneyClient } from "@omrecon/client";
import { formatTon, parseTon } from "@omrecon/core";
import { connectReconcile, reconcile } from "@omrecon/reconcile";
import { startSandbox } from "@omrecon/sandbox";
import { openStore } from "@omrecon/store";
import { runSync } from "@omrecon/sync";
import ExcelJS from "exceljs";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReportResult, summaryPage, writeReports } from "../src/index.js";
import { artifact, type Browser, CHART_PIXELS, CHROMIUM, type ChartPixels, haveChromium, launch } from "./browser.js";
import { tempDir } from "./fixture.js";
import { weekSummary, worstCaseSummary } from "./summary-fixture.js";
import { everyKind } from "./world-harness.js";

const MEMO = "<img src=x onerror=alert(1)>";

if (!haveChromium) console.warn(`html-chromium.test: ${CHROMIUM} not found (apt-get install chromium); skipped`);
const title = haveChromium
  ? "summary.html in headless Chromium, network blocked"
  : `summary.html in headless Chromium (skipped: ${CHROMIUM} not found; .ci/run installs Debian's chromium)`;

/** The demo's world (seed 42, 2,000 orders, 7 days, every kind planted) over three nights, the second with a hostile memo. */
async function demoReport(out: string): Promise<ReportResult> {
  const sb = await startSandbox({ seed: 42, orders: 2000, days: 7, plant: everyKind(1) });
  const store = await openStore(join(out, "omrecon.sqlite"));
  const client = new OpenMoneyClient({ apiKey: sb.apiKey, baseUrl: sb.apiUrl, retryBaseDelayMs: 10 });
  const now = () => new Date(sb.now());
  const { ctx, close } = connectReconcile(
    {
      apiKey: sb.apiKey,
      baseUrl: sb.apiUrl,
      tonEndpoint: sb.tonEndpoint,
      tonApiKey: undefined,
    },
    { store, client, now },
  );
  const from = new Date(sb.truth.window.from);
  const night = async () => {
    await runSync({ source: client, store, now });
    await reconcile(ctx, { from, to: now() });
  };
  try {
    await night();
    // The partner API serves an order whose memo is markup; it was paid short with that memo.
    const template = sb.state.orders().findLast((o) => o.payment_method === "ton_memo" && o.payment_address);
    if (!template) throw new Error("the world has no memo order");
    const at = sb.now();
    const id = (sb.state.orders().at(-1)?.id ?? 0) + 1;
    sb.state.insertOrder({
      ...template,
      id,
      status: "completed",
      payment_memo: MEMO,
      recipient_username: '"><script>alert(5)</script>',
      client_reference: "javascript:alert(6)",
      tx_hash: null,
      created_at: at,
      expires_at: at + 15 * 60_000,
      updated_at: at,
      paid_at: at,
      completed_at: at,
    });
    sb.payOrder(id, { amount: template.price_nano / 2n, recognize: false });
    sb.advance(60 * 60_000);
    await night();
    sb.advance(24 * 60 * 60_000);
    await night();
    return await writeReports(
      { store, now },
      { out, window: { from, to: now() }, timeZone: "Europe/Berlin", periodName: null },
    );
  } finally {
    await close();
    await client.close();
    await store.close();
    await sb.stop();
  }
}

/** The Summary sheet's label → value cells, as exceljs reads them. */
async function workbookSummary(path: string): Promise<Map<string, ExcelJS.CellValue[]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.getWorksheet("Summary");
  if (!sheet) throw new Error("no Summary sheet");
  const rows = new Map<string, ExcelJS.CellValue[]>();
  sheet.eachRow((row) => {
    const label = row.getCell(1).value;
    const key = label instanceof Date ? label.toISOString().slice(0, 10) : String(label);
    if (!rows.has(key)) rows.set(key, (row.values as ExcelJS.CellValue[]).slice(2));
  });
  return rows;
}

/** A page amount (`20,248.577`) equals a workbook amount cell (a number of TON, or exact text past 15 digits). */
function sameAmount(page: string, cell: ExcelJS.CellValue): boolean {
  const nano = parseTon(page.replaceAll(",", ""));
  return typeof cell === "number" ? Number(nano) / 1e9 === cell : formatTon(nano) === cell;
}

async function pdfPages(pdf: Buffer): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount();
}

describe.skipIf(!haveChromium)(title, () => {
  let browser: Browser;
  let result: ReportResult;
  let url: string;

  beforeAll(async () => {
    const out = tempDir("omrecon-html-");
    result = await demoReport(out);
    url = pathToFileURL(join(out, "summary.html")).href;
    browser = await launch();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("is listed in manifest.json with its SHA-256, and the report's run found the hostile memo", () => {
    const manifest = JSON.parse(readFileSync(join(result.out, "manifest.json"), "utf8")) as {
      files: { file: string; sha256: string; bytes: number }[];
    };
    const page = manifest.files.find((f) => f.file === "summary.html");
    const bytes = readFileSync(join(result.out, "summary.html"));
    expect(page?.bytes).toBe(bytes.length);
    expect(page?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.files.find((f) => f.file === "summary.html")?.sha256).toBe(page?.sha256);
    expect(result.summary.findings.open_now.some((f) => f.payment_memo === MEMO && f.kind === "underpaid")).toBe(true);
    expect(result.summary.history.map((h) => h.status)).toEqual(["done", "done", "done"]);
  });

  it("draws both charts, logs no error, breaks no CSP rule and makes no request; the hostile memo is text", async () => {
    const page = await browser.open(url);
    await page.waitForSelector("html.charts-drawn");
    const charts = await page.evaluate<ChartPixels[]>(CHART_PIXELS);
    for (const c of charts) {
      expect(c.painted, c.id).toBeGreaterThan(5_000);
      // Bars and lines in the series' colours, not only grey axes.
      expect(c.coloured, c.id).toBeGreaterThan(1_000);
    }
    await page.screenshot({ path: artifact("summary.png"), fullPage: true });

    expect(await page.locator("td.memo", { hasText: MEMO }).count()).toBe(1);
    expect(await page.evaluate<number>("document.images.length")).toBe(0);
    expect(await page.locator("#verdict").getAttribute("data-verdict")).toBe("findings");
    expect(browser.errors).toEqual([]);
    expect(browser.dialogs).toEqual([]);
    expect(await browser.violations(page)).toEqual([]);
    expect(browser.requests).toEqual([url]);
    await page.close();
  });

  it("shows the bridge with the workbook's numbers, for the period and for each day", async () => {
    const page = await browser.open(url);
    const sheet = await workbookSummary(join(result.out, "omrecon-report.xlsx"));
    const lines = await page.evaluate<[string, string][]>(
      `[...document.querySelectorAll("[data-bridge]")].map((td) => [td.closest("tr").cells[0].textContent, td.textContent])`,
    );
    expect(lines).toHaveLength(13);
    for (const [label, amount] of lines) {
      const cells = sheet.get(label);
      expect(cells, label).toBeDefined();
      expect(sameAmount(amount, cells?.[0] ?? null), `${label}: page ${amount}, workbook ${String(cells?.[0])}`).toBe(
        true,
      );
    }
    // The day table: billed, received, paid from balance, shortfall, excess, as the Summary sheet's day rows.
    const days = await page.evaluate<string[][]>(
      `[...document.querySelectorAll("details table tbody tr")].map((tr) => [...tr.cells].map((td) => td.textContent))`,
    );
    expect(days).toHaveLength(result.summary.period.days.length);
    for (const [date = "", ...amounts] of days) {
      const cells = sheet.get(date.replace(" *", ""));
      expect(cells, date).toBeDefined();
      // Workbook day rows: partial_day, billed, received, from balance, shortfall, excess, …
      amounts.forEach((amount, i) => {
        expect(sameAmount(amount, cells?.[i + 1] ?? null), `${date} column ${i}`).toBe(true);
      });
    }
    await page.close();
  });

  it("fits a phone: no sideways scrolling, the charts as wide as the screen", async () => {
    const page = await browser.open(url, { width: 390, height: 844 });
    await page.waitForSelector("html.charts-drawn");
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    for (const c of await page.evaluate<ChartPixels[]>(CHART_PIXELS)) {
      expect(c.width, c.id).toBeLessThanOrEqual(390);
      expect(c.coloured, c.id).toBeGreaterThan(500);
    }
    await page.screenshot({ path: artifact("summary-phone.png"), fullPage: true });
    expect(browser.errors).toEqual([]);
    await page.close();
  });

  it("prints to PDF on at most two A4 pages", async () => {
    const page = await browser.open(url);
    await page.waitForSelector("html.charts-drawn");
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(artifact("summary.pdf"), pdf);
    expect(await pdfPages(pdf)).toBeLessThanOrEqual(2);
    await page.close();
  });

  it("prints the fullest page on two A4 pages too (31 days, 30 runs, 500 open findings with long hostile memos)", async () => {
    const file = join(tempDir("omrecon-html-"), "summary.html");
    writeFileSync(file, summaryPage(worstCaseSummary(), { generatedAt: new Date("2026-04-01T02:00:00Z") }));
    const page = await browser.open(pathToFileURL(file).href);
    await page.waitForSelector("html.charts-drawn");
    for (const c of await page.evaluate<ChartPixels[]>(CHART_PIXELS)) expect(c.coloured, c.id).toBeGreaterThan(1_000);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(artifact("summary-fullest.pdf"), pdf);
    expect(await pdfPages(pdf)).toBe(2);
    await page.setViewportSize({ width: 390, height: 844 });
    // The page resizes its charts in the animation frame after the resize event: measure after it.
    await page.waitForFunction("window.innerWidth === 390");
    await page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))");
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    expect(browser.errors).toEqual([]);
    expect(browser.dialogs).toEqual([]);
    expect(await browser.violations(page)).toEqual([]);
    await page.close();
  });

  it("draws a page with nothing to chart yet (no run, no finding, no balance reading) without an error", async () => {
    const empty = weekSummary({ run: null, history: [], partial_days: [] });
    empty.bridge.checked = false;
    empty.findings = { ...empty.findings, in_period: 0, by_kind: {}, open_now: [] };
    empty.balance = { reported_nano: null, reported_at: null, last_row: null, difference_nano: null };
    const file = join(tempDir("omrecon-html-"), "summary.html");
    writeFileSync(file, summaryPage(empty, { generatedAt: new Date("2026-03-30T02:00:00Z") }));
    const page = await browser.open(pathToFileURL(file).href);
    await page.waitForSelector("html.charts-drawn");
    expect(await page.locator("#verdict").getAttribute("data-verdict")).toBe("failed");
    expect(browser.errors).toEqual([]);
    expect(await browser.violations(page)).toEqual([]);
    await page.close();
  });

  it("would have seen a request, and the page's CSP refuses a script it does not name", async () => {
    // The recorder and the block work: a page that asks for something is seen asking and refused.
    const probe = await browser.context.newPage();
    await probe.setContent('<img src="http://127.0.0.1:9/x.png">');
    await probe.waitForLoadState("load");
    expect(browser.requests).toContain("http://127.0.0.1:9/x.png");
    await probe.close();
    const page = await browser.open(url);
    const ran = await page.evaluate<unknown>(
      `(() => { const s = document.createElement("script"); s.textContent = "window.__ran = 1"; document.body.append(s); return window.__ran; })()`,
    );
    expect(ran).toBeUndefined();
    expect((await browser.violations(page)).some((v) => v.startsWith("script-src"))).toBe(true);
    await page.close();
  });
});
