import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';

const BROWSERS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The headless browser that prints the PDF: WARDLINE_CHROMIUM, else the first Chromium or Chrome on PATH. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.WARDLINE_CHROMIUM) return existsSync(env.WARDLINE_CHROMIUM) ? env.WARDLINE_CHROMIUM : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter).filter((d) => d !== '')) {
    for (const name of BROWSERS) if (existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * The page printed to PDF by the browser's own print engine (the print stylesheet, repeated headers), offline: the
 * page fetches nothing, and the browser runs with a throwaway profile. Returns the PDF's bytes.
 */
export async function printPdf(browser: string, html: string): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'wardline-report-'));
  try {
    const page = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    writeFileSync(page, html);
    const args = [
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-extensions',
      '--disable-background-networking',
      `--user-data-dir=${join(dir, 'profile')}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdf}`,
      // Chromium refuses to run as root inside its sandbox (containers, CI runners).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      `file://${page}`,
    ];
    const r = await execa(browser, args, { reject: false, timeout: 120_000, stdin: 'ignore' });
    if (r.exitCode !== 0 || !existsSync(pdf)) {
      const why = `${r.stderr}`.split('\n').filter((l) => l.trim() !== '').slice(-3).join('; ');
      throw new Error(`${browser} could not print the report (exit ${r.exitCode ?? r.signal}): ${why || 'no PDF written'}`);
    }
    return readFileSync(pdf);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
