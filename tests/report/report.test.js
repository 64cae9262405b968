#!/usr/bin/env node
// The report in a real browser (headless Chromium through playwright-core): built from
// the bundled fixtures, audited with axe-core (every WCAG 2.x A and AA rule, zero
// violations), photographed at desktop and phone widths, its every count clicked through
// to the activities behind it, its filters kept in the URL and restored on reload, its
// controls used from the keyboard, and its print style applied.
//
//   node tests/report/report.test.js            (from the repository root; `make check-report`)
//
// Environment: PLANLIFT (the binary; default target/debug/planlift), CHROMIUM (default
// /usr/bin/chromium), REPORT_OUT (default target/report-test), UPDATE_DOCS=1 to copy the
// two screenshots to docs/. Skips with a message when Chromium is missing (fails in CI).
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..', '..');
const out = path.resolve(root, process.env.REPORT_OUT || 'target/report-test');
const planlift = path.resolve(root, process.env.PLANLIFT || 'target/debug/planlift');
const chromium = process.env.CHROMIUM ||
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => fs.existsSync(p));

if (!chromium || !fs.existsSync(chromium)) {
  const msg = 'report test skipped: no Chromium (install the Debian package chromium, or set CHROMIUM)';
  if (process.env.CI) { console.error(msg + ' — CI must have it'); process.exit(1); }
  console.log(msg);
  process.exit(0);
}
if (!fs.existsSync(planlift)) {
  console.error(`no planlift binary at ${planlift} (run cargo build, or set PLANLIFT)`);
  process.exit(1);
}

const { chromium: pw } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
let failures = 0;
let checks = 0;
function check(ok, what, detail) {
  checks++;
  if (ok) {
    console.log(`  ok    ${what}`);
  } else {
    failures++;
    console.log(`  FAIL  ${what}${detail === undefined ? '' : '\n        ' + String(detail).replace(/\n/g, '\n        ')}`);
  }
}

let extracted = null;
function build(count) {
  if (!extracted) {
    extracted = path.join(out, 'extract');
    fs.rmSync(extracted, { recursive: true, force: true });
    execFileSync(planlift, ['extract', path.join(root, 'fixtures'), '-o', extracted, '--quiet'], { stdio: 'inherit' });
  }
  const dir = path.join(out, `compare-${count}`);
  execFileSync(planlift, ['compare', extracted, '-o', dir, '--count', count], { stdio: ['ignore', 'ignore', 'inherit'] });
  return path.join(dir, 'report.html');
}

// The page's own location (page.url() can lag behind history.pushState).
function hashOf(page) {
  return page.evaluate(() => location.hash);
}

// axe could not decide some contrasts ("incomplete"): which, other than the status
// signs (symbols, not text)? On a phone, also leaving aside the cells of the tables that
// scroll sideways, out of sight (`.scroll`): axe cannot see their background there, and
// it decides them at desktop width, where they are in sight.
async function undecided(page, result, scrolled) {
  const nodes = result.incompleteNodes.filter((n) => !/non-text characters/.test(n.message));
  if (!scrolled) return nodes.map((n) => `${n.target} — ${n.message}`);
  const inside = await page.evaluate((targets) => targets.map((t) => {
    const e = document.querySelector(t);
    return !!(e && e.closest('.scroll'));
  }), nodes.map((n) => n.target));
  return nodes.filter((n, i) => !inside[i]).map((n) => `${n.target} — ${n.message}`);
}

async function audit(page, what, opts = {}) {
  const tags = opts.tags || WCAG_TAGS;
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
    return {
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' — ' + n.failureSummary) })),
      incomplete: r.incomplete.map((v) => `${v.id} (${v.nodes.length})`),
      incompleteNodes: r.incomplete.flatMap((v) => v.nodes.map((n) => ({ target: n.target.join(' '), message: `${v.id}: ${(n.any[0] || {}).message}` }))),
      passes: r.passes.length,
    };
  }, tags);
  const detail = result.violations.map((v) => `${v.id} [${v.impact}] ${v.help}\n  ${v.nodes.join('\n  ')}`).join('\n');
  check(result.violations.length === 0, `axe (${tags.join(', ')}) on ${what}: ${result.violations.length} violations`, detail);
  if (result.incomplete.length) console.log(`        axe needs review (not violations): ${result.incomplete.join(', ')}`);
  if (opts.everyContrastDecided) {
    const left = await undecided(page, result, false);
    check(left.length === 0, `axe decided the contrast of every text on ${what} (left undecided: the status signs only)`, left.slice(0, 10).join('\n'));
  }
  if (opts.contrastDecidedOutsideScrolls) {
    const left = await undecided(page, result, true);
    check(left.length === 0, `axe decided the contrast of every text on ${what} outside the sideways-scrolling tables`, left.slice(0, 10).join('\n'));
  }
  return result.violations.length;
}

// Clicks every count in the page and compares it with the rows the list then shows.
async function clickEveryCount(page) {
  return page.evaluate(() => {
    const bad = [];
    const buttons = Array.from(document.querySelectorAll('button.count'));
    const table = document.getElementById('activities');
    const more = document.getElementById('more');
    for (const b of buttons) {
      b.click();
      if (!more.hidden) more.click();
      const rows = table.tBodies[0].rows.length;
      const want = Number(b.getAttribute('data-count'));
      const rowsOk = Array.from(table.tBodies[0].rows).every((r) => r.cells[5].textContent.length > 0 && r.cells[6].textContent.length > 0);
      if (rows !== want || Number(table.getAttribute('data-shown')) !== want || !rowsOk) {
        bad.push(`${b.getAttribute('aria-label')}: ${rows} rows shown`);
      }
    }
    return { n: buttons.length, bad };
  });
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const shots = path.join(out, 'screenshots');
  fs.mkdirSync(shots, { recursive: true });
  const report = build('plans');
  const reportDocuments = build('documents');
  const url = 'file://' + report;
  console.log(`report: ${report}`);

  const browser = await pw.launch({
    executablePath: chromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let violations = 0;
  try {
    // ---- desktop ----
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await desktop.newPage();
    const network = [];
    const errors = [];
    await page.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith('file:') || u.startsWith('data:')) return route.continue();
      network.push(u);
      return route.abort();
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(url);
    console.log('desktop, 1280 px');
    const size = fs.statSync(report).size;
    check(size < 2_000_000, `report is ${Math.round(size / 1024)} KiB`);
    check((await page.locator('#heatmap button.count').count()) > 50, 'heat map counts are buttons');
    check(await page.locator('#activities').getAttribute('data-shown') === await page.locator('#statuses tfoot td.all button').getAttribute('data-count'),
      'with no filter the list holds every activity counted');
    violations += await audit(page, 'the overview (desktop)', { everyContrastDecided: true });
    await audit(page, 'the overview (desktop), axe\'s best practices besides WCAG', { tags: ['best-practice'] });
    await page.screenshot({ path: path.join(shots, 'desktop-1280.png') });
    await page.screenshot({ path: path.join(shots, 'desktop-1280-full.png'), fullPage: true });

    // Drill-down by a real mouse click: Kalmar, the first theme with activities.
    const cell = page.locator('#heatmap tbody tr', { has: page.locator('th', { hasText: /^Kalmar$/ }) }).locator('button.count').first();
    const want = Number(await cell.getAttribute('data-count'));
    const theme = await cell.getAttribute('data-theme');
    await cell.click();
    const rows = page.locator('#activities tbody tr');
    check(await rows.count() === want, `drill-down Kalmar × ${theme}: ${await rows.count()} rows for a count of ${want}`);
    const first = rows.first();
    const file = await first.locator('td[data-label="Source file"]').textContent();
    const pg = await first.locator('td[data-label="Page"]').textContent();
    check(/\.(pdf|docx|xlsx?|ods|odt|html?|txt|md)$/i.test(file) && pg.length > 0, `rows name their source file and page (${file}, page ${pg})`);
    const allKalmar = await rows.evaluateAll((trs) => trs.every((tr) => tr.cells[0].textContent === 'Kalmar'));
    check(allKalmar, 'every row is Kalmar\'s');
    check(await hashOf(page) === `#municipality=Kalmar&theme=${theme}`, `the URL keeps the view (${await hashOf(page)})`);
    check(await page.evaluate(() => document.activeElement.id) === 'h-list', 'focus moves to the list');
    check(await cell.getAttribute('aria-current') === 'true', 'the count clicked is marked current');
    violations += await audit(page, 'a drill-down (desktop)', { everyContrastDecided: true });
    await page.screenshot({ path: path.join(shots, 'desktop-1280-drilldown.png') });

    // A status count, and the totals.
    const done = page.locator('#statuses tbody tr', { has: page.locator('th', { hasText: /^Bærum$/ }) }).locator('button.count[data-status="done"]');
    const doneCount = Number(await done.getAttribute('data-count'));
    await done.click();
    check(await rows.count() === doneCount && doneCount > 0, `drill-down Bærum × done: ${await rows.count()} rows for ${doneCount}`);
    check(await rows.evaluateAll((trs) => trs.every((tr) => /Done$/.test(tr.cells[4].textContent))), 'every row is done');

    // A status read from a follow-up says so.
    await page.locator('#statuses tbody tr', { has: page.locator('th', { hasText: /^Horsens$/ }) }).locator('button.count[data-status="done"]').click();
    const froms = await rows.evaluateAll((trs) => trs.map((tr) => tr.cells[4].textContent));
    check(froms.length > 0 && froms.every((t) => /from the follow-up .*statusrapport/.test(t)), `Horsens' done activities name the follow-up their status comes from (${froms[0]})`);

    // PDF activities name their page.
    await page.locator('#statuses tfoot td.all button').click();
    await page.locator('#more').click();
    const pdfPages = await rows.evaluateAll((trs) => trs.filter((tr) => /\.pdf$/.test(tr.cells[5].textContent)).map((tr) => tr.cells[6].textContent));
    check(pdfPages.length > 0 && pdfPages.every((p) => /^\d+$/.test(p)), `every activity read from a PDF names its page (${pdfPages.length}, pages ${[...new Set(pdfPages)].slice(0, 8).join(', ')}…)`);

    // Every count in both reports, clicked.
    let r = await clickEveryCount(page);
    check(r.bad.length === 0 && r.n > 100, `every one of the ${r.n} counts lists exactly its activities (plans counted once)`, r.bad.slice(0, 10).join('\n'));
    const pageDocs = await desktop.newPage();
    await pageDocs.goto('file://' + reportDocuments);
    r = await clickEveryCount(pageDocs);
    check(r.bad.length === 0 && r.n > 100, `every one of the ${r.n} counts lists exactly its activities (--count documents)`, r.bad.slice(0, 10).join('\n'));
    await pageDocs.close();

    // Filters → URL → reload → same view; back.
    await page.goto(url);
    await page.selectOption('#f-municipality', 'Bærum');
    await page.selectOption('#f-status', 'in_progress');
    const hash = await hashOf(page);
    check(hash === '#municipality=B%C3%A6rum&status=in_progress', `filters are written to the URL (${hash})`);
    const shownBefore = await page.locator('#shown').textContent();
    const rowsBefore = await rows.count();
    const expected = Number(await page.locator('#statuses tbody tr', { has: page.locator('th', { hasText: /^Bærum$/ }) })
      .locator('button.count[data-status="in_progress"]').getAttribute('data-count'));
    check(rowsBefore === expected, `filtered list: ${rowsBefore} rows, the table says ${expected}`);
    await page.reload();
    check(await page.locator('#f-municipality').inputValue() === 'Bærum' && await page.locator('#f-status').inputValue() === 'in_progress',
      'after a reload the filters are as they were');
    check(await rows.count() === rowsBefore && await page.locator('#shown').textContent() === shownBefore,
      `after a reload the same view: ${shownBefore}`);
    await page.selectOption('#f-theme', { index: 1 });
    await page.goBack();
    check(await page.locator('#f-theme').inputValue() === '' && await rows.count() === rowsBefore, 'the back button returns to the previous view');
    const fresh = await desktop.newPage();
    await fresh.goto(url + '#municipality=Kalmar&theme=nonsense&status=');
    check(await fresh.locator('#f-municipality').inputValue() === 'Kalmar' && await fresh.locator('#f-theme').inputValue() === '',
      'a URL naming an unknown theme shows the rest of its view');
    await fresh.close();

    // Keyboard: the skip link, Tab to a count, Enter and Space, the selects, reset.
    await page.goto(url);
    await page.keyboard.press('Tab');
    check(await page.evaluate(() => document.activeElement.className) === 'skip', 'Tab first reaches the skip link');
    const skipVisible = await page.evaluate(() => document.activeElement.getBoundingClientRect().left >= 0);
    check(skipVisible, 'the skip link shows when focused');
    await page.keyboard.press('Enter');
    check(await page.evaluate(() => document.activeElement.id) === 'h-list', 'Enter on the skip link moves focus to the list');
    await page.goto(url);
    let steps = 0;
    while (steps++ < 40 && !(await page.evaluate(() => document.activeElement.matches('button.count')))) await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ label: document.activeElement.getAttribute('aria-label'), count: document.activeElement.getAttribute('data-count'),
      outline: getComputedStyle(document.activeElement).outlineStyle }));
    check(focused.label !== null, `Tab reaches a count in ${steps} presses (${focused.label})`);
    check(focused.outline !== 'none', `the focused count shows a focus ring (${focused.outline})`);
    await page.keyboard.press('Enter');
    check(await rows.count() === Number(focused.count), `Enter opens it: ${await rows.count()} rows`);
    await page.keyboard.press('Shift+Tab');
    // Back on the list heading: Tab on to the filters and use them.
    await page.focus('#f-status');
    await page.keyboard.press('ArrowDown');
    check(await page.locator('#f-status').inputValue() === 'done' && (await hashOf(page)).includes('status=done'), 'ArrowDown on the status filter selects "Done" and writes the URL');
    await page.focus('#reset');
    await page.keyboard.press('Space');
    check(await hashOf(page) === '' && await page.locator('#f-status').inputValue() === '', 'Space on "Show all" clears the view', `${page.url()} status=${await page.locator('#f-status').inputValue()}`);
    const total = Number(await page.locator('#activities').getAttribute('data-shown'));
    const cut = await rows.count();
    check(cut < total, `a long list is cut (${cut} of ${total} drawn)`);
    await page.focus('#more');
    await page.keyboard.press('Enter');
    check(await rows.count() === total, `Enter on "Show all" draws every row (${total})`);
    check(await page.evaluate(() => document.activeElement === document.querySelector('#activities tbody').rows[100]), 'focus goes to the first row it added');
    const b2 = page.locator('#statuses tfoot button.count[data-status="not_started"]');
    await b2.focus();
    await page.keyboard.press('Space');
    // The count's activities, the list cut as any long list is.
    const opened = Number(await b2.getAttribute('data-count'));
    check(Number(await page.locator('#activities').getAttribute('data-shown')) === opened
        && await rows.count() === Math.min(opened, cut), 'Space on a count opens it too',
        `${await rows.count()} rows drawn for a count of ${opened}`);

    // Print: controls hidden, every row of the view drawn.
    await page.goto(url + '#municipality=Bærum');
    await page.pdf({ path: path.join(out, 'report-print.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'print' });
    check(await page.locator('#filters').isHidden() && await page.locator('#more').isHidden(), 'print style hides the controls');
    check(await page.locator('#activities').getAttribute('data-rendered') === await page.locator('#activities').getAttribute('data-shown'), 'printing draws every row of the view');
    await page.screenshot({ path: path.join(shots, 'print-emulated.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    // The status legend and bars as people with each dichromacy see them (Machado et al.
    // 2009 matrices in an SVG filter, which works on linear RGB as the model wants).
    await page.goto(url);
    const matrices = {
      protanopia: '0.152286 1.052583 -0.204868 0 0 0.114503 0.786281 0.099216 0 0 -0.003882 -0.048116 1.051998 0 0 0 0 0 1 0',
      deuteranopia: '0.367322 0.860646 -0.227968 0 0 0.280085 0.672501 0.047413 0 0 -0.011820 0.042940 0.968881 0 0 0 0 0 1 0',
      tritanopia: '1.255528 -0.076749 -0.178779 0 0 -0.078411 0.930809 0.147602 0 0 0.004733 0.691367 0.303900 0 0 0 0 0 1 0',
    };
    const section = page.locator('section[aria-labelledby=h-status]');
    await section.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    const box = await section.boundingBox();
    const lastRow = await page.locator('#statuses tbody tr').nth(3).boundingBox();
    const clip = { x: box.x, y: box.y, width: box.width, height: lastRow.y + lastRow.height + 2 - box.y };
    const panels = [['normal vision', await page.screenshot({ clip })]];
    for (const [name, m] of Object.entries(matrices)) {
      await page.evaluate(([name, m]) => {
        let svg = document.getElementById('cvd-filters');
        if (!svg) {
          svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
          svg.id = 'cvd-filters'; svg.setAttribute('width', 0); svg.setAttribute('height', 0); svg.style.position = 'absolute';
          document.body.appendChild(svg);
        }
        svg.innerHTML += `<filter id="cvd-${name}" color-interpolation-filters="linearRGB"><feColorMatrix type="matrix" values="${m}"/></filter>`;
        document.querySelector('section[aria-labelledby=h-status]').style.filter = `url(#cvd-${name})`;
      }, [name, m]);
      const png = await page.screenshot({ clip });
      fs.writeFileSync(path.join(shots, `status-${name}.png`), png);
      panels.push([name, png]);
    }
    await page.setContent('<body style="margin:0;font:600 15px sans-serif;background:#fff;color:#1b2631">' +
      panels.map(([n, png]) => `<div style="padding:6px 10px 0">${n}</div><img style="display:block;width:640px" src="data:image/png;base64,${png.toString('base64')}">`).join('') + '</body>');
    await page.setViewportSize({ width: 660, height: 200 });
    await page.screenshot({ path: path.join(shots, 'status-colour-blind.png'), fullPage: true });
    console.log(`        colour-blind views: ${path.join(shots, 'status-colour-blind.png')}`);
    check(network.length === 0, `no network requests (${network.length})`, network.join('\n'));
    check(errors.length === 0, 'no script errors', errors.join('\n'));
    await desktop.close();

    // ---- phone ----
    console.log('phone, 390 px');
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    const p = await phone.newPage();
    await p.goto(url);
    violations += await audit(p, 'the overview (phone)', { contrastDecidedOutsideScrolls: true });
    check(await p.evaluate(() => document.documentElement.scrollWidth) <= 390, 'nothing but the tables scrolls sideways');
    await p.screenshot({ path: path.join(shots, 'phone-390.png') });
    await p.screenshot({ path: path.join(shots, 'phone-390-full.png'), fullPage: true });
    const pc = p.locator('#heatmap tbody tr', { has: p.locator('th', { hasText: /^Bærum$/ }) }).locator('button.count').first();
    const pcCount = Number(await pc.getAttribute('data-count'));
    await pc.tap();
    check(await p.locator('#activities tbody tr').count() === pcCount, `tap opens the drill-down on a phone (${pcCount})`);
    violations += await audit(p, 'a drill-down (phone)', { contrastDecidedOutsideScrolls: true });
    await p.screenshot({ path: path.join(shots, 'phone-390-drilldown.png') });
    await phone.close();
  } finally {
    await browser.close();
  }

  if (process.env.UPDATE_DOCS) {
    fs.copyFileSync(path.join(shots, 'desktop-1280.png'), path.join(root, 'docs', 'report-desktop.png'));
    fs.copyFileSync(path.join(shots, 'phone-390-drilldown.png'), path.join(root, 'docs', 'report-phone.png'));
    fs.copyFileSync(path.join(shots, 'status-colour-blind.png'), path.join(root, 'docs', 'report-colour-blind.png'));
    console.log('docs/report-desktop.png, report-phone.png and report-colour-blind.png updated');
  }
  console.log(`\naxe violations: ${violations}; ${checks - failures} of ${checks} checks passed; screenshots in ${shots}`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
