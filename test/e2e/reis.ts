import { mkdirSync } from 'node:fs';
import { expect } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_TOTP_GEHEIM, DEMO_WACHTWOORD } from '../../src/db/seed.js';
import { totpCode } from '../../src/domain/mfa.js';

/**
 * Steps every journey shares: signing in as a demo user (with the second factor where the role needs it),
 * axe-core on every page state, screenshots in test-results/, and the small-screen check.
 */

export const TELEFOON = { width: 390, height: 844 };
export const SCHERM = { width: 1280, height: 860 };

// a TOTP code is accepted once per account per 30 s step: a second login of the same account waits for the next step
const laatsteStap = new Map<string, number>();
async function versCode(email: string): Promise<string> {
  let stap = Math.floor(Date.now() / 30_000);
  if (laatsteStap.get(email) === stap) {
    await new Promise((r) => setTimeout(r, (stap + 1) * 30_000 - Date.now() + 200));
    stap = Math.floor(Date.now() / 30_000);
  }
  laatsteStap.set(email, stap);
  return totpCode(DEMO_TOTP_GEHEIM, new Date());
}

/** Signs in through the login form in a fresh browser context; returns the page on the Overzicht. */
export async function inloggen(browser: Browser, basis: string, email: string, viewport = SCHERM): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const page = await context.newPage();
  await page.goto(basis);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(DEMO_WACHTWOORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  const code = page.locator('input[name=code]');
  const binnen = page.locator('[data-testid=organisatie]');
  await expect.poll(async () => (await binnen.count()) + (await code.count()), { timeout: 15_000 }).toBeGreaterThan(0);
  if (await code.count()) {
    await code.fill(await versCode(email));
    await page.locator('button[type=submit]').click();
  }
  await binnen.waitFor({ timeout: 15_000 });
  return { page, context };
}

/**
 * axe-core (WCAG 2.1 A/AA rules) on the current state of the page; fails on any critical or serious violation,
 * naming the rule and the elements, so the message says what to fix.
 */
export async function toegankelijk(page: Page, toestand: string) {
  // Legacy mode runs axe.run in the page itself. The default mode runs the rules per frame and then opens a blank
  // page to merge the frames' results, injecting axe-core's 550 kB there again: twice the time per check on a busy
  // machine (4 s against 8 s under CI-like load), for pages without cross-origin frames (axe.run reaches same-origin frames itself). Same rules, same
  // results (compared on the Cliënten page: identical violations, passes, incomplete and inapplicable, node for node).
  const resultaat = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode().analyze();
  const ernstig = resultaat.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  const uitleg = ernstig.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(uitleg, `axe-core op "${toestand}"`).toEqual([]);
}

/** A screenshot of a key state in test-results/<naam>.png, and axe-core over that same state. */
export async function vastleggen(page: Page, naam: string, opties: { axe?: boolean } = {}) {
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${naam}.png`, fullPage: true });
  if (opties.axe !== false) await toegankelijk(page, naam);
}

/** At a phone's width nothing may make the page scroll sideways. */
export async function geenZijwaartsScrollen(page: Page, toestand: string) {
  const breedte = await page.evaluate(() => ({ inhoud: document.documentElement.scrollWidth, venster: window.innerWidth }));
  expect(breedte.inhoud, `zijwaarts scrollen op "${toestand}"`).toBeLessThanOrEqual(breedte.venster);
}

/** Navigates through the main menu as a user does (opening the collapsed menu on a small screen). */
export async function naarMenu(page: Page, titel: string) {
  const knop = page.getByRole('button', { name: 'Menu' });
  if (await knop.isVisible()) await knop.click();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: new RegExp(`^${titel}`) }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('pagina-titel');
}
