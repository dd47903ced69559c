import { describe, expect, it } from 'vitest';
import { and, asc, eq, gte, isNull, like, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import * as s from '../../src/db/schema.js';
import { escaleerTeLaat } from '../../src/db/repos/signalen.js';
import { onderdruk } from '../../src/domain/monitor.js';
import { beschikbaar, webOmgeving } from './browser.js';
import { geenZijwaartsScrollen, inloggen, naarMenu, TELEFOON, SCHERM, vastleggen } from './reis.js';

/**
 * The journey of issue 11 for signals: a corporatie consulent raises overlast and huurachterstand on one of its
 * placements, the aanbieder consulent picks both up and resolves them, and both inbox badges are right at every
 * step. Ends with the planner's escalations in the inbox and a check of the end state through the API.
 */

const CORPORATIE = 'consulent@woonstede-rivierland.demo';
const AANBIEDER = 'consulent@ribw-rivierland.demo';
const plat = (t: string | null) => (t ?? '').replace(/\u00a0/g, ' ');

/** The number on the Inbox menu item (absent = 0). */
async function badge(page: Page) {
  const teller = page.locator('[data-testid=inbox-teller]');
  return (await teller.count()) ? Number(((await teller.first().textContent()) ?? '').replace(/\D/g, '')) : 0;
}

describe.skipIf(!beschikbaar)('signalen tussen corporatie en aanbieder in Chromium', () => {
  const w = webOmgeving();

  it('corporatie meldt overlast en huurachterstand, aanbieder pakt op en lost op; de tellers kloppen bij elke stap', async () => {
    const db = w.t.database.db;
    const org = w.t.regios.rivierland.organisaties;
    const [plaatsing] = await db
      .select({ id: s.plaatsingen.id, pseudoniem: s.clienten.pseudoniem, adres: s.woningen.adres })
      .from(s.plaatsingen)
      .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
      .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
      .where(and(eq(s.woningen.corporatieId, org['Woonstede Rivierland']!.id), eq(s.plaatsingen.aanbiederId, org['RIBW Rivierland']!.id), isNull(s.plaatsingen.einddatum)))
      .orderBy(asc(s.clienten.pseudoniem))
      .limit(1);
    expect(plaatsing).toBeTruthy();
    const aanbiederNamen = Object.entries(org).filter(([, o]) => o.soort === 'aanbieder').map(([naam]) => naam);

    // browsers first: each account's TOTP code is used once, and the API sessions below reset nothing of theirs
    const { page: corp } = await inloggen(w.browser, w.basis, CORPORATIE);
    const { page: aanb } = await inloggen(w.browser, w.basis, AANBIEDER);
    const api = { corp: await w.t.sessie(CORPORATIE), aanb: await w.t.sessie(AANBIEDER) };
    const ongelezen = async (wie: 'corp' | 'aanb') => (await w.t.als(api[wie], 'GET', '/api/meldingen/aantal')).json().ongelezen as number;
    /** the badge in this browser says what the server says (after the page has had the chance to refetch) */
    const badgeKlopt = async (page: Page, wie: 'corp' | 'aanb', verwacht: number) => {
      expect(await ongelezen(wie)).toBe(verwacht);
      await expect.poll(() => badge(page), { timeout: 10_000 }).toBe(verwacht);
    };
    const start = { corp: await ongelezen('corp'), aanb: await ongelezen('aanb') };

    // --- Overzicht of the corporatie: cards are links with names; person counts 1–4 read "<5" -----------------
    await corp.getByRole('link', { name: 'Open signalen' }).waitFor();
    const lijstVoor = (await w.t.als(api.corp, 'GET', '/api/signalen?limiet=1')).json();
    const open = lijstVoor.aantallen.gemeld + lijstVoor.aantallen.opgepakt + lijstVoor.aantallen.in_behandeling + lijstVoor.aantallen.geescaleerd;
    const openTekst = onderdruk(open) === null ? '<5' : open.toLocaleString('nl-NL');
    await expect.poll(() => corp.locator('.kaart-link', { hasText: 'Open signalen' }).locator('.kaart-getal').textContent()).toBe(openTekst);
    const teLaatTekst = onderdruk(lijstVoor.teLaat) === null ? '<5' : lijstVoor.teLaat.toLocaleString('nl-NL');
    expect(await corp.locator('.kaart-link', { hasText: 'Open signalen' }).textContent()).toContain(`waarvan ${teLaatTekst} over de termijn`);
    await vastleggen(corp, 'signalen-01-overzicht-corporatie');

    // --- the corporatie raises overlast ------------------------------------------------------------------------
    await naarMenu(corp, 'Signalen');
    await corp.locator('table tbody tr').first().waitFor();
    for (const naam of aanbiederNamen) expect(await corp.textContent('main')).not.toContain(naam);
    await vastleggen(corp, 'signalen-02-lijst-corporatie');
    await corp.getByRole('button', { name: 'Nieuw signaal' }).click();
    await corp.getByLabel('Bewoner zoeken').fill(plaatsing!.pseudoniem);
    const keuze = corp.getByLabel('Bewoner (plaatsing)');
    await expect.poll(() => keuze.locator('option').allTextContents()).toContain(`${plaatsing!.pseudoniem} — ${plaatsing!.adres}`);
    await keuze.selectOption({ label: `${plaatsing!.pseudoniem} — ${plaatsing!.adres}` });
    await corp.getByLabel('Soort signaal', { exact: true }).selectOption({ label: 'Overlast' });
    await corp.getByLabel('Soort overlast').selectOption({ label: 'Geluid' });
    await corp.getByLabel('Toelichting (niet verplicht)').fill('Harde muziek na middernacht; drie buren klaagden.');
    await vastleggen(corp, 'signalen-03-nieuw-overlast');
    await corp.getByRole('button', { name: 'Signaal melden' }).click();
    const dialoog = corp.locator('dialog[open]');
    await dialoog.waitFor();
    expect(await dialoog.textContent()).toContain('binnen 24 uur reageren');
    await vastleggen(corp, 'signalen-04-bevestiging-melden');
    await dialoog.getByRole('button', { name: 'Signaal melden' }).click();
    await corp.waitForURL(/\/signalen\/[0-9a-f-]{36}$/);
    const overlastId = corp.url().split('/').at(-1)!;
    await corp.getByText('Signaal gemeld. De zorgaanbieder heeft een melding in de inbox.').waitFor();
    expect(await corp.getByTestId('zorgaanbieder').textContent()).toContain('Zorgaanbieder (nog geen contactpersoon');
    await vastleggen(corp, 'signalen-05-gemeld-overlast');

    // --- and huurachterstand in Dutch notation: a wrong amount is refused at the field ----------------------------
    await corp.getByRole('link', { name: '← Alle signalen' }).click();
    await corp.getByRole('button', { name: 'Nieuw signaal' }).click();
    await corp.getByLabel('Bewoner zoeken').fill(plaatsing!.adres);
    await expect.poll(() => keuze.locator('option').allTextContents()).toContain(`${plaatsing!.pseudoniem} — ${plaatsing!.adres}`);
    await keuze.selectOption({ label: `${plaatsing!.pseudoniem} — ${plaatsing!.adres}` });
    await corp.getByLabel('Soort signaal', { exact: true }).selectOption({ label: 'Huurachterstand' });
    const bedrag = corp.getByLabel('Bedrag van de achterstand (€)');
    await bedrag.fill('twaalfhonderd');
    await corp.getByLabel('Aantal maanden achterstand').fill('3');
    await corp.getByRole('button', { name: 'Signaal melden' }).click();
    await corp.getByText('Vul het bedrag in euro in, bijvoorbeeld 1.250,50.').waitFor();
    expect(await bedrag.getAttribute('aria-invalid')).toBe('true');
    await vastleggen(corp, 'signalen-06-fout-bij-bedrag');
    await bedrag.fill('1.250,50');
    await corp.getByRole('button', { name: 'Signaal melden' }).click();
    await dialoog.getByRole('button', { name: 'Signaal melden' }).click();
    await corp.waitForURL((u) => /\/signalen\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(overlastId));
    const huurId = corp.url().split('/').at(-1)!;
    await corp.getByRole('heading', { level: 1 }).filter({ hasText: 'Huurachterstand' }).waitFor();
    expect(plat(await corp.textContent('main'))).toContain('€ 1.250,50 over 3 maanden');
    expect(plat(await corp.textContent('h1'))).toBe('Huurachterstand € 1.250,50 (3 maanden)');
    await vastleggen(corp, 'signalen-07-gemeld-huurachterstand');
    // the corporatie reported, so its own inbox did not change
    await badgeKlopt(corp, 'corp', start.corp);

    // --- the aanbieder sees both in its inbox; opening one marks it read ------------------------------------------
    await naarMenu(aanb, 'Inbox');
    await badgeKlopt(aanb, 'aanb', start.aanb + 2);
    const nieuwOverlast = aanb.locator('tbody tr', { hasText: `bij ${plaatsing!.pseudoniem}` }).filter({ hasText: 'Nieuw signaal: overlast' });
    await nieuwOverlast.waitFor();
    expect(await nieuwOverlast.textContent()).toContain('Oppakken binnen 24 uur');
    await vastleggen(aanb, 'signalen-08-inbox-aanbieder');
    await nieuwOverlast.getByRole('link', { name: 'Nieuw signaal: overlast' }).click();
    await aanb.waitForURL(new RegExp(`/signalen/${overlastId}$`));
    await badgeKlopt(aanb, 'aanb', start.aanb + 1);

    // the aanbieder's note reaches the corporatie: the field says so
    const stapToelichting = aanb.getByLabel('Toelichting bij deze stap (niet verplicht)');
    await stapToelichting.waitFor();
    expect(await aanb.locator('.volgende-stap').textContent()).toContain('Deze tekst ziet ook de woningcorporatie');
    await vastleggen(aanb, 'signalen-09-dossier-aanbieder');
    await stapToelichting.fill('Huisbezoek morgen om 10 uur.');
    await aanb.getByRole('button', { name: 'Oppakken' }).click();
    await aanb.getByText('Signaal opgepakt. De melder krijgt bericht; de oplostermijn loopt nu.').waitFor();
    expect(await stapToelichting.inputValue()).toBe('');
    // the corporatie hears of it: its badge after the next fetch (here a reload; otherwise within a minute)
    await corp.reload();
    await badgeKlopt(corp, 'corp', start.corp + 1);
    await aanb.getByRole('button', { name: 'In behandeling nemen' }).click();
    await aanb.getByText('Signaal in behandeling genomen.').waitFor();
    await aanb.getByRole('button', { name: 'Signaal opgelost' }).click();
    const bevestig = aanb.locator('dialog[open]');
    await bevestig.waitFor();
    expect(await bevestig.textContent()).toContain('Dit kunt u niet ongedaan maken');
    await vastleggen(aanb, 'signalen-10-bevestiging-opgelost');
    await bevestig.getByRole('button', { name: 'Signaal opgelost' }).click();
    await aanb.getByText('Signaal opgelost. De melder krijgt bericht.').waitFor();
    await aanb.locator('.signaal-kop', { hasText: 'Opgelost' }).waitFor();
    expect(await aanb.getByRole('button', { name: 'Signaal opgelost' }).count()).toBe(0);
    await vastleggen(aanb, 'signalen-11-opgelost');

    // --- the list: real status tabs with arrow keys; a new filter never shows the old rows ------------------------
    await naarMenu(aanb, 'Signalen');
    await aanb.locator('table tbody tr').first().waitFor();
    const alleTab = aanb.getByRole('tab', { name: /^Alle/ });
    expect(await alleTab.getAttribute('aria-selected')).toBe('true');
    await aanb.route('**/api/signalen?*status=gemeld*', async (route) => {
      await new Promise((r) => setTimeout(r, 700));
      await route.continue();
    });
    await alleTab.focus();
    await aanb.keyboard.press('ArrowRight');
    const gemeldTab = aanb.getByRole('tab', { name: /^Gemeld/ });
    expect(await gemeldTab.getAttribute('aria-selected')).toBe('true');
    expect(await aanb.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
    // while the gemeld page loads, no row of the previous tab is on screen
    expect(await aanb.locator('[role=tabpanel] table').count()).toBe(0);
    await aanb.locator('[role=tabpanel]').getByText('Laden…').waitFor();
    await aanb.locator('[role=tabpanel] table tbody tr').first().waitFor();
    await aanb.unroute('**/api/signalen?*status=gemeld*');
    const statussen = await aanb.locator('[role=tabpanel] tbody tr td:nth-child(2)').allTextContents();
    expect(statussen.length).toBeGreaterThan(0);
    expect(new Set(statussen)).toEqual(new Set(['Gemeld']));
    const gemeldApi = (await w.t.als(api.aanb, 'GET', '/api/signalen?status=gemeld&limiet=1')).json().totaal as number;
    expect(plat(await aanb.locator('.pager .totaal').textContent())).toContain(`van ${gemeldApi.toLocaleString('nl-NL')} signalen`);
    await vastleggen(aanb, 'signalen-12-tab-gemeld');
    // sortable columns: the header says how the list is sorted, the server sorts
    const termijn = aanb.getByRole('columnheader', { name: /Termijn/ });
    expect(await termijn.getAttribute('aria-sort')).toBe('ascending');
    await termijn.getByRole('button').click();
    await expect.poll(() => termijn.getAttribute('aria-sort')).toBe('descending');
    await aanb.locator('[role=tabpanel] table tbody tr').first().waitFor();
    const eersteAf = (await w.t.als(api.aanb, 'GET', '/api/signalen?status=gemeld&sorteer=deadline&richting=af&limiet=1')).json().signalen[0].samenvatting;
    expect(plat(await aanb.locator('[role=tabpanel] tbody tr').first().locator('td').nth(2).textContent())).toBe(plat(eersteAf));
    // "over de termijn" in words, not by colour alone
    await alleTab.click();
    await aanb.getByRole('tab', { name: /^Opgepakt/ }).click();
    await aanb.locator('[role=tabpanel] tbody tr', { hasText: 'over de termijn' }).first().waitFor();
    await vastleggen(aanb, 'signalen-13-over-de-termijn');

    // --- the second signal: picked up and resolved straight away ---------------------------------------------------
    await aanb.goto(`${w.basis}/signalen/${huurId}`);
    await aanb.getByRole('button', { name: 'Oppakken' }).click();
    await aanb.getByText('Signaal opgepakt.', { exact: false }).waitFor();
    await aanb.getByLabel('Toelichting bij deze stap (niet verplicht)').fill('Betalingsregeling met de bewoner afgesproken.');
    await aanb.getByRole('button', { name: 'Signaal opgelost' }).click();
    await aanb.locator('dialog[open]').getByRole('button', { name: 'Signaal opgelost' }).click();
    await aanb.getByText('Signaal opgelost. De melder krijgt bericht.').waitFor();

    // --- aanbieder: everything read at once -------------------------------------------------------------------------
    await naarMenu(aanb, 'Inbox');
    await badgeKlopt(aanb, 'aanb', start.aanb + 1);
    await aanb.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
    await aanb.getByTestId('melding').filter({ hasText: 'als gelezen gemarkeerd' }).waitFor();
    await badgeKlopt(aanb, 'aanb', 0);
    expect(await aanb.getByTestId('ongelezen').textContent()).toBe('Alles is gelezen.');
    await vastleggen(aanb, 'signalen-14-inbox-alles-gelezen');

    // --- corporatie: four notices (opgepakt, opgelost, twice); one read by hand, then all ---------------------------
    await naarMenu(corp, 'Inbox');
    await badgeKlopt(corp, 'corp', start.corp + 4);
    const opgelostRij = corp.locator('tbody tr', { hasText: 'Signaal opgelost: huurachterstand' }).first();
    expect(await opgelostRij.textContent()).toContain('Toelichting: Betalingsregeling met de bewoner afgesproken.');
    for (const naam of aanbiederNamen) expect(await corp.textContent('main')).not.toContain(naam);
    await vastleggen(corp, 'signalen-15-inbox-corporatie');
    await opgelostRij.getByRole('button', { name: /^Gelezen/ }).click();
    await badgeKlopt(corp, 'corp', start.corp + 3);
    await corp.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
    await badgeKlopt(corp, 'corp', 0);
    // the corporatie's view of the dossier: zorgaanbieder with the contact person, never the organisation's name
    await corp.goto(`${w.basis}/signalen/${overlastId}`);
    const zorg = corp.getByTestId('zorgaanbieder');
    await zorg.waitFor();
    expect(await zorg.textContent()).toMatch(/^Zorgaanbieder, contactpersoon \S+/);
    expect(await corp.textContent('main')).toContain('(zorgaanbieder)');
    expect(await corp.textContent('main')).toContain('Huisbezoek morgen om 10 uur.');
    for (const naam of aanbiederNamen) expect(await corp.textContent('main')).not.toContain(naam);
    await vastleggen(corp, 'signalen-16-dossier-corporatie');
    // on a phone the list fits the width; the table scrolls inside its own box
    await corp.setViewportSize(TELEFOON);
    await naarMenu(corp, 'Signalen');
    await corp.locator('table tbody tr').first().waitFor();
    await geenZijwaartsScrollen(corp, 'signalen op een telefoon');
    await vastleggen(corp, 'signalen-17-telefoon');
    await corp.setViewportSize(SCHERM);

    // --- the planner escalates what is overdue; the aanbieder reads it in plain Dutch and follows the link -----------
    const voorEscalatie = new Date(Date.now() - 1000);
    const { geescaleerd } = await escaleerTeLaat(db, new Date(Date.now() + 40 * 86_400_000));
    expect(geescaleerd).toBeGreaterThan(0);
    const escalaties = async (organisatieId: string) =>
      (
        (await db
          .select({ n: sql<number>`count(*)::int` })
          .from(s.meldingen)
          .where(and(eq(s.meldingen.organisatieId, organisatieId), like(s.meldingen.titel, 'Signaal geëscaleerd%'), gte(s.meldingen.aangemaakt, voorEscalatie)))) as [{ n: number }]
      )[0].n;
    const voorAanbieder = await escalaties(org['RIBW Rivierland']!.id);
    const voorCorporatie = await escalaties(org['Woonstede Rivierland']!.id);
    expect(voorAanbieder).toBeGreaterThan(0);
    // the aanbieder's inbox page is still open: the next fetch (here a reload) shows the escalations
    await aanb.reload();
    await aanb.locator('tbody tr').first().waitFor();
    await badgeKlopt(aanb, 'aanb', voorAanbieder);
    const escalatie = aanb.locator('tbody tr', { hasText: 'Signaal geëscaleerd' }).first();
    expect(await escalatie.textContent()).toMatch(/De (reactietermijn|oplostermijn) verliep op \d{2}-\d{2}-\d{4} \d{2}:\d{2} \(status was [a-z ]+\); de centrumgemeente handelt het signaal nu verder af\./);
    expect(await aanb.locator('main').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}|in_behandeling|geescaleerd/);
    await vastleggen(aanb, 'signalen-18-inbox-escalatie');
    await escalatie.getByRole('link').click();
    await aanb.waitForURL(/\/signalen\/[0-9a-f-]{36}$/);
    await aanb.locator('.signaal-kop', { hasText: 'Geëscaleerd' }).waitFor();
    expect(await aanb.getByRole('button', { name: 'Signaal opgelost' }).count()).toBe(0);
    await vastleggen(aanb, 'signalen-19-geescaleerd');
    await badgeKlopt(aanb, 'aanb', voorAanbieder - 1);

    // --- end state through the API ------------------------------------------------------------------------------------
    const overlast = (await w.t.als(api.corp, 'GET', `/api/signalen/${overlastId}`)).json();
    const huur = (await w.t.als(api.corp, 'GET', `/api/signalen/${huurId}`)).json();
    expect(overlast).toMatchObject({ status: 'opgelost', soort: 'overlast', details: { categorie: 'geluid' }, aanbieder: { id: null, naam: 'Zorgaanbieder' } });
    expect(overlast.stappen.map((x: { status: string }) => x.status)).toEqual(['gemeld', 'opgepakt', 'in_behandeling', 'opgelost']);
    expect(overlast.stappen[1].toelichting).toBe('Huisbezoek morgen om 10 uur.');
    expect(huur).toMatchObject({ status: 'opgelost', soort: 'huurachterstand', details: { bedragCenten: 125050, maanden: 3 } });
    expect(huur.stappen.map((x: { status: string }) => x.status)).toEqual(['gemeld', 'opgepakt', 'opgelost']);
    expect(await ongelezen('aanb')).toBe(voorAanbieder - 1);
    expect(await ongelezen('corp')).toBe(voorCorporatie);
  }, 420_000);
});
