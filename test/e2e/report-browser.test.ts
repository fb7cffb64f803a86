import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wardline } from '../support/cli.js';

// The auditor's report in a real browser: Debian's chromium driven by puppeteer-core (no browser download).
// CI (.ci/run) installs chromium and poppler-utils and sets WARDLINE_BROWSER=required, so there this never skips.
const CHROMIUM = process.env.WARDLINE_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const PDFTOTEXT = ['/usr/bin/pdftotext'].find((p) => existsSync(p));
const required = process.env.WARDLINE_BROWSER === 'required';
const ready = CHROMIUM !== undefined && PDFTOTEXT !== undefined;
if (!ready && !required) {
  process.stderr.write(`report-browser: skipped: ${CHROMIUM === undefined ? 'no chromium (apt install chromium)' : 'no pdftotext (apt install poppler-utils)'}\n`);
}

const work = mkdtempSync(join(tmpdir(), 'wardline-report-'));
const shots = join(work, 'shots');
const html = join(work, 'report.html');
let browser: Browser;
let names: string[];

beforeAll(async () => {
  if (!ready) return;
  mkdirSync(shots);
  const r = await wardline(['report', 'policies/example-hospital', '-o', html]);
  expect(r.exitCode, r.stderr).toBe(0);
  const m = await wardline(['matrix', 'policies/example-hospital', '-f', 'json']);
  names = (JSON.parse(m.stdout) as { names: { name: string }[] }).names.map((n) => n.name);
  browser = await puppeteer.launch({ executablePath: CHROMIUM!, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The report opened at a width, with every console error and every request other than the page itself recorded. */
async function open(width: number): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('request', (req) => {
    if (req.url() !== `file://${html}`) requests.push(req.url());
  });
  await page.setViewport({ width, height: 900 });
  await page.goto(`file://${html}`, { waitUntil: 'load' });
  return { page, errors, requests };
}

/** Column names as the PDF's text shows them: the lines that start a matrix slice's header. */
async function pdfColumns(pdf: string): Promise<Set<string>> {
  const text = (await execa(PDFTOTEXT!, ['-layout', pdf, '-'])).stdout;
  const columns = new Set<string>();
  for (const line of text.split('\n')) {
    const header = /^\s*from \\ to\s+(.*)$/.exec(line);
    if (header) for (const word of header[1]!.split(/\s+/)) if (word !== '⚕' && word !== '(zone)' && word !== '') columns.add(word);
  }
  return columns;
}

describe.skipIf(!ready && !required)('wardline report in Chromium', () => {
  it('loads with no console error and no network request, and the matrix fits a 1440 px screen', { timeout: 60_000 }, async () => {
    const { page, errors, requests } = await open(1440);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const fit = await page.$eval('.scroll', (el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    const heads = await page.$$eval('table.matrix thead th[scope=col]:not(.corner)', (ths) => ths.map((th) => th.textContent!.replace(/\s*\(medical\)$/, '').replace(/\s*⚕/, '').replace(/ \(zone\)$/, '').trim()));
    expect(heads).toEqual(names);
    await page.screenshot({ path: join(shots, 'report-1440.png'), fullPage: true });
    expect(statSync(join(shots, 'report-1440.png')).size).toBeGreaterThan(10_000);
    await page.close();
  });

  it('keeps the matrix header and row names visible while the matrix scrolls', { timeout: 60_000 }, async () => {
    const { page } = await open(1440);
    await page.setViewport({ width: 1440, height: 500 });
    const moved = await page.$eval('.scroll', async (el) => {
      el.scrollIntoView();
      const top = el.getBoundingClientRect().top;
      el.scrollTop = 400;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const th = el.querySelector('thead th:nth-child(2)')!.getBoundingClientRect();
      return { scrolled: el.scrollTop, offset: th.top - top };
    });
    expect(moved.scrolled).toBeGreaterThan(0);
    expect(Math.abs(moved.offset)).toBeLessThanOrEqual(2);
    await page.close();
  });

  it('shows a cell’s services and deciding flow on keyboard focus and on hover, not in a title attribute', { timeout: 60_000 }, async () => {
    const { page } = await open(1440);
    expect(await page.$$eval('[title]', (els) => els.length)).toBe(0);
    const hidden = await page.$eval('td.allow .detail', (d) => d.getBoundingClientRect().width);
    expect(hidden).toBeLessThanOrEqual(1);
    // Tab from the top of the page to the first allowed cell.
    let focused = '';
    for (let i = 0; i < 200 && !focused.includes('allow'); i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.className ?? '');
    }
    expect(focused).toContain('allow');
    const shown = await page.evaluate(() => {
      const d = document.activeElement!.querySelector('.detail')!;
      return { width: d.getBoundingClientRect().width, text: d.textContent ?? '' };
    });
    expect(shown.width).toBeGreaterThan(100);
    expect(shown.text).toMatch(/→ .*(tcp|udp|icmp)\/.*by [a-z0-9-]+ \(flows\.yaml:\d+\)/);
    await page.hover('tbody tr:nth-child(1) td.allow');
    const hovered = await page.$eval('tbody tr:nth-child(1) td.allow .detail', (d) => d.getBoundingClientRect().width);
    expect(hovered).toBeGreaterThan(100);
    await page.close();
  });

  it('reads on a 390 px phone: the page does not scroll sideways, the matrix scrolls inside its frame', { timeout: 60_000 }, async () => {
    const { page, errors } = await open(390);
    expect(errors).toEqual([]);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, matrix: document.querySelector('.scroll')!.scrollWidth }));
    expect(widths.page).toBeLessThanOrEqual(390);
    expect(widths.matrix).toBeGreaterThan(390);
    await page.screenshot({ path: join(shots, 'report-390.png'), fullPage: true });
    expect(statSync(join(shots, 'report-390.png')).size).toBeGreaterThan(10_000);
    await page.close();
  });

  it('prints to PDF on A4 and Letter landscape with every matrix column, no column name overflowing its cell', { timeout: 90_000 }, async () => {
    const { page } = await open(1440);
    await page.emulateMediaType('print');
    // Letter landscape less the margins, in CSS px: the narrower page.
    await page.setViewport({ width: 980, height: 700 });
    const overflowing = await page.$$eval('table.slice thead th', (ths) => ths.filter((th) => th.scrollWidth > th.clientWidth + 1).map((th) => th.textContent));
    expect(overflowing).toEqual([]);
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = join(shots, `report-${format}.pdf`);
      await page.pdf({ path: pdf, format, landscape: true, printBackground: true });
      expect([...(await pdfColumns(pdf))].sort()).toEqual([...names].sort());
    }
    await page.close();
  });

  it('wardline report --format pdf prints the same columns through the browser on PATH', { timeout: 90_000 }, async () => {
    const pdf = join(work, 'cli.pdf');
    const r = await wardline(['report', 'policies/example-hospital', '-o', pdf, '--paper', 'letter'], { env: { WARDLINE_CHROMIUM: CHROMIUM! } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const info = (await execa('pdfinfo', [pdf])).stdout;
    expect(info).toMatch(/Page size:\s+792 x 612 pts \(letter\)/);
    expect([...(await pdfColumns(pdf))].sort()).toEqual([...names].sort());
  });
});
