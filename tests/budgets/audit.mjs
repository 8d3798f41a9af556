// Lighthouse 13 and axe-core against Debian's Chromium, for tests/budgets/run.py.
//
//   node audit.mjs CONFIG.json
//
// CONFIG (written by run.py): the site's base URL, the pages for Lighthouse and
// for axe, the budgets (budgets.json) and where reports go. Lighthouse runs in
// its default mode -- mobile, simulated throttling -- in a fresh Chromium per
// run (so every run is a first visit), and the median run (Lighthouse's
// computeMedianRun) is kept. axe-core is injected through the DevTools protocol (page.evaluate), so
// the page's Content-Security-Policy stays in force and nothing is bypassed.
// Prints a table, writes summary.json / summary.md and every report beside them,
// and exits 1 when a budget fails.
//
// Sizes are bytes on the wire (compressed, headers included) as Chromium
// reports them; 1 KB here is 1,024 bytes, as in Lighthouse's own budgets.

import { readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import zlib from "node:zlib";

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const config = JSON.parse(await readFile(process.argv[2], "utf8"));
const { base, out, budgets } = config;

const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
// Lighthouse 13's default mobile device (a Moto G Power class phone).
const PHONE = { width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
const KB = 1024;
const failures = [];

const kb = (bytes) => (bytes == null ? "–" : (bytes / KB).toFixed(1));
const slug = (name) => name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
const isImage = (item) => item.resourceType === "Image" || /^image\//.test(item.mimeType || "");
const isScript = (item) => item.resourceType === "Script" || /javascript/.test(item.mimeType || "");

function fail(where, what, cause) {
  failures.push({ where, what, cause });
}

/* Lighthouse */

async function lighthouseOnce(url) {
  const chrome = await chromeLauncher.launch({
    chromePath: config.chromePath,
    chromeFlags: CHROME_FLAGS,
    logLevel: "silent",
  });
  try {
    const flags = { port: chrome.port, output: ["json", "html"], logLevel: "error", onlyCategories: CATEGORIES };
    const result = await lighthouse(url, flags);
    return { lhr: result.lhr, html: result.report[1] };
  } finally {
    chrome.kill();
  }
}

function failingAudits(lhr, category) {
  const refs = lhr.categories[category]?.auditRefs || [];
  return refs
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a && a.score !== null && a.score < 1)
    .filter((a) => !["notApplicable", "informative", "manual"].includes(a.scoreDisplayMode))
    .map((a) => {
      const list = Array.isArray(a.details?.items) ? a.details.items : [];
      const items = list.slice(0, 5).map((item) => {
        const node = item.node || item.source || {};
        return item.url || node.selector || node.snippet || item.label || JSON.stringify(item).slice(0, 160);
      });
      return { id: a.id, title: a.title, score: a.score, displayValue: a.displayValue || "", items };
    });
}

// A page kept out of search engines on purpose (run.py's "noindex": search results,
// as Google asks of sites) fails Lighthouse's "is-crawlable" by design. Its SEO is
// gated on the score of every other SEO audit, weighted as Lighthouse weighs them;
// the full score is still reported, and a noindex that went missing is a failure.
const NOINDEX_AUDIT = "is-crawlable";

function seoWithoutIndexing(lhr) {
  const refs = (lhr.categories.seo?.auditRefs || []).filter((ref) => ref.id !== NOINDEX_AUDIT && ref.weight > 0);
  const scored = refs.filter((ref) => lhr.audits[ref.id]?.score != null);
  const weight = scored.reduce((total, ref) => total + ref.weight, 0);
  if (!weight) return null;
  return Math.round((scored.reduce((total, ref) => total + ref.weight * lhr.audits[ref.id].score, 0) / weight) * 100);
}

function networkFigures(lhr) {
  const items = lhr.audits["network-requests"]?.details?.items || [];
  const sum = (list) => list.reduce((total, item) => total + (item.transferSize || 0), 0);
  const scripts = items.filter(isScript);
  return {
    requests: items.length,
    transferBytes: sum(items),
    transferBytesExcludingImages: sum(items.filter((item) => !isImage(item))),
    jsBytes: sum(scripts),
    scripts: scripts.map((item) => ({
      url: item.url.replace(base, ""),
      transferBytes: item.transferSize,
      resourceBytes: item.resourceSize,
      target: item.sessionTargetType || "page",
    })),
    // Text sent without compression (Lighthouse 13 reports it only for the document).
    uncompressedText: items
      .filter((item) => !isImage(item) && item.resourceSize > 1400 && item.transferSize >= item.resourceSize)
      .map((item) => item.url.replace(base, "")),
    byType: Object.entries(
      items.reduce((acc, item) => {
        const type = isImage(item) ? "Image" : item.resourceType || "Other";
        acc[type] = (acc[type] || 0) + (item.transferSize || 0);
        return acc;
      }, {}),
    ).map(([type, bytes]) => ({ type, bytes })),
  };
}

// Lighthouse's own choice (the run nearest the median FCP and TTI), else the median score.
function medianRun(lhrs) {
  try {
    return computeMedianRun(lhrs);
  } catch {
    const sorted = [...lhrs].sort((a, b) => a.categories.performance.score - b.categories.performance.score);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  }
}

async function runLighthouse(page) {
  const url = base + page.path;
  const runs = [];
  const crashes = [];
  for (let i = 0; i < config.runs; i += 1) {
    process.stdout.write(`[budgets] lighthouse ${page.name} (${page.path}) run ${i + 1}/${config.runs}\n`);
    try {
      runs.push(await lighthouseOnce(url));
    } catch (error) {
      crashes.push(String(error.message || error));
    }
  }
  if (!runs.length) {
    fail(`lighthouse ${page.name}`, "did not run", crashes.join("; "));
    return null;
  }
  const usable = runs.filter((run) => run.lhr.categories.performance?.score != null);
  const chosen = usable.length ? runs.find((run) => run.lhr === medianRun(usable.map((run) => run.lhr))) : runs[0];
  const file = `lighthouse-${slug(page.name)}`;
  await writeFile(path.join(out, `${file}.report.json`), JSON.stringify(chosen.lhr, null, 1));
  await writeFile(path.join(out, `${file}.report.html`), chosen.html);
  const lhr = chosen.lhr;
  const scores = Object.fromEntries(
    CATEGORIES.map((id) => [id, lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100)]),
  );
  const metric = (id) => lhr.audits[id]?.numericValue;
  const result = {
    name: page.name,
    path: page.path,
    status: page.observed_status,
    runtimeError: lhr.runtimeError?.message || null,
    runWarnings: lhr.runWarnings,
    benchmarkIndex: lhr.environment?.benchmarkIndex,
    allPerformanceScores: runs.map((run) => run.lhr.categories.performance?.score ?? null),
    runErrors: [...crashes, ...runs.map((run) => run.lhr.runtimeError?.message || null).filter(Boolean)],
    scores,
    noindex: Boolean(page.noindex),
    seoWithoutIndexing: page.noindex ? seoWithoutIndexing(lhr) : null,
    metrics: {
      fcpMs: metric("first-contentful-paint"),
      lcpMs: metric("largest-contentful-paint"),
      tbtMs: metric("total-blocking-time"),
      cls: metric("cumulative-layout-shift"),
      siMs: metric("speed-index"),
    },
    network: networkFigures(lhr),
    failing: Object.fromEntries(CATEGORIES.map((id) => [id, failingAudits(lhr, id)])),
    // Advice that does not move the score (Lighthouse 13's performance insights).
    insights: Object.values(lhr.audits)
      .filter((a) => a.id.endsWith("-insight") && a.score !== null && a.score < 1)
      .map((a) => ({ id: a.id, title: a.title, displayValue: a.displayValue || "" })),
    report: `${file}.report.html`,
  };
  if (result.runtimeError) {
    fail(`lighthouse ${page.name}`, "no scores", `Lighthouse could not audit ${page.path}: ${result.runtimeError}`);
  } else {
    if (page.noindex && lhr.audits[NOINDEX_AUDIT]?.score === 1) {
      fail(`lighthouse ${page.name}`, "indexable", `${page.path} should carry <meta name="robots" content="noindex">`);
    }
    for (const id of CATEGORIES) {
      const score = id === "seo" && page.noindex ? result.seoWithoutIndexing : scores[id];
      if (score == null || score < budgets.scores[id]) {
        const cause = result.failing[id]
          .filter((a) => !(id === "seo" && page.noindex && a.id === NOINDEX_AUDIT))
          .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ""}`);
        fail(`lighthouse ${page.name}`, `${id} ${score ?? "n/a"} < ${budgets.scores[id]}`, cause.join(", "));
      }
    }
  }
  // Sizes are gated on the axe pass, which also counts the service worker's
  // downloads; with --only lighthouse, on what Lighthouse saw.
  if (config.only === "lighthouse" && result.network.jsBytes > budgets.jsKiBPerPage * KB) {
    fail(
      page.name,
      `JavaScript ${kb(result.network.jsBytes)} KB > ${budgets.jsKiBPerPage} KB`,
      result.network.scripts.map((s) => `${s.url} ${kb(s.transferBytes)} KB`).join(", "),
    );
  }
  const firstVisitBudget = budgets.articleFirstVisitKiBExcludingImages * KB;
  if (config.only === "lighthouse" && page.name === "article" && result.network.transferBytesExcludingImages > firstVisitBudget) {
    fail(
      "article",
      `first visit ${kb(result.network.transferBytesExcludingImages)} KB (images excluded) > ${budgets.articleFirstVisitKiBExcludingImages} KB`,
      result.network.byType.map((t) => `${t.type} ${kb(t.bytes)} KB`).join(", "),
    );
  }
  return result;
}

/* axe-core, and what each page type costs on a first visit */

const IMAGE_URL = /\.(png|jpe?g|gif|webp|avif|svg|ico)(\?|$)/i;
const SCRIPT_URL = /\.m?js(\?|$)/i;
const swScripts = config.serviceWorkerScripts || [];
const swScriptBytes = swScripts.reduce((total, script) => total + script.transferBytes, 0);
const swImported = new Set(swScripts.map((script) => base + script.url));

// The service worker's own fetches (it precaches the offline shell on install),
// from the worker's Resource Timing: the page's network log does not see them.
async function workerFetches(context, tab) {
  const registered = await tab.evaluate(async () => {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (!registration) return false;
    const timeout = new Promise((resolve) => setTimeout(resolve, 15_000));
    await Promise.race([navigator.serviceWorker.ready, timeout]);
    return Boolean(registration.active);
  });
  if (!registered) return { registered, fetches: [] };
  const target = await context.waitForTarget((t) => t.type() === "service_worker", { timeout: 5_000 });
  const worker = await target.worker();
  const entries = await worker.evaluate(() =>
    performance.getEntriesByType("resource").map((e) => ({ url: e.name, type: e.initiatorType, transferBytes: e.transferSize })),
  );
  // importScripts() shows up without its body; it is measured with the worker's script.
  const fetches = entries
    .filter((e) => !(e.type === "other" && swImported.has(e.url)))
    .map((e) => ({ ...e, url: e.url.replace(base, "") }));
  return { registered, fetches };
}

// A diary with sessions, written where diary.js keeps them (IndexedDB "stretch-diary",
// store "sessions"): the streak, the tables and the chart are what axe must see.
const DIARY_SESSIONS = [6, 5, 3, 1, 0].map((daysAgo, i) => ({
  date: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
  title: "Ten minutes after a day at a desk",
  seconds: 600,
  painBefore: 6 - i,
  painAfter: 4 - Math.min(i, 3),
  note: i === 0 ? "Stiff in the morning" : "",
}));

function seedDiary(sessions) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open("stretch-diary", 1);
    request.onupgradeneeded = () => request.result.createObjectStore("sessions", { keyPath: "id", autoIncrement: true });
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const transaction = request.result.transaction("sessions", "readwrite");
      sessions.forEach((session) => transaction.objectStore("sessions").add(session));
      transaction.oncomplete = () => resolve(sessions.length);
      transaction.onerror = () => reject(transaction.error);
    };
  });
}

async function axeOnce(browser, page, scheme, axeSource) {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  const problems = [];
  const requests = new Map(); // requestId -> { url, type, image, script, transferBytes }
  try {
    await tab.setViewport(PHONE);
    await tab.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
    tab.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    tab.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
    const cdp = await tab.createCDPSession();
    await cdp.send("Network.enable");
    cdp.on("Network.responseReceived", ({ requestId, type, response }) => {
      requests.set(requestId, {
        url: response.url.replace(base, ""),
        type,
        image: type === "Image" || /^image\//.test(response.mimeType),
        script: type === "Script" || /javascript/.test(response.mimeType),
        transferBytes: 0,
      });
    });
    cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
      const request = requests.get(requestId);
      if (request) request.transferBytes = encodedDataLength;
    });
    if (page.diary_sessions) {
      // Written from a plain text page of the same origin, then forgotten: the sizes
      // below are the diary page's own.
      await tab.goto(`${base}/robots.txt`);
      await tab.evaluate(seedDiary, DIARY_SESSIONS);
      requests.clear();
      problems.length = 0; // a text page's /favicon.ico is a 404
    }
    const response = await tab.goto(base + page.path, { waitUntil: "networkidle0", timeout: 45_000 });
    const status = response?.status() ?? null;
    const worker = scheme === "light" ? await workerFetches(context, tab) : { registered: false, fetches: [] };
    await tab.evaluate(axeSource);
    const results = await tab.evaluate(() =>
      // Default rule set: WCAG 2.0-2.2 A and AA plus axe's best practices.
      window.axe.run(document, { resultTypes: ["violations"] }),
    );
    const sum = (list) => list.reduce((total, item) => total + (item.transferBytes || 0), 0);
    const loaded = [...requests.values()];
    const workerScripts = worker.registered ? swScripts : [];
    const workerJs = worker.fetches.filter((f) => SCRIPT_URL.test(f.url));
    const workerText = worker.fetches.filter((f) => !IMAGE_URL.test(f.url));
    return {
      status,
      problems,
      serviceWorker: worker.registered,
      pageJsBytes: sum(loaded.filter((r) => r.script)),
      jsBytes: sum(loaded.filter((r) => r.script)) + sum(workerScripts) + sum(workerJs),
      pageBytesExcludingImages: sum(loaded.filter((r) => !r.image)),
      firstVisitBytesExcludingImages: sum(loaded.filter((r) => !r.image)) + sum(workerScripts) + sum(workerText),
      jsFiles: [
        ...loaded.filter((r) => r.script).map((r) => ({ url: r.url, transferBytes: r.transferBytes, by: "page" })),
        ...workerScripts.map((s) => ({ url: s.url, transferBytes: s.transferBytes, by: "worker script" })),
        ...workerJs.map((f) => ({ url: f.url, transferBytes: f.transferBytes, by: "worker fetch" })),
      ],
      requests: loaded,
      workerFetches: worker.fetches,
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html, summary: n.failureSummary })),
      })),
    };
  } finally {
    await context.close();
  }
}

async function runAxe(pages) {
  const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  const browser = await puppeteer.launch({
    executablePath: config.chromePath,
    headless: true, // puppeteer adds --headless=new
    args: CHROME_FLAGS.filter((flag) => !flag.startsWith("--headless")),
  });
  versions.chromium = await browser.version();
  const results = [];
  try {
    for (const page of pages) {
      process.stdout.write(`[budgets] axe ${page.name} (${page.path})\n`);
      const result = { name: page.name, path: page.path, expectedStatus: page.status };
      for (const scheme of ["light", "dark"]) {
        try {
          result[scheme] = await axeOnce(browser, page, scheme, axeSource);
        } catch (error) {
          result[scheme] = { error: String(error.message || error), violations: [] };
        }
      }
      const light = result.light;
      await writeFile(path.join(out, `axe-${slug(page.name)}.json`), JSON.stringify(result, null, 1));
      if (light.error) fail(`axe ${page.name}`, "audit did not run", light.error);
      else if (light.status !== page.status) {
        fail(`axe ${page.name}`, `answered ${light.status}, expected ${page.status}`, `${page.path} is not there yet`);
      }
      for (const scheme of ["light", "dark"]) {
        const found = result[scheme].violations || [];
        if (found.length > budgets.axeViolations) {
          const list = found.map((v) => `${v.id} [${v.impact}] ×${v.nodes.length}: ${v.nodes[0]?.target}`);
          fail(`axe ${page.name} (${scheme})`, `${found.length} violation(s)`, list.join("; "));
        }
      }
      if ((light.jsBytes || 0) > budgets.jsKiBPerPage * KB) {
        fail(
          `${page.name}`,
          `JavaScript ${kb(light.jsBytes)} KB > ${budgets.jsKiBPerPage} KB`,
          light.jsFiles.map((f) => `${f.url} ${kb(f.transferBytes)} KB (${f.by})`).join(", "),
        );
      }
      const firstVisitBudget = budgets.articleFirstVisitKiBExcludingImages * KB;
      if (page.name === "article" && (light.firstVisitBytesExcludingImages || 0) > firstVisitBudget) {
        fail(
          "article",
          `first visit ${kb(light.firstVisitBytesExcludingImages)} KB (images excluded) > ${budgets.articleFirstVisitKiBExcludingImages} KB`,
          `page ${kb(light.pageBytesExcludingImages)} KB + service worker install ` +
            `${kb(light.firstVisitBytesExcludingImages - light.pageBytesExcludingImages)} KB`,
        );
      }
      results.push(result);
    }
  } finally {
    await browser.close();
  }
  // "All JavaScript the pages load", read the strict way too: every distinct file, all page types.
  const distinct = new Map();
  for (const r of results) for (const f of r.light.jsFiles || []) distinct.set(f.url, Math.max(distinct.get(f.url) || 0, f.transferBytes));
  allJs.files = [...distinct].map(([url, transferBytes]) => ({ url, transferBytes }));
  allJs.bytes = allJs.files.reduce((total, f) => total + f.transferBytes, 0);
  if (allJs.bytes > budgets.jsKiBPerPage * KB) {
    fail("all page types together", `JavaScript ${kb(allJs.bytes)} KB > ${budgets.jsKiBPerPage} KB`, allJs.files.map((f) => f.url).join(", "));
  }
  return results;
}

const allJs = { bytes: 0, files: [] };

/* The offline search index: what a phone saves to search with no signal */

const CHROMIUM_ENCODINGS = "gzip, deflate, br, zstd";
const PROJECTED_PAGES = 1000;

function getRaw(url, encodings) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { "Accept-Encoding": encodings } }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

function decode(body, encoding) {
  if (encoding === "gzip") return zlib.gunzipSync(body);
  if (encoding === "br") return zlib.brotliDecompressSync(body);
  if (encoding === "deflate") return zlib.inflateSync(body);
  return body;
}

// The index of every other page, renumbered: half the library, spread over both page types.
function halfIndex(doc) {
  const kept = new Map(doc.docs.map((_, i) => i).filter((i) => i % 2 === 0).map((old, i) => [old, i]));
  const terms = {};
  for (const [token, flat] of Object.entries(doc.terms)) {
    const postings = [];
    for (let i = 0; i < flat.length; i += 2) if (kept.has(flat[i])) postings.push(kept.get(flat[i]), flat[i + 1]);
    if (postings.length) terms[token] = postings;
  }
  return { ...doc, docs: doc.docs.filter((_, i) => kept.has(i)), terms };
}

const gzipped = (json) => zlib.gzipSync(json, { level: 6 }).length; // Django's GZipMiddleware level
const brotli = (json) => zlib.brotliCompressSync(json, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } }).length;

async function measureSearchIndex() {
  const url = base + config.searchIndex;
  const served = await getRaw(url, CHROMIUM_ENCODINGS);
  if (served.status !== 200) {
    fail("offline search index", `answered ${served.status}`, `${config.searchIndex} is not there`);
    return null;
  }
  const encoding = served.headers["content-encoding"] || "identity";
  const json = decode(served.body, encoding);
  const doc = JSON.parse(json);
  const pages = doc.docs.length;
  const half = halfIndex(doc);
  // Sizes of the two indexes serialised alike (compact JSON, as DRF sends it).
  const full = gzipped(JSON.stringify(doc));
  const halfBytes = gzipped(JSON.stringify(half));
  const marginal = (full - halfBytes) / (pages - half.docs.length);
  const result = {
    path: config.searchIndex,
    pages,
    terms: Object.keys(doc.terms).length,
    etag: served.headers.etag || null,
    encoding,
    jsonBytes: json.length,
    servedBodyBytes: served.body.length,
    gzipBytes: full,
    brotliBytes: brotli(json),
    bytesPerPageAverage: Math.round(full / pages),
    bytesPerPageMarginal: Math.round(marginal),
    projectedPages: PROJECTED_PAGES,
    // New pages add their postings, and fewer new words as the vocabulary fills: the
    // marginal cost measured between half the library and all of it, carried on linearly.
    projectedGzipBytes: Math.round(full + (PROJECTED_PAGES - pages) * marginal),
    projectedGzipBytesAverage: Math.round((full / pages) * PROJECTED_PAGES),
  };
  if (encoding === "identity") fail("offline search index", "sent uncompressed", `${config.searchIndex}: no Content-Encoding`);
  if (!result.etag) fail("offline search index", "no ETag", `${config.searchIndex} cannot be revalidated`);
  if (result.servedBodyBytes > budgets.offlineSearchIndexKiB * KB) {
    fail(
      "offline search index",
      `${kb(result.servedBodyBytes)} KB compressed > ${budgets.offlineSearchIndexKiB} KB`,
      `${pages} pages, ${result.terms} terms, ${kb(result.jsonBytes)} KB of JSON`,
    );
  }
  return result;
}

/* Report */

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

function render(lighthouseResults, axeResults) {
  const parts = [];
  const b = budgets;
  const over = (bytes, limit) => `${kb(bytes)}${bytes > limit * KB ? " ✗" : ""}`;
  if (lighthouseResults.length) {
    const mark = (value, min) => (value == null ? "n/a ✗" : `${value}${value >= min ? "" : " ✗"}`);
    const rows = lighthouseResults.map((r) => [
      `${r.name} (${r.path})`,
      mark(r.scores.performance, b.scores.performance),
      mark(r.scores.accessibility, b.scores.accessibility),
      mark(r.scores["best-practices"], b.scores["best-practices"]),
      r.noindex
        ? `${r.scores.seo} (noindex; others ${mark(r.seoWithoutIndexing, b.scores.seo)})`
        : mark(r.scores.seo, b.scores.seo),
      r.metrics.fcpMs == null ? "–" : Math.round(r.metrics.fcpMs),
      r.metrics.lcpMs == null ? "–" : Math.round(r.metrics.lcpMs),
      r.metrics.tbtMs == null ? "–" : Math.round(r.metrics.tbtMs),
      r.metrics.cls == null ? "–" : r.metrics.cls.toFixed(3),
      kb(r.network.jsBytes),
      kb(r.network.transferBytesExcludingImages),
      r.allPerformanceScores.map((x) => (x == null ? "–" : Math.round(x * 100))).join("/"),
    ]);
    rows.push(["budget", `≥ ${b.scores.performance}`, b.scores.accessibility, b.scores["best-practices"], b.scores.seo, "", "", "", "", "", "", ""]);
    parts.push(
      `Lighthouse ${versions.lighthouse}: mobile, simulated throttling, median of ${config.runs} run(s); ` +
        `Chromium benchmarkIndex ${lighthouseResults.map((r) => r.benchmarkIndex ?? "–").join("/")}. ` +
        "JS and transfer here are what Lighthouse saw of the page itself.",
      table(
        ["page", "perf", "a11y", "best pr.", "SEO", "FCP ms", "LCP ms", "TBT ms", "CLS", "JS KB", "KB excl. img", "perf per run"],
        rows,
      ),
    );
    const advice = lighthouseResults
      .flatMap((r) => [
        ...r.insights.map((i) => `${r.name}: ${i.title}${i.displayValue ? ` (${i.displayValue})` : ""}`),
        ...(r.network.uncompressedText.length ? [`${r.name}: sent uncompressed: ${r.network.uncompressedText.join(", ")}`] : []),
        ...(!r.runtimeError && r.runErrors.length ? [`${r.name}: ${r.runErrors.length} run(s) gave no score: ${r.runErrors[0]}`] : []),
      ]);
    if (advice.length) parts.push(`Lighthouse advice (does not change the scores):\n${advice.map((a) => `- ${a}`).join("\n")}`);
  }
  if (axeResults.length) {
    const count = (r) => (r.error ? "error" : String(r.violations.length));
    const rows = axeResults.map((r) => [
      r.name,
      r.path,
      `${r.light.status ?? "–"}${r.light.status === r.expectedStatus ? "" : ` ✗ (want ${r.expectedStatus})`}`,
      count(r.light),
      count(r.dark),
      kb(r.light.pageJsBytes),
      over(r.light.jsBytes || 0, b.jsKiBPerPage),
      kb(r.light.pageBytesExcludingImages),
      r.name === "article"
        ? over(r.light.firstVisitBytesExcludingImages || 0, b.articleFirstVisitKiBExcludingImages)
        : kb(r.light.firstVisitBytesExcludingImages),
      (r.light.problems || []).length + (r.dark.problems || []).length,
    ]);
    rows.push(["budget", "", "", b.axeViolations, b.axeViolations, "", `≤ ${b.jsKiBPerPage}`, "", `≤ ${b.articleFirstVisitKiBExcludingImages} (article)`, ""]);
    parts.push(
      "Every page type: axe-core " +
        `${versions.axeCore} (default rules: WCAG 2.x A/AA + best practices) on a phone viewport in light and dark ` +
        "colour schemes; first-visit transfer in a fresh profile, page alone and with the service worker's install " +
        `(its script and imports ${kb(swScriptBytes)} KB, plus what it precaches).`,
      `${table(
        ["page type", "path", "status", "axe light", "axe dark", "JS KB page", "JS KB +SW", "KB excl. img page", "KB excl. img +SW", "console errors (light+dark)"],
        rows,
      )}\n\nAll distinct JavaScript files over every page type (page + service worker): ${kb(allJs.bytes)} KB ` +
        `in ${allJs.files.length} files (budget ${b.jsKiBPerPage} KB).`,
    );
  }
  if (searchIndex) {
    const i = searchIndex;
    parts.push(
      `Offline search index (${i.path}): ${i.pages} pages, ${i.terms} terms; compressed body as served (${i.encoding}), ` +
        "brotli (quality 6) for comparison although the server sends gzip. Per page: the average, and the marginal cost " +
        `between half the library and all of it, which the projection to ${i.projectedPages.toLocaleString("en-GB")} pages carries on.`,
      table(
        ["JSON KB", `served KB (${i.encoding})`, "brotli KB", "bytes/page avg", "bytes/page marginal", `${i.projectedPages} pages KB (gzip)`, "budget"],
        [[
          kb(i.jsonBytes),
          over(i.servedBodyBytes, b.offlineSearchIndexKiB),
          kb(i.brotliBytes),
          i.bytesPerPageAverage,
          i.bytesPerPageMarginal,
          `${kb(i.projectedGzipBytes)} (average: ${kb(i.projectedGzipBytesAverage)})`,
          `≤ ${b.offlineSearchIndexKiB} KB`,
        ]],
      ),
    );
  }
  parts.push(
    failures.length
      ? `FAILED: ${failures.length} budget(s)\n${failures.map((f) => `- ${f.where}: ${f.what}\n    ${f.cause}`).join("\n")}`
      : "All budgets met.",
  );
  return parts.join("\n\n");
}

const versions = {
  lighthouse: require("lighthouse/package.json").version,
  axeCore: require("axe-core/package.json").version,
  node: process.version,
  chromium: null,
};
const lighthouseResults = [];
if (config.only !== "axe") {
  for (const page of config.lighthouse) {
    const result = await runLighthouse(page);
    if (result) lighthouseResults.push(result);
  }
}
const axeResults = config.only === "lighthouse" ? [] : await runAxe(config.axe);
const searchIndex = await measureSearchIndex();
const text = render(lighthouseResults, axeResults);
await writeFile(
  path.join(out, "summary.json"),
  JSON.stringify({ versions, budgets, lighthouse: lighthouseResults, axe: axeResults, allJs, searchIndex, failures }, null, 1),
);
await writeFile(path.join(out, "summary.md"), `${text}\n`);
console.log(`\n${text}\n\nReports: ${out}`);
process.exit(failures.length ? 1 : 0);
