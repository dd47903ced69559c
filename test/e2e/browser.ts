import { existsSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { testOmgeving, type TestOmgeving } from '../helpers.js';

/** Debian's chromium, driven by playwright-core; never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';
// CI installs Debian's chromium; elsewhere a missing browser skips instead of failing
export const beschikbaar = existsSync(CHROMIUM);
if (!beschikbaar && process.env.CI) throw new Error(`${CHROMIUM} ontbreekt: .ci/run moet chromium installeren`);
if (!existsSync(new URL('../../dist/web/index.html', import.meta.url))) throw new Error('dist/web ontbreekt: draai eerst `npm run build:web`');

export function startBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface WebOmgeving {
  t: TestOmgeving;
  browser: Browser;
  /** http://127.0.0.1:<port> of the started app */
  basis: string;
}

/** A seeded app on a random port and a browser, for the tests of one describe block; closed after them. */
export function webOmgeving(): WebOmgeving {
  const w = {} as WebOmgeving;
  beforeAll(async () => {
    w.t = await testOmgeving();
    w.basis = await w.t.app.listen({ port: 0, host: '127.0.0.1' });
    w.browser = await startBrowser();
  });
  afterAll(async () => {
    await w.browser?.close();
    await w.t?.sluit();
  });
  return w;
}
