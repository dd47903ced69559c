import { describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import * as s from '../../src/db/schema.js';
import { ZRM_DOMEIN_LABEL, ZRM_DOMEINEN, type ZrmDomein } from '../../src/domain/zrm.js';
import { beschikbaar, webOmgeving } from './browser.js';
import { inloggen, vastleggen } from './reis.js';

/**
 * ZRM on the dossier in Chromium: a medewerker toegang records two assessments for a demo client (a domain left
 * open is refused at its field), the hint and the chart follow; a corporatie never reaches it. End state via the API.
 */
describe.skipIf(!beschikbaar)('ZRM op het dossier', () => {
  const w = webOmgeving();
  const dialoog = (page: Page) => page.locator('dialog[open]');
  async function bevestig(page: Page, knop: string, naam: string) {
    await dialoog(page).waitFor();
    await vastleggen(page, naam);
    await dialoog(page).getByRole('button', { name: knop }).click();
    await dialoog(page).waitFor({ state: 'detached' }).catch(() => dialoog(page).waitFor({ state: 'hidden' }));
  }
  const veldFout = (binnen: Locator, label: string) => binnen.locator('.utrecht-form-field--invalid', { has: binnen.page().getByText(label, { exact: true }) }).locator('.utrecht-form-field-error-message');

  async function vulIn(form: Locator, datum: string, scores: Partial<Record<ZrmDomein, string>>) {
    await form.getByLabel('Datum van de beoordeling').fill(datum);
    for (const d of ZRM_DOMEINEN) if (scores[d] !== undefined) await form.getByLabel(`Score ${ZRM_DOMEIN_LABEL[d]}`, { exact: true }).selectOption(scores[d]!);
  }

  it('twee beoordelingen, hint en grafiek veranderen mee; een corporatie ziet niets', async () => {
    const [c] = await w.t.database.db
      .select({ id: s.clienten.id })
      .from(s.clienten)
      .where(and(eq(s.clienten.regioId, w.t.regios.rivierland.regioId), sql`not exists (select 1 from zrm_beoordelingen z where z.client_id = ${s.clienten.id})`))
      .orderBy(asc(s.clienten.pseudoniem))
      .limit(1);
    const clientId = c!.id;
    const { page } = await inloggen(w.browser, w.basis, 'toegang@centrumstad.demo');
    await page.goto(`${w.basis}/clienten/${clientId}`);
    const sectie = page.getByRole('region', { name: 'Zelfredzaamheid (ZRM)' });
    await sectie.getByText('Nog geen ZRM-beoordeling vastgelegd.').waitFor();
    await sectie.scrollIntoViewIfNeeded();
    await vastleggen(page, 'zrm-leeg');

    // Financiën left open: refused at that field, nothing recorded
    const form = sectie.locator('form[aria-label="ZRM-beoordeling vastleggen"]');
    const eerste = Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, '3'])) as Record<ZrmDomein, string>;
    eerste.justitie = 'nvt';
    const { financien: _open, ...zonderFinancien } = eerste;
    await vulIn(form, '01-03-2026', zonderFinancien);
    await form.getByLabel('Toelichting').fill('Budgetbeheer gestart');
    await form.getByRole('button', { name: 'Beoordeling vastleggen' }).click();
    await bevestig(page, 'Vastleggen', 'zrm-bevestiging');
    await expect.poll(() => veldFout(form, 'Score Financiën').textContent()).toContain('Score Financiën ontbreekt');
    await vastleggen(page, 'zrm-fout-bij-veld');
    await form.getByLabel('Score Financiën', { exact: true }).selectOption('2');
    await form.getByRole('button', { name: 'Beoordeling vastleggen' }).click();
    await bevestig(page, 'Vastleggen', 'zrm-bevestiging-2');
    await expect.poll(() => page.getByTestId('melding').textContent()).toContain('ZRM-beoordeling van 1-3-2026 vastgelegd');
    const hint = sectie.locator('.zrm-hint');
    await expect.poll(() => hint.textContent()).toContain('Nog niet');
    expect(await hint.textContent()).toContain('Financiën: 2 (niet zelfredzaam)');
    expect(await sectie.locator('figure.grafiek').count()).toBe(1);
    await vastleggen(page, 'zrm-eerste');

    // six months later everything at 4: ready according to the ZRM
    await vulIn(form, '01-09-2026', Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, '4'])));
    await form.getByRole('button', { name: 'Beoordeling vastleggen' }).click();
    await bevestig(page, 'Vastleggen', 'zrm-bevestiging-3');
    await expect.poll(() => hint.textContent()).toMatch(/^Klaar voor uitstroom volgens ZRM\?Ja/);
    await expect.poll(() => sectie.locator('table').last().locator('tbody tr').count()).toBe(2);
    expect(await sectie.locator('figure.grafiek figcaption').textContent()).toContain('ZRM-scores door de tijd');
    await sectie.locator('figure.grafiek svg').waitFor();
    await vastleggen(page, 'zrm-tweede');

    // a corporatie: no section on any page it can reach, and the API refuses
    const corporatie = await inloggen(w.browser, w.basis, 'consulent@woonstede-rivierland.demo');
    await corporatie.page.goto(`${w.basis}/clienten/${clientId}`);
    await corporatie.page.locator('#pagina-titel').waitFor();
    await corporatie.page.waitForLoadState('networkidle');
    expect(await corporatie.page.getByRole('heading', { name: 'Zelfredzaamheid (ZRM)' }).count()).toBe(0);
    await vastleggen(corporatie.page, 'zrm-corporatie');
    const sessie = await w.t.sessie('consulent@woonstede-rivierland.demo');
    expect((await w.t.als(sessie, 'GET', `/api/clienten/${clientId}/zrm`)).statusCode).toBe(403);

    // end state through the API
    const toegang = await w.t.sessie('toegang@centrumstad.demo');
    const overzicht = (await w.t.als(toegang, 'GET', `/api/clienten/${clientId}/zrm`)).json();
    expect(overzicht.beoordelingen.map((b: { datum: string }) => b.datum)).toEqual(['2026-09-01', '2026-03-01']);
    expect(overzicht.beoordelingen[1]).toMatchObject({ toelichting: 'Budgetbeheer gestart', scores: { financien: 2, justitie: null } });
    expect(overzicht.hint.klaar).toBe(true);
  }, 300_000);
});
