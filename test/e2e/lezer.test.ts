import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as s from '../../src/db/schema.js';
import { testVersleuteling } from '../helpers.js';
import { beschikbaar, webOmgeving } from './browser.js';
import { handelendeBedieningen, kiesMenu, zichtbareBsns } from './bediening.js';
import { inloggen, vastleggen } from './reis.js';

/**
 * Pages of other helpers (issue 11) that do not follow the conventions yet: their findings are printed, not
 * asserted. After merging their conversion the lead empties this list (and the test then guards those pages too).
 */
export const NOG_NIET_OMGEZET = new Set<string>([]);

/** What the README (*Web-app*, *Toegang en privacy*) says a user of a gemeente who is not its beheerder sees. */
const MENU_GEMEENTE = ['Overzicht', 'Cliënten', 'Wachtlijsten', 'Woonafspraken', 'Matching', 'Plaatsingsdashboard', 'Signalen', 'Inbox', 'Monitor', 'Verdeelmodel', 'Uitkomsten', 'Stand van zaken', 'Beveiliging'];
const PSEUDONIEM = /\bC-[0-9A-Z]{4,12}\b/g;

interface Bevinding {
  pagina: string;
  wat: string;
}

/** Screenshot and axe; an axe finding is collected with the page (so pages still to be converted can be set aside). */
async function leg(page: Page, naam: string, pagina: string, bevindingen: Bevinding[]) {
  try {
    await vastleggen(page, naam);
  } catch (e) {
    bevindingen.push({ pagina, wat: (e as Error).message.split('\n').slice(0, 3).join(' ') });
  }
}

async function wachtOpRust(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('main .laden').count(), { timeout: 15_000 }).toBe(0);
}

describe.skipIf(!beschikbaar)('lezer en regiogemeente: zien wat de README zegt, en niets dat handelt', () => {
  const w = webOmgeving();
  let bsns: Set<string>;

  /** Visits every menu page (and a dossier) and collects every acting control and every BSN on screen. */
  async function langsAlles(page: Page, wie: string, opties: { bediening: (pagina: string) => boolean; bsnMag?: boolean }) {
    const bevindingen: Bevinding[] = [];
    const menu = (await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allInnerTexts()).map((t) => t.replace(/\d+\s*ongelezen$/, '').trim());
    expect(menu, `menu van ${wie}`).toEqual(MENU_GEMEENTE);
    for (const titel of menu) {
      // the page the user is on (the Overzicht after signing in) is not chosen again: there is no navigation then
      const huidig = await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: new RegExp(`^${titel}`) }).getAttribute('aria-current');
      if (huidig !== 'page') {
        const { pad, focusOpKop } = await kiesMenu(page, titel);
        if (!focusOpKop) bevindingen.push({ pagina: pad, wat: 'focus niet op de h1 na navigatie' });
      }
      await wachtOpRust(page);
      const pad = new URL(page.url()).pathname.split('/')[1]!;
      await leg(page, `${wie}-${pad}`, pad, bevindingen);
      if (opties.bediening(pad)) for (const b of await handelendeBedieningen(page)) bevindingen.push({ pagina: pad, wat: `handelt: ${b}` });
      if (!opties.bsnMag) for (const b of await zichtbareBsns(page)) if (bsns.has(b)) bevindingen.push({ pagina: pad, wat: 'BSN zichtbaar' });
      if (pad === 'clienten') {
        const link = page.locator('main table tbody a').first();
        if (await link.count()) {
          await link.click();
          await wachtOpRust(page);
          await leg(page, `${wie}-dossier`, 'dossier', bevindingen);
          if (opties.bediening('dossier')) for (const b of await handelendeBedieningen(page)) bevindingen.push({ pagina: 'dossier', wat: `handelt: ${b}` });
          if (!opties.bsnMag) for (const b of await zichtbareBsns(page)) if (bsns.has(b)) bevindingen.push({ pagina: 'dossier', wat: 'BSN zichtbaar' });
          await page.goBack();
        } else bevindingen.push({ pagina: 'clienten', wat: 'geen link naar een dossier gevonden' });
      }
    }
    // the audit log is not theirs: a deep link lands on the Overzicht
    await page.goto(`${w.basis}/audit`);
    await page.waitForURL(/\/overzicht$/);
    return bevindingen;
  }

  function beoordeel(wie: string, bevindingen: Bevinding[]) {
    const uitgesteld = bevindingen.filter((b) => NOG_NIET_OMGEZET.has(b.pagina));
    if (uitgesteld.length) console.warn(`${wie}, pagina's die nog niet omgezet zijn:\n${uitgesteld.map((b) => `  ${b.pagina}: ${b.wat}`).join('\n')}`);
    expect(bevindingen.filter((b) => !NOG_NIET_OMGEZET.has(b.pagina)).map((b) => `${b.pagina}: ${b.wat}`), wie).toEqual([]);
  }

  it('alleen lezen van de centrumgemeente: elke menupagina, geen BSN, geen bediening die iets wijzigt', async () => {
    const clienten = await w.t.database.db.select({ bsn: s.clienten.bsnVersleuteld }).from(s.clienten);
    bsns = new Set(clienten.filter((c) => c.bsn).map((c) => testVersleuteling.ontsleutel(c.bsn!)));
    expect(bsns.size).toBeGreaterThan(100);
    const { page, context } = await inloggen(w.browser, w.basis, 'lezer@centrumstad.demo');
    beoordeel('lezer', await langsAlles(page, 'lezer', { bediening: () => true }));
    await context.close();
  }, 300_000);

  it('regiogemeente: alleen lezen ziet niets dat handelt; de medewerker toegang alleen de eigen cliënten en geen beheer', async () => {
    const { page, context } = await inloggen(w.browser, w.basis, 'lezer@noorddorp.demo');
    beoordeel('regio-lezer', await langsAlles(page, 'regio-lezer', { bediening: () => true }));

    const toegang = await inloggen(w.browser, w.basis, 'toegang@noorddorp.demo');
    // a medewerker toegang registers clients, so acting controls belong on the care pages; monitor and
    // verdeelmodel (and uitkomsten, stand van zaken) are read-only for everyone but the centrumgemeente's beheerder;
    // the toegang works with the BSN (ADR 0022: only care roles that register clients see it)
    const alleenLezen = new Set(['monitor', 'verdeelmodel', 'uitkomsten', 'stand-van-zaken']);
    beoordeel('regio-toegang', await langsAlles(toegang.page, 'regio-toegang', { bediening: (p) => alleenLezen.has(p), bsnMag: true }));

    // the client list shows only the regiogemeente's own clients: every pseudonym on the page is one the API lets it see
    const sessie = await w.t.sessie('toegang@noorddorp.demo');
    const eigen = (await w.t.als(sessie, 'GET', '/api/clienten?limiet=500')).json() as { totaal: number; clienten: { pseudoniem: string }[] };
    const zichtbaar = new Set(eigen.clienten.map((c) => c.pseudoniem));
    const centrum = (await w.t.als(await w.t.sessie('lezer@centrumstad.demo'), 'GET', '/api/clienten?limiet=1')).json() as { totaal: number };
    expect(eigen.totaal).toBeGreaterThan(0);
    expect(eigen.totaal).toBeLessThan(centrum.totaal);
    await kiesMenu(toegang.page, 'Cliënten');
    await wachtOpRust(toegang.page);
    const opPagina = [...(await toegang.page.locator('main table').innerText()).matchAll(PSEUDONIEM)].map((m) => m[0]);
    expect(opPagina.length).toBeGreaterThan(0);
    expect(opPagina.filter((p) => !zichtbaar.has(p))).toEqual([]);
    await toegang.context.close();
    await context.close();
  }, 400_000);
});
