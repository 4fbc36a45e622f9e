// The playground in a real browser: Debian's Chromium driven by
// playwright-core (no browser download), the page served by a local static
// server. Run by playground/tests/run.sh, which starts the server:
//
//   node playground/tests/browser.mjs URL [--measure FILE]
//
// Checks what a new user does: the page loads and checks the reference
// example; a typo shows its diagnostic (squiggle and list) and its quick
// fix repairs it; the board appears and follows edits; a share link opens
// the exact text (Unicode and CRLF) in a new page; an invalid fragment
// gives a clear message and an empty editor; the console has no errors.
// With --measure it also writes the budgets' figures as JSON.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { largeCanvas } from './generate.mjs';

const require = createRequire(new URL('../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [url, flag, measureFile] = process.argv.slice(2);
if (!url) throw new Error('usage: browser.mjs URL [--measure FILE]');
const measuring = flag === '--measure';

let passed = 0;
const failures = [];
function check(what, ok, detail = '') {
  if (ok) {
    passed += 1;
    console.log(`ok   ${what}`);
  } else {
    failures.push(what);
    console.log(`FAIL ${what}${detail ? `: ${detail}` : ''}`);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
const problems = [];
const requests = [];
context.on('page', watch);

function watch(page) {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
}

async function open(address) {
  const page = await context.newPage();
  await page.goto(address);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60_000 });
  return page;
}

const text = (page) => page.evaluate(() => window.playground.text);
const diagnostics = (page) => page.evaluate(() => window.playground.diagnostics);
const checks = (page) => page.evaluate(() => Number(document.body.dataset.checks ?? 0));
const boards = (page) => page.evaluate(() => Number(document.body.dataset.boards ?? 0));
const boardHtml = (page) => page.evaluate(() => document.getElementById('board').srcdoc);

/** Puts the cursor at the end of the first `needle` in the editor. */
async function cursorAfter(page, needle) {
  const at = await page.evaluate((needle) => window.playground.text.indexOf(needle), needle);
  if (at < 0) throw new Error(`no ${needle} in the editor`);
  await page.evaluate((pos) => window.playground.select(pos), at + needle.length);
}

// --- Load: the reference example, checked, and its board -------------------

const page = await open(url);
const reference = await text(page);
check('the page starts with the reference example', reference.includes('canvas "Maria\'s Beauty Shop"'));
check('the reference example checks without errors', (await diagnostics(page)).every((d) => d.severity !== 'error'));
check('the board appears', (await boardHtml(page)).includes('Maria'));
check('the economics tab has the figures of `canvasc economics`', /EUR/.test(await page.locator('#economics').textContent()));
check(
  'the page highlights keywords, names and values',
  await page.evaluate(() => document.querySelectorAll('#editor .cm-line span').length > 50),
);
const { firstCheck, wasmReady } = await page.evaluate(() => window.playground.timings);

// --- A typo: squiggle, list entry, jump, quick fix ----------------------------

await page.click('#editor .cm-content');
await cursorAfter(page, 'for young-wom');
const before = await checks(page);
await page.keyboard.press('Delete'); // young-wom|en -> young-wom|n
await page.keyboard.type('a'); // young-woman
await page.waitForFunction((n) => Number(document.body.dataset.checks) >= n + 2, before);
check('the typo is in the editor', (await text(page)).includes('for young-woman\n'));
const unknown = (await diagnostics(page)).find((d) => d.code === 'unknown-reference');
check('the typo has its diagnostic', unknown !== undefined, JSON.stringify(await diagnostics(page)));
await page.waitForSelector('#editor .cm-lintRange-error');
check('the typo is underlined', (await page.locator('#editor .cm-lintRange-error').count()) >= 1);
const entry = page.locator('#diagnostics li[data-code=unknown-reference]');
check('the list shows it with its help', (await entry.innerText()).includes('young-women'));
await entry.locator('.jump').click();
const selection = await page.evaluate(() => window.playground.selection);
check('clicking it selects the misspelt name', selection.from === unknown.from && selection.to === unknown.to);
const boardsBefore = await boards(page);
await entry.locator('.fix').click();
await page.waitForFunction(() => !window.playground.diagnostics.some((d) => d.code === 'unknown-reference'));
check('the quick fix repairs the text exactly', (await text(page)) === reference);
await page.waitForFunction((n) => Number(document.body.dataset.boards) > n, boardsBefore);
check('the board is built again once the error is gone', (await boardHtml(page)).includes('Maria'));

// The quick fix in the squiggle's tooltip does the same.
await cursorAfter(page, 'for young-wom');
await page.keyboard.press('Delete');
await page.keyboard.type('a');
await page.waitForSelector('#editor .cm-lintRange-error');
await page.hover('#editor .cm-lintRange-error');
const action = page.locator('.cm-tooltip-lint .cm-diagnosticAction');
await action.first().waitFor({ timeout: 10_000 });
await action.first().click();
await page.waitForFunction(() => !window.playground.diagnostics.some((d) => d.code === 'unknown-reference'));
check("the tooltip's quick fix repairs it too", (await text(page)) === reference);

// --- The board follows edits ---------------------------------------------------

await cursorAfter(page, 'canvas "Maria\'s Beauty Shop');
await page.keyboard.type(' & Spa');
await page.waitForFunction(() => document.getElementById('board').srcdoc.includes('Beauty Shop &amp; Spa'), null, {
  timeout: 10_000,
});
check('the board updates as the canvas changes', (await boardHtml(page)).includes('Beauty Shop &amp; Spa'));

// --- Examples and Format ---------------------------------------------------------

await page.selectOption('#examples', 'saas-analytics');
check('an example from the menu replaces the text', (await text(page)).includes('canvas "'));
await page.evaluate(() => window.playground.setText('canvas   "X"   {   currency EUR }\n\n\n\nsegment a {type niche}'));
await page.click('#format');
check('Format gives the canonical layout', (await text(page)) === 'canvas "X" { currency EUR }\n\nsegment a { type niche }\n');

// --- Share: exact text, Unicode and CRLF, in a new page ------------------------------

const shared =
  '\uFEFF# Café ☕ — 日本語 👩‍💻\r\ncanvas "Crème brûlée" {\r\n  currency EUR\r\n}\r\n\r\n' +
  'segment gourmets "Gourmets ünïcode" {\r\n  type niche\r\n  need "süß"\r\n}\r\n';
await page.evaluate((shared) => window.playground.setText(shared), shared);
await page.click('#share');
await page.waitForFunction(() => document.getElementById('share-link').value !== '');
const link = await page.inputValue('#share-link');
check('the share link keeps the canvas in the fragment', new URL(link).hash.startsWith('#c='));
check('the share link is the page itself', link.split('#')[0] === url.split('#')[0]);
const opened = await open(link);
const sharedBack = await text(opened);
check('a share link opens the exact text (Unicode, CRLF, BOM)', sharedBack === shared, JSON.stringify(sharedBack));
await opened.click('#format');
check('Format keeps CRLF line endings', (await text(opened)).includes('\r\n') && !/[^\r]\n/.test(await text(opened)));
// Positions in a CRLF text with Unicode before the problem: canvasc's byte
// offsets land on the misspelt name in the editor, and its fix repairs it.
const crlfTypo = shared + 'proposition p "Süß ☕" {\r\n  for gourmet\r\n}\r\n';
await opened.evaluate((text) => window.playground.setText(text), crlfTypo);
await opened.waitForFunction(() => window.playground.diagnostics.some((d) => d.code === 'unknown-reference'));
const crlfUnknown = (await diagnostics(opened)).find((d) => d.code === 'unknown-reference');
const underlined = await opened.evaluate(({ from, to }) => window.playground.slice(from, to), crlfUnknown);
check('in a CRLF text with Unicode the diagnostic is on the misspelt name', underlined === 'gourmet', underlined);
await opened.locator('#diagnostics li[data-code=unknown-reference] .fix').click();
await opened.waitForFunction(() => !window.playground.diagnostics.some((d) => d.code === 'unknown-reference'));
check('and its fix repairs it', (await text(opened)) === crlfTypo.replace('for gourmet', 'for gourmets'));
await opened.close();

// --- Invalid fragments: a clear message and an empty editor -----------------------

for (const fragment of ['#c=not*base64', '#c=AAAAAAAA', '#something-else', '#c=' + 'A'.repeat(3)]) {
  const broken = await open(url.split('#')[0] + fragment);
  const message = await broken.locator('#message').innerText();
  check(`an invalid fragment (${fragment}) says so`, /could not be read/.test(message), message);
  check(`an invalid fragment (${fragment}) leaves the editor empty`, (await text(broken)) === '');
  check(`the page still works after an invalid fragment (${fragment})`, (await broken.evaluate(() => document.body.dataset.ready)) === 'true');
  await broken.close();
}

// --- Budgets: keystroke to diagnostics --------------------------------------------

/** The median keystroke-to-diagnostics time over `count` keystrokes. */
async function keystrokes(target, count) {
  const times = [];
  await target.click('#editor .cm-content');
  await cursorAfter(target, '\n}\n');
  for (let i = 0; i < count; i += 1) {
    const n = await checks(target);
    await target.keyboard.type(i % 2 === 0 ? '#' : '');
    if (i % 2 === 1) await target.keyboard.press('Backspace');
    await target.waitForFunction((n) => Number(document.body.dataset.checks) > n, n);
    times.push(await target.evaluate(() => window.playground.timings.keystroke));
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], max: times[times.length - 1], count };
}

await page.selectOption('#examples', 'beauty-shop');
const small = await keystrokes(page, 21);
const smallCheck = await page.evaluate(() => window.playground.timings.check);
const large = largeCanvas(5000);
await page.evaluate((large) => window.playground.setText(large), large);
await page.waitForFunction(() => window.playground.diagnostics !== undefined);
const big = await keystrokes(page, 21);
const bigChecks = await page.evaluate(() => window.playground.timings.check);
console.log(
  `budget: wasm ready ${wasmReady.toFixed(0)} ms and first check ${firstCheck.toFixed(0)} ms after navigation; keystroke to diagnostics: reference example ` +
    `median ${small.median.toFixed(1)} ms (max ${small.max.toFixed(1)}; check alone ${smallCheck.toFixed(1)} ms), ${large.split('\n').length}-line canvas ` +
    `median ${big.median.toFixed(1)} ms (max ${big.max.toFixed(1)}; check alone ${bigChecks.toFixed(1)} ms)`,
);
check('keystroke to diagnostics on the reference example is under 100 ms', small.median < 100, `${small.median}`);
check('keystroke to diagnostics on a 5,000-line canvas is under 1 s', big.median < 1000, `${big.median}`);

// --- Nothing from the network, no console errors -------------------------------------

const origin = new URL(url).origin;
const foreign = requests.filter((address) => !address.startsWith(origin) && !/^(data|blob|about):/.test(address));
check('the page loads nothing but its own files', foreign.length === 0, foreign.join(', '));
check('the console has no errors', problems.length === 0, problems.join(' | '));

if (measuring) {
  writeFileSync(measureFile, JSON.stringify({ wasmReady, firstCheck, small, smallCheck, big, bigCheck: bigChecks, lines: large.split('\n').length }, null, 2));
}
await browser.close();
console.log(`playground browser test: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
