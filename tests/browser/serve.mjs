// Real-browser test of `canvasc serve`, run by tests/browser/serve.sh.
//
//   node serve.mjs CANVASC WORKDIR
//
// Starts `canvasc serve` on a temporary canvas, opens the page in Debian's
// Chromium (driven by playwright-core), then edits the file three ways: a
// good change written in place, a syntax error, and its fix saved by rename
// (as vim and JetBrains save). Each time it asserts what the page shows and
// reports the time from the save to the updated page (it waits up to 5 s;
// it asserts no speed). It also checks that the page swapped the board
// without a reload and kept its scroll position, that eight tabs at once all
// follow a save, that the page broke no Content-Security-Policy rule, and
// that the server stops with status 0 on SIGINT sent to its process id.

import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const [canvasc, work] = process.argv.slice(2);
const file = join(work, "live.canvas");
const segments = Array.from({ length: 14 }, (_, index) =>
  `segment group-${index} "Customer group number ${index} with a long enough name" { size 100 }\n`).join("");
const canvas = (title, broken = false) =>
  `canvas "${title}" { currency EUR }\n${segments}` + (broken ? "segment oops { size {\n" : "");

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok" : "FAILED"}: ${what}`);
  if (!ok) failures.push(what);
};

writeFileSync(file, canvas("Shop A"));
const server = spawn(canvasc, ["serve", file, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const exited = once(server, "exit");
const [line] = await once(createInterface({ input: server.stdout }), "line");
const match = /^serving (http:\/\/127\.0\.0\.1:(\d+)\/) — Ctrl-C to stop$/.exec(line);
check(match !== null, `the first line is the address: ${JSON.stringify(line)}`);
const address = match[1];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const saves = [];
try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 600 } });
  const page = await context.newPage();
  const violations = [];
  page.on("console", (message) => {
    if (message.type() === "error") violations.push(message.text());
  });
  await page.goto(address);
  await page.waitForFunction(() => document.documentElement.dataset.canvascConnection === "open", null, { timeout: 5000 });
  check((await page.textContent("h1")) === "Shop A", "the page shows the board");

  // Marks that a reload would lose, and a scroll position to keep.
  await page.evaluate(() => { window.notReloaded = true; window.scrollTo(0, 400); });
  const scrolled = await page.evaluate(() => window.scrollY);
  check(scrolled === 400, `the page scrolls (to ${scrolled})`);

  const timed = async (what, save, condition) => {
    const started = Date.now();
    save();
    try {
      await page.waitForFunction(condition, null, { timeout: 5000, polling: 10 });
      const took = Date.now() - started;
      saves.push(`${what}: ${took} ms`);
      console.log(`save → page (${what}): ${took} ms`);
      return true;
    } catch {
      return false;
    }
  };

  check(await timed("good change", () => writeFileSync(file, canvas("Shop B")),
    () => document.querySelector("h1")?.textContent === "Shop B"), "a good change shows within 5 s");
  check(await page.evaluate(() => window.notReloaded === true), "the board was swapped without a reload");
  check(await page.evaluate(() => window.scrollY) === 400, "the scroll position is kept");

  check(await timed("syntax error", () => writeFileSync(file, canvas("Shop B", true)),
    () => document.getElementById("canvasc-problems") !== null), "the errors show within 5 s");
  const report = (await page.textContent("#canvasc-problems pre")) ?? "";
  check(report.includes("error[syntax]: ") && report.includes("live.canvas:16:"), "the report is check's");
  check(await page.isVisible("#canvasc-problems"), "the report is visible over the board");
  check((await page.textContent("h1")) === "Shop B", "the last good board stays under the errors");
  await page.screenshot({ path: join(work, "serve-errors.png") });

  check(await timed("fix by rename", () => {
    writeFileSync(`${file}.swp`, canvas("Shop C"));
    renameSync(`${file}.swp`, file);
  }, () => document.querySelector("h1")?.textContent === "Shop C" && !document.getElementById("canvasc-problems")),
  "the fix, saved by rename, brings the board back within 5 s");
  check(await page.evaluate(() => window.notReloaded === true), "still no reload");

  // Eight tabs: more than the six connections a browser gives one host.
  const tabs = [page];
  for (let index = 1; index < 8; index += 1) {
    const tab = await context.newPage();
    await tab.goto(address, { timeout: 5000 });
    await tab.waitForFunction(() => document.documentElement.dataset.canvascConnection === "open", null, { timeout: 5000 });
    tabs.push(tab);
  }
  writeFileSync(file, canvas("Shop D"));
  const followed = await Promise.all(tabs.map((tab) =>
    tab.waitForFunction(() => document.querySelector("h1")?.textContent === "Shop D", null, { timeout: 5000 })
      .then(() => true, () => false)));
  check(followed.every(Boolean), `all ${tabs.length} tabs follow a save (${followed.filter(Boolean).length})`);
  for (const tab of tabs.slice(1)) await tab.close();

  check(violations.length === 0, `no console errors or policy violations (${violations.join(" | ")})`);
  check((await page.$$("script")).length === 1, "the served page has its one script");
} finally {
  await browser.close();
}

server.kill("SIGINT");
const [code, signal] = await exited;
check(code === 0 && signal === null, `SIGINT stops the server with status 0 (code ${code}, signal ${signal})`);

const built = readFileSync(join(work, "board.html"), "utf8");
check(!built.includes("<script") && built.includes("default-src 'none'"),
  "build --format html has no script and its strict policy");

console.log(`serve browser test: ${saves.join(", ")}`);
if (failures.length > 0) {
  console.log(`serve browser test: ${failures.length} failed`);
  process.exit(1);
}
console.log("serve browser test: passed");
