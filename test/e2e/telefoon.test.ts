import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { beschikbaar, webOmgeving } from './browser.js';
import { geenZijwaartsScrollen, inloggen, TELEFOON, toegankelijk } from './reis.js';
import { mkdirSync } from 'node:fs';

/**
 * Pages of other helpers (issue 11) that still scroll sideways or fail axe at phone size because they are not
 * converted yet: findings there are printed, not asserted. The lead empties this list after merging them.
 */
export const NOG_NIET_OMGEZET_TELEFOON = new Set<string>([]);

const ROLLEN = ['beheer@centrumstad.demo', 'consulent@woonstede-rivierland.demo', 'consulent@ribw-rivierland.demo'];

/** The collapsed menu: hidden until "Menu" opens it, closed again by the same button, and by choosing a page. */
async function menuKlaptIn(page: Page) {
  const knop = page.getByRole('button', { name: 'Menu' });
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await expect.poll(() => knop.isVisible()).toBe(true);
  expect(await menu.isVisible()).toBe(false);
  expect(await knop.getAttribute('aria-expanded')).toBe('false');
  await knop.click();
  await expect.poll(() => menu.isVisible()).toBe(true);
  expect(await knop.getAttribute('aria-expanded')).toBe('true');
  await knop.click();
  await expect.poll(() => menu.isVisible()).toBe(false);
}

describe.skipIf(!beschikbaar)('op een telefoon (390×844)', () => {
  const w = webOmgeving();

  it('elke rol bereikt elke menupagina: menu ingeklapt, niets schuift zijwaarts, Uitloggen bereikbaar, axe zonder ernstige fouten', async () => {
    mkdirSync('test-results', { recursive: true });
    const bevindingen: { pagina: string; wat: string }[] = [];
    for (const email of ROLLEN) {
      const wie = email.split('@')[1]!.replace('.demo', '');
      const { page, context } = await inloggen(w.browser, w.basis, email, TELEFOON);
      await menuKlaptIn(page);
      const uitloggen = page.getByRole('button', { name: 'Uitloggen' });
      const knop = page.getByRole('button', { name: 'Menu' });
      await knop.click();
      const links = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link');
      const paden = await links.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      await knop.click();
      expect(paden.length).toBeGreaterThan(5);
      for (const pad of paden) {
        // the page the user is on (the Overzicht after signing in) is checked where it is
        if (new URL(page.url()).pathname !== pad) {
        await knop.click();
        await page.getByRole('navigation', { name: 'Hoofdmenu' }).locator(`a[href="${pad}"]`).click();
        // choosing a page closes the menu and puts the focus on the page's heading
        await page.waitForURL((u) => u.pathname === pad);
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.id))
          .toBe('pagina-titel')
          .catch(() => bevindingen.push({ pagina: pad.split('/')[1]!, wat: 'focus niet op de h1 na navigatie' }));
        await page.waitForLoadState('networkidle');
        expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible(), `menu dicht na kiezen van ${pad}`).toBe(false);
        }
        const doos = await uitloggen.boundingBox();
        expect(doos && doos.x >= 0 && doos.x + doos.width <= TELEFOON.width, `Uitloggen binnen beeld op ${pad}`).toBe(true);
        const naam = `telefoon-${wie}${pad.replace(/\//g, '-')}`;
        await page.screenshot({ path: `test-results/${naam}.png`, fullPage: true });
        const pagina = pad.split('/')[1]!;
        for (const controle of [() => geenZijwaartsScrollen(page, naam), () => toegankelijk(page, naam)]) {
          try {
            await controle();
          } catch (e) {
            bevindingen.push({ pagina, wat: `${wie}: ${(e as Error).message.split('\n')[0]}` });
          }
        }
      }
      await uitloggen.click();
      await page.getByRole('heading', { level: 1, name: 'Inloggen bij Doorstroom' }).waitFor();
      await geenZijwaartsScrollen(page, 'inloggen');
      await toegankelijk(page, 'inloggen op een telefoon');
      await context.close();
    }
    const uitgesteld = bevindingen.filter((b) => NOG_NIET_OMGEZET_TELEFOON.has(b.pagina));
    if (uitgesteld.length) console.warn(`telefoon, pagina's die nog niet omgezet zijn:\n${uitgesteld.map((b) => `  ${b.pagina}: ${b.wat}`).join('\n')}`);
    expect(bevindingen.filter((b) => !NOG_NIET_OMGEZET_TELEFOON.has(b.pagina)).map((b) => `${b.pagina}: ${b.wat}`)).toEqual([]);
    // two more menu pages per care role since the landelijk branch (Uitkomsten, Stand van zaken): room on a loaded machine
  }, 600_000);
});
