import { describe, expect, it } from 'vitest';
import { and, eq, inArray, like, notInArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import * as s from '../../src/db/schema.js';
import { HUURCONSTRUCTIES, HUURCONSTRUCTIE_SOORTEN, scharnierLabel, voorwaardeLabel, type HuurconstructieSoort } from '../../src/domain/woningen.js';
import { PEILDATUM } from '../helpers.js';
import { beschikbaar, webOmgeving } from './browser.js';
import { geenZijwaartsScrollen, inloggen, naarMenu, SCHERM, TELEFOON, vastleggen } from './reis.js';

/**
 * The placement journey in Chromium: a matching round by the centrumgemeente, akkoord of the corporatie, akkoord
 * of aanbieder/cliënt and the sleuteloverdracht under each of the six huurconstructies, an afwijzing with its reason
 * and the next candidate, and the corporatie's pages. It ends with the resulting state checked through the API.
 */

const STRAAT = 'Aalscholverhof'; // sorts before every street of the demo region
const adressen: string[] = [];
/** the journey's i-th home; its gemeente is fixed when the home is made */
const adres = (i: number, gemeente?: string) => (gemeente ? (adressen[i] = `${STRAAT} ${i + 1}, ${gemeente}`) : adressen[i]!);
const AFWIJZEN = HUURCONSTRUCTIE_SOORTEN.length; // the seventh home: refused, then the next candidate
const REDEN = 'Woning ligt te dicht bij de vorige woonplek van de cliënt';
/** the coded reason of the corporatie's afwijzing (src/domain/matching/redenen.ts) */
const REDEN_CODE = 'corporatie_overlast_verleden';
const REDEN_LABEL = 'Overlast of ontruiming in het verleden';
const HERZIENING = 'Overlast is opgelost; corporatie en aanbieder maken een meldafspraak';
const PARKEREN_TOT = '15-01-2027';
const CONTACT = 'Sanne de Wit';
const AANBIEDERS = ['RIBW Rivierland', 'Leger des Heils Rivierland', 'Kompas Verslavingszorg', 'Jeugdhuis Perspectief'];
/** solver words that must never be in what people read */
const JARGON = /min-cost|doelfunctie|netwerk-simplex|Score \d|quotum/i;

const OMKLAP: Partial<Record<HuurconstructieSoort, string>> = { omklap: '2027-11-01', proefhuur: '2027-05-01' };

/** Every label a placement form can show for a construction-specific fact. */
const alleSpecifiekeLabels = () => [
  'Omklapdatum',
  'Einde proefperiode',
  'Hoofdhuurder (zorgaanbieder)',
  'Betrokken zorgaanbieder',
  'Contactpersoon voor de corporatie',
  ...new Set(HUURCONSTRUCTIE_SOORTEN.flatMap((h) => HUURCONSTRUCTIES[h].verplichteVoorwaarden.map(voorwaardeLabel))),
];
function verwachteLabels(h: HuurconstructieSoort): string[] {
  const r = HUURCONSTRUCTIES[h];
  return [
    ...(r.scharnier ? [scharnierLabel(r.scharnier.soort)] : []),
    ...(r.aanbiederVerplicht ? [r.huurder === 'aanbieder' ? 'Hoofdhuurder (zorgaanbieder)' : 'Betrokken zorgaanbieder', 'Contactpersoon voor de corporatie'] : []),
    ...r.verplichteVoorwaarden.map(voorwaardeLabel),
  ];
}

/** Waits for a state the server has to produce first: an afwijzing runs a one-home matching round, slow on a busy machine. */
const poll = <T>(f: () => T | Promise<T>) => expect.poll(f, { timeout: 30_000, interval: 200 });
const melding = (page: Page) => page.getByTestId('melding');
async function bevestig(page: Page, knop: string) {
  const dialoog = page.getByRole('dialog');
  await dialoog.waitFor();
  await dialoog.getByRole('button', { name: knop, exact: true }).click();
  await dialoog.waitFor({ state: 'hidden' });
}
/** the row's action button; its accessible name ends in the address */
const rijKnop = (page: Page, i: number) => page.getByRole('button', { name: new RegExp(`${adres(i).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
async function kiesStatus(page: Page, label: string) {
  await page.getByLabel('Status', { exact: true }).selectOption({ label });
  // sort on the address: the journey's homes first
  const kop = page.locator('th', { has: page.getByRole('button', { name: /^Woning/ }) });
  await kop.waitFor();
  if ((await kop.getAttribute('aria-sort')) !== 'ascending') await kop.getByRole('button').click();
  await poll(() => kop.getAttribute('aria-sort')).toBe('ascending');
}
/** the error message wired to a field through aria-describedby */
async function foutBij(page: Page, label: string) {
  const veld = page.getByLabel(label, { exact: true });
  await poll(() => veld.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await veld.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id.endsWith('-fout'));
  return page.locator(`[id="${ids[0]}"]`).textContent();
}

describe.skipIf(!beschikbaar)('reis: van matchingronde tot sleuteloverdracht', () => {
  const w = webOmgeving();

  it('ronde, akkoorden, zes huurconstructies, afwijzing met volgende kandidaat, en de pagina’s van de corporatie', { timeout: 480_000 }, async () => {
    const org = (naam: string) => w.t.regios.rivierland.organisaties[naam]!.id;
    // ---- what the demo data lacks: seven free homes of one corporatie that the round will surely propose. Each home
    // lies in a gemeente where a waiting candidate wants to live and the corporatie has an agreement, in its own
    // complex and wijk; the seventh in Centrumstad, where a second candidate waits for the afwijzing. Set up through
    // the API by accounts the browser does not use; the region's other free homes sit out this one round.
    const corpBeheer = await w.t.sessie('beheer@woonstede-rivierland.demo');
    const gemeente = await w.t.sessie('consulent@centrumstad.demo');
    const afspraken2026 = (await w.t.als(gemeente, 'GET', `/api/afspraken?jaar=2026&corporatieId=${org('Woonstede Rivierland')}`)).json() as { id: string; gemeenteId: string; aantal: number }[];
    const metAfspraak = new Set(afspraken2026.map((a) => a.gemeenteId));
    const kandidaten = (await w.t.als(corpBeheer, 'GET', '/api/kandidaten?limiet=500')).json().kandidaten as { pseudoniem: string; herkomstgemeenteId: string; woonwensen: { gemeenten: string[] } }[];
    const wensen = (k: (typeof kandidaten)[number]) => [...new Set([...k.woonwensen.gemeenten, k.herkomstgemeenteId])].filter((g) => metAfspraak.has(g));
    const centrum = org('Centrumstad');
    // six candidates who do not want Centrumstad take the first six homes; two who want only Centrumstad among these
    // gemeenten wait for the seventh, so a next candidate is left for the afwijzing whatever the engine chooses
    const overig = kandidaten.filter((k) => !wensen(k).includes(centrum) && wensen(k).length > 0).slice(0, AFWIJZEN);
    expect(overig, 'zes kandidaten met een passende gemeente buiten Centrumstad').toHaveLength(AFWIJZEN);
    const elders = new Set(overig.map((k) => wensen(k)[0]!));
    const voorCentrum = kandidaten.filter((k) => wensen(k).includes(centrum) && !wensen(k).some((g) => elders.has(g))).slice(0, 2);
    expect(voorCentrum, 'twee kandidaten die in Centrumstad willen wonen').toHaveLength(2);
    const gemeenteVan = [...overig.map((k) => wensen(k)[0]!), centrum];
    const naamVan = (id: string) => Object.entries(w.t.regios.rivierland.organisaties).find(([, o]) => o.id === id)![0];
    const woningIds: string[] = [];
    for (let i = 0; i <= AFWIJZEN; i++) {
      const res = await w.t.als(corpBeheer, 'POST', '/api/woningen', {
        gemeenteId: gemeenteVan[i],
        adres: adres(i, naamVan(gemeenteVan[i]!)),
        wijk: `Aalscholverwijk ${i + 1}`,
        complex: `Aalscholverhof blok ${i + 1}`,
        type: 'zelfstandig',
        kamers: 4,
        huurCenten: 61250,
        toegankelijk: true,
        beschikbaarPer: PEILDATUM,
      });
      expect(res.statusCode, res.body).toBe(201);
      woningIds.push(res.json().id);
    }
    for (const a of afspraken2026.filter((a) => gemeenteVan.includes(a.gemeenteId))) {
      expect((await w.t.als(gemeente, 'PATCH', `/api/afspraken/${a.id}`, { aantal: a.aantal + 20 })).statusCode).toBe(200);
    }
    const db = w.t.database.db;
    const anderVrij = await db
      .update(s.woningen)
      .set({ status: 'toegewezen' })
      .where(and(eq(s.woningen.regioId, w.t.regios.rivierland.regioId), eq(s.woningen.status, 'beschikbaar'), notInArray(s.woningen.id, woningIds)))
      .returning({ id: s.woningen.id });

    // ---- 1. beheerder of the centrumgemeente: dry run (plain Dutch, the figures behind a toggle), then the round
    const { page: beheer } = await inloggen(w.browser, w.basis, 'beheer@centrumstad.demo');
    await naarMenu(beheer, 'Matching');
    await beheer.getByRole('button', { name: 'Proefdraai' }).click();
    const proef = beheer.getByTestId('proefdraai');
    await proef.locator('tbody tr').first().waitFor();
    const uitleg = proef.locator('details.toelichting').first();
    await uitleg.locator('summary').first().click();
    const zichtbaar = await uitleg.evaluate((d) => [...d.querySelectorAll(':scope > ul li')].map((li) => li.textContent).join(' '));
    expect(zichtbaar).toMatch(/Wacht .* op een woning/);
    expect(zichtbaar).toMatch(/Ligt in /);
    expect(zichtbaar).toMatch(/reserveringsafspraak/);
    expect(zichtbaar).not.toMatch(JARGON);
    // the solver's figures: a real disclosure, closed until opened
    const details = uitleg.locator('details.berekening');
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await details.locator('summary').click();
    await poll(() => details.textContent()).toMatch(/Score \d/);
    await vastleggen(beheer, 'plaatsing-01-proefdraai-beheerder');
    await beheer.getByRole('button', { name: 'Ronde vastleggen' }).click();
    await beheer.getByRole('dialog').waitFor();
    await vastleggen(beheer, 'plaatsing-02-ronde-bevestigen');
    await bevestig(beheer, 'Ronde vastleggen');
    await poll(() => melding(beheer).textContent()).toMatch(/Ronde vastgelegd: \d+ voorstellen/);
    await vastleggen(beheer, 'plaatsing-03-ronde-vastgelegd');

    const voorstellen = await db.select().from(s.matchVoorstellen).where(inArray(s.matchVoorstellen.woningId, woningIds));
    expect(voorstellen.length, 'de ronde stelt voor elk van de zeven woningen een kandidaat voor').toBe(woningIds.length);
    if (anderVrij.length) await db.update(s.woningen).set({ status: 'beschikbaar' }).where(inArray(s.woningen.id, anderVrij.map((x) => x.id)));

    // ---- 2. corporatie consulent: akkoord on six, afwijzing (reason required) on the seventh
    const { page: corp } = await inloggen(w.browser, w.basis, 'consulent@woonstede-rivierland.demo');
    await naarMenu(corp, 'Matching');
    await kiesStatus(corp, 'Wacht op de corporatie');
    // every open proposal shows its term in words
    await poll(() => corp.locator('tbody tr', { hasText: adres(0) }).textContent()).toMatch(/reageren vóór \d\d-\d\d-\d{4}/);
    await vastleggen(corp, 'plaatsing-04-corporatie-voorstellen');
    const corpTekst = (await corp.locator('main').textContent()) ?? '';
    for (const a of AANBIEDERS) expect(corpTekst).not.toContain(a);
    // the corporatie reads the explanation, not the solver's figures
    expect(await corp.locator('details.berekening').count()).toBe(0);
    for (let i = 0; i < AFWIJZEN; i++) {
      await rijKnop(corp, i).click();
      await corp.getByTestId('behandel').getByRole('button', { name: 'Akkoord geven' }).click();
      if (i === 0) {
        await corp.getByRole('dialog').waitFor();
        await vastleggen(corp, 'plaatsing-05-akkoord-bevestigen');
      }
      await bevestig(corp, 'Akkoord geven');
      await poll(() => melding(corp).textContent()).toMatch(new RegExp(`^Akkoord vastgelegd voor C-\\S+ in ${adres(i)}\\.$`));
    }
    await vastleggen(corp, 'plaatsing-06-akkoorden-corporatie');
    await rijKnop(corp, AFWIJZEN).click();
    const paneel = corp.getByTestId('behandel');
    await paneel.getByRole('button', { name: 'Afwijzen' }).click();
    expect(await foutBij(corp, 'Reden van afwijzing')).toContain('Kies de reden');
    await vastleggen(corp, 'plaatsing-07-afwijzing-zonder-reden');
    // the corporatie chooses from its own list only: no reason of the cliënt or the aanbieder is offered
    const opties = await corp.getByLabel('Reden van afwijzing').locator('option').allTextContents();
    expect(opties).toContain(REDEN_LABEL);
    expect(opties).not.toContain('Cliënt niet bereikbaar');
    expect(opties).not.toContain('Begeleiding niet rond');
    await corp.getByLabel('Reden van afwijzing').selectOption({ label: REDEN_LABEL });
    await corp.getByLabel('Toelichting').fill(REDEN);
    await paneel.getByRole('button', { name: 'Afwijzen' }).click();
    await bevestig(corp, 'Afwijzen');
    await poll(async () => `${await melding(corp).textContent()} | ${await paneel.count() ? await paneel.textContent() : ''}`).toMatch(new RegExp(`Volgende kandidaat voorgesteld voor ${adres(AFWIJZEN)}: C-`));
    const volgendePseudoniem = /: (C-[^.\s]+)\.$/.exec((await melding(corp).textContent())!)![1]!;
    // the next candidate is there in the list, marked as such
    const nieuweRij = corp.locator('tbody tr', { hasText: adres(AFWIJZEN) });
    await poll(() => nieuweRij.textContent()).toContain(volgendePseudoniem);
    expect(await nieuweRij.textContent()).toContain('volgende kandidaat');
    await vastleggen(corp, 'plaatsing-08-volgende-kandidaat');

    // ---- 3. toegang of the centrumgemeente: akkoord for aanbieder/cliënt, then the sleuteloverdracht per construction
    const { page: toegang } = await inloggen(w.browser, w.basis, 'toegang@centrumstad.demo');
    await naarMenu(toegang, 'Matching');
    await kiesStatus(toegang, 'Wacht op aanbieder/cliënt');
    expect(await toegang.locator('details.berekening').count(), 'alleen beheerders zien de berekening').toBe(0);
    for (let i = 0; i < AFWIJZEN; i++) {
      await rijKnop(toegang, i).click();
      await toegang.getByTestId('behandel').getByRole('button', { name: 'Akkoord geven' }).click();
      await bevestig(toegang, 'Akkoord geven');
      await poll(() => melding(toegang).textContent()).toContain(adres(i));
    }
    await kiesStatus(toegang, 'Klaar voor sleuteloverdracht');
    await vastleggen(toegang, 'plaatsing-09-klaar-voor-sleuteloverdracht');
    for (const [i, h] of HUURCONSTRUCTIE_SOORTEN.entries()) {
      await rijKnop(toegang, i).click();
      const form = toegang.getByTestId('behandel');
      await form.getByLabel('Huurconstructie').selectOption(h);
      // the form asks exactly what this construction requires, nothing else
      for (const label of alleSpecifiekeLabels()) {
        expect(await form.getByLabel(label, { exact: true }).count(), `${h}: veld "${label}"`).toBe(verwachteLabels(h).includes(label) ? 1 : 0);
      }
      await form.getByLabel('Startdatum (sleuteloverdracht)').fill(PEILDATUM);
      const r = HUURCONSTRUCTIES[h];
      if (h === 'omklap') {
        // first without the conditions: each refusal of the server shows at its own field
        if (r.aanbiederVerplicht) await form.getByLabel('Hoofdhuurder (zorgaanbieder)').selectOption({ label: 'Kies een zorgaanbieder' });
        await form.getByRole('button', { name: 'Sleuteloverdracht vastleggen' }).click();
        await bevestig(toegang, 'Sleuteloverdracht vastleggen');
        expect(await foutBij(toegang, 'Omklapdatum')).toMatch(/omklapdatum/);
        expect(await foutBij(toegang, 'Hoofdhuurder (zorgaanbieder)')).toMatch(/aanbieder/);
        for (const v of r.verplichteVoorwaarden) expect(await foutBij(toegang, voorwaardeLabel(v))).toContain(voorwaardeLabel(v));
        await vastleggen(toegang, 'plaatsing-10-omklap-fouten-bij-het-veld');
      }
      if (r.scharnier) await form.getByLabel(scharnierLabel(r.scharnier.soort), { exact: true }).fill(OMKLAP[h]!);
      if (r.aanbiederVerplicht) {
        await form.getByLabel(r.huurder === 'aanbieder' ? 'Hoofdhuurder (zorgaanbieder)' : 'Betrokken zorgaanbieder').selectOption({ label: 'Kompas Verslavingszorg' });
        await form.getByLabel('Contactpersoon voor de corporatie').fill(CONTACT);
        await form.getByLabel('Telefoon contactpersoon').fill('06-12345678');
      }
      for (const v of r.verplichteVoorwaarden) await form.getByLabel(voorwaardeLabel(v), { exact: true }).fill(`${voorwaardeLabel(v)}: afgesproken bij ${h}`);
      await vastleggen(toegang, `plaatsing-11-sleuteloverdracht-${h}`);
      await form.getByRole('button', { name: 'Sleuteloverdracht vastleggen' }).click();
      await bevestig(toegang, 'Sleuteloverdracht vastleggen');
      await poll(() => melding(toegang).textContent()).toContain(`woont in ${adres(i)} (${HUURCONSTRUCTIES[h].label})`);
    }
    await vastleggen(toegang, 'plaatsing-12-alle-sleutels-overgedragen');
    await toegang.setViewportSize(TELEFOON);
    await geenZijwaartsScrollen(toegang, 'matching op een telefoon');
    await vastleggen(toegang, 'plaatsing-13-matching-telefoon');

    // ---- 3b. the Housing First placement needs a begeleidingsafspraak: the dossier says it is missing; record it
    const hf = HUURCONSTRUCTIE_SOORTEN.indexOf('housing_first');
    const [hfPlaatsing] = await w.t.database.db.select().from(s.plaatsingen).where(eq(s.plaatsingen.woningId, woningIds[hf]!));
    await toegang.setViewportSize(SCHERM);
    await toegang.goto(`${w.basis}/clienten/${hfPlaatsing!.clientId}`);
    const kaart = toegang.getByRole('group', { name: new RegExp(`^${adres(hf)}`) });
    await poll(() => kaart.getByRole('alert').or(kaart.locator('.utrecht-alert')).first().textContent()).toContain('Housing First vereist een begeleidingsafspraak');
    await kaart.scrollIntoViewIfNeeded();
    await vastleggen(toegang, 'plaatsing-13b-begeleiding-ontbreekt');
    await kaart.getByRole('button', { name: /^Begeleiding vastleggen bij/ }).click();
    await kaart.getByLabel('Zorgaanbieder', { exact: true }).selectOption({ label: 'Kompas Verslavingszorg' });
    await kaart.getByLabel('Uren per week').fill('4,5');
    await kaart.getByLabel('Begeleiding tot en met').fill('31-10-2027');
    await kaart.getByLabel('Contactpersoon', { exact: true }).fill(CONTACT);
    await kaart.getByLabel('Telefoon contactpersoon').fill('06-12345678');
    await kaart.getByLabel('Evaluatiedatum 1').fill('01-05-2027');
    await kaart.getByRole('button', { name: 'Doel toevoegen bij Financiën en schulden' }).click();
    await kaart.getByLabel('Doel 1 bij Financiën en schulden', { exact: true }).fill('Budgetbeheer afbouwen naar eigen beheer');
    await kaart.getByLabel('Status doel 1 bij Financiën en schulden').selectOption({ label: 'Loopt' });
    await vastleggen(toegang, 'plaatsing-13c-begeleiding-ingevuld');
    await kaart.getByRole('button', { name: 'Begeleiding vastleggen', exact: true }).click();
    await bevestig(toegang, 'Vastleggen');
    await poll(() => melding(toegang).textContent()).toContain(`Begeleiding bij ${adres(hf)} vastgelegd`);
    await poll(() => kaart.textContent()).toContain('4,5 uur per week');
    expect(await kaart.textContent()).not.toContain('Wat ontbreekt');
    await vastleggen(toegang, 'plaatsing-13d-begeleiding-vastgelegd');

    // ---- 4. the corporatie's Woningen page: real tabs, paged and sortable lists, privacy, explicit status change
    await naarMenu(corp, 'Woningen');
    const tabs = corp.getByRole('tablist', { name: 'Onderdelen' });
    await corp.locator('tbody tr').first().waitFor();
    await vastleggen(corp, 'plaatsing-14-corporatie-woningen');
    await tabs.getByRole('tab', { name: 'Woningen' }).focus();
    await corp.keyboard.press('ArrowRight');
    await poll(() => tabs.getByRole('tab', { name: 'Plaatsingen' }).getAttribute('aria-selected')).toBe('true');
    await poll(() => corp.evaluate(() => document.activeElement?.textContent)).toBe('Plaatsingen');
    await corp.getByRole('button', { name: /^Adres/ }).click();
    await corp.locator('[aria-sort=ascending]').waitFor();
    const plaatsingRijen = corp.locator('tbody tr', { hasText: STRAAT });
    await poll(() => plaatsingRijen.count()).toBe(HUURCONSTRUCTIE_SOORTEN.length);
    const plaatsingTekst = (await corp.locator('main').textContent()) ?? '';
    expect(plaatsingTekst).toContain(`Zorgaanbieder, contact: ${CONTACT}`);
    for (const a of AANBIEDERS) expect(plaatsingTekst).not.toContain(a);
    // the begeleiding reaches the corporatie as one line: until when, and whom to call; never hours or plan
    await poll(async () => (await corp.locator('main').textContent()) ?? '').toContain(`Begeleiding geregeld tot 31 oktober 2027, contact ${CONTACT}, 06-12345678`);
    expect((await corp.locator('main').textContent()) ?? '').not.toMatch(/Budgetbeheer|uur per week/);
    await vastleggen(corp, 'plaatsing-15-corporatie-plaatsingen');
    await tabs.getByRole('tab', { name: 'Kandidaten' }).click();
    await corp.locator('tbody tr').first().waitFor();
    await vastleggen(corp, 'plaatsing-16-corporatie-kandidaten');
    await tabs.getByRole('tab', { name: 'Reserveringsafspraken' }).click();
    await corp.locator('tbody tr').first().waitFor();
    const afspraken = (await w.t.als(await w.t.sessie('lezer@woonstede-rivierland.demo'), 'GET', '/api/afspraken?jaar=2026')).json() as { onderdrukt: boolean }[];
    if (afspraken.some((a) => a.onderdrukt)) expect(await corp.locator('main').textContent()).toContain('<5 van');
    await vastleggen(corp, 'plaatsing-17-corporatie-afspraken');
    await tabs.getByRole('tab', { name: 'Woningen' }).click();
    const eerste = corp.getByRole('button', { name: /^Status wijzigen van / }).first();
    await eerste.waitFor();
    const statusAdres = ((await eerste.textContent()) ?? '').replace('Status wijzigen van ', '');
    await eerste.click();
    const keuze = corp.getByLabel(`Nieuwe status van ${statusAdres}`);
    const nieuweStatus = (await keuze.locator('option').first().textContent())!;
    // choosing alone changes nothing: saving is a separate, confirmed step
    const [voor] = await w.t.database.db.select().from(s.woningen).where(eq(s.woningen.adres, statusAdres));
    await keuze.selectOption({ label: nieuweStatus });
    await corp.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await corp.getByRole('dialog').waitFor();
    expect((await w.t.database.db.select().from(s.woningen).where(eq(s.woningen.id, voor!.id)))[0]!.status).toBe(voor!.status);
    await vastleggen(corp, 'plaatsing-18-status-bevestigen');
    await bevestig(corp, 'Status opslaan');
    await poll(() => melding(corp).textContent()).toBe(`Status van ${statusAdres} is nu ${nieuweStatus}.`);
    await vastleggen(corp, 'plaatsing-19-status-opgeslagen');
    await corp.setViewportSize(TELEFOON);
    await geenZijwaartsScrollen(corp, 'woningen van de corporatie op een telefoon');

    // ---- 4b. the centrumgemeente overrides the afwijzing: the proposal returns to the corporatie, the next candidate's is withdrawn
    // the beheerder's page is still on Matching since the round: open it afresh
    await beheer.goto(`${w.basis}/matching`);
    await beheer.getByRole('heading', { level: 1, name: 'Matching' }).waitFor();
    await kiesStatus(beheer, 'Afgewezen');
    const afgewezenRij = beheer.locator('tbody tr', { hasText: adres(AFWIJZEN) });
    await poll(() => afgewezenRij.textContent()).toContain(`Reden (corporatie): ${REDEN_LABEL} — ${REDEN}`);
    await rijKnop(beheer, AFWIJZEN).click();
    const herzienPaneel = beheer.getByTestId('behandel');
    await herzienPaneel.getByRole('button', { name: 'Afwijzing herzien' }).click();
    expect(await foutBij(beheer, 'Reden van herziening')).toContain('Geef de reden');
    await beheer.getByLabel('Reden van herziening').fill(HERZIENING);
    await herzienPaneel.getByRole('button', { name: 'Afwijzing herzien' }).click();
    await beheer.getByRole('dialog').waitFor();
    await vastleggen(beheer, 'plaatsing-20-afwijzing-herzien-bevestigen');
    await bevestig(beheer, 'Afwijzing herzien');
    await poll(() => melding(beheer).textContent()).toMatch(new RegExp(`^Afwijzing herzien: C-\\S+ in ${adres(AFWIJZEN)} staat weer op "Wacht op de corporatie"\\. Het voorstel voor de volgende kandidaat is ingetrokken\\.$`));
    await vastleggen(beheer, 'plaatsing-21-afwijzing-herzien');

    // ---- 4c. parking a waiting client from the dossier; the Matching page lists it, the next round leaves it out
    const open = await db.select({ clientId: s.matchVoorstellen.clientId }).from(s.matchVoorstellen).where(inArray(s.matchVoorstellen.status, ['voorstel', 'akkoord_corporatie', 'akkoord_aanbieder']));
    const [wachtend] = await db
      .select({ id: s.clientStand.clientId, pseudoniem: s.clientStand.pseudoniem })
      .from(s.clientStand)
      .where(and(eq(s.clientStand.regioId, w.t.regios.rivierland.regioId), eq(s.clientStand.fase, 'uitstroomklaar'), notInArray(s.clientStand.clientId, [...open.map((o) => o.clientId), ...(await db.select({ id: s.clientParkeringen.clientId }).from(s.clientParkeringen)).map((x) => x.id)])))
      .orderBy(s.clientStand.pseudoniem)
      .limit(1);
    await beheer.goto(`${w.basis}/clienten/${wachtend!.id}`);
    const parkeerForm = beheer.locator('form', { has: beheer.getByRole('heading', { name: 'Cliënt parkeren' }) });
    await parkeerForm.waitFor();
    await parkeerForm.getByRole('button', { name: 'Parkeren' }).click();
    expect(await foutBij(beheer, 'Reden van parkeren')).toContain('Kies de reden');
    await beheer.getByLabel('Reden van parkeren').selectOption({ label: 'Eerst begeleiding na uitstroom rond maken' });
    await parkeerForm.getByLabel('Einddatum', { exact: true }).fill(PARKEREN_TOT);
    await parkeerForm.getByRole('button', { name: 'Parkeren' }).click();
    await beheer.getByRole('dialog').waitFor();
    await vastleggen(beheer, 'plaatsing-22-parkeren-bevestigen');
    await bevestig(beheer, 'Parkeren');
    await poll(() => melding(beheer).textContent()).toBe(`${wachtend!.pseudoniem} is geparkeerd tot 15-1-2027.`);
    await poll(() => beheer.getByRole('region', { name: 'Parkeren', exact: true }).textContent()).toContain('geparkeerd');
    await vastleggen(beheer, 'plaatsing-23-geparkeerd-op-dossier');
    await naarMenu(beheer, 'Matching');
    await poll(() => beheer.getByRole('region', { name: 'Geparkeerde cliënten', exact: true }).first().textContent()).toContain(wachtend!.pseudoniem);

    // ---- 4d. the placement dashboard: the centrumgemeente sees every corporatie, the corporatie only itself
    await naarMenu(beheer, 'Plaatsingsdashboard');
    const afwijzingTabel = beheer.locator('table', { has: beheer.getByText('Afwijzingen per partij en reden') });
    await poll(() => afwijzingTabel.textContent()).toContain(REDEN_LABEL);
    await beheer.getByLabel('Per', { exact: true }).selectOption({ label: 'Corporatie' });
    await poll(() => beheer.locator('table', { has: beheer.getByText('Voorstellen per corporatie') }).textContent()).toContain('Woonstede Rivierland');
    await beheer.locator('figure.grafiek svg').first().waitFor();
    await vastleggen(beheer, 'plaatsing-24-dashboard-centrumgemeente');
    await naarMenu(corp, 'Plaatsingsdashboard');
    await corp.locator('table', { has: corp.getByText('Voorstellen per corporatie') }).waitFor();
    const corpDashboard = (await corp.locator('main').textContent()) ?? '';
    const andereCorporaties = Object.entries(w.t.regios.rivierland.organisaties).filter(([naam, o]) => o.soort === 'woningcorporatie' && naam !== 'Woonstede Rivierland').map(([naam]) => naam);
    expect(andereCorporaties.length).toBeGreaterThan(0);
    for (const naam of andereCorporaties) expect(corpDashboard).not.toContain(naam);
    const vandaag = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
    const corpCijfers = (await w.t.als(await w.t.sessie('lezer@woonstede-rivierland.demo'), 'GET', `/api/matching/dashboard?van=${Number(vandaag.slice(0, 4)) - 1}${vandaag.slice(4)}&tot=${vandaag}&per=corporatie`)).json();
    if (JSON.stringify(corpCijfers.overzicht).includes('null')) expect(corpDashboard).toContain('<5');
    await vastleggen(corp, 'plaatsing-25-dashboard-corporatie');

    // ---- 5. the resulting state, through the API
    const lijst = (await w.t.als(gemeente, 'GET', '/api/plaatsingen?sorteer=adres&richting=op&limiet=50')).json().plaatsingen as {
      woningId: string;
      huurconstructie: string;
      startdatum: string;
      omklapdatum: string | null;
      aanbiederId: string | null;
      voorwaarden: Record<string, string> | null;
      contactpersoon: string | null;
    }[];
    for (const [i, h] of HUURCONSTRUCTIE_SOORTEN.entries()) {
      const p = lijst.find((x) => x.woningId === woningIds[i]);
      expect(p, `plaatsing in ${adres(i)}`).toBeDefined();
      const r = HUURCONSTRUCTIES[h];
      expect(p).toMatchObject({ huurconstructie: h, startdatum: PEILDATUM, omklapdatum: OMKLAP[h] ?? null, aanbiederId: r.aanbiederVerplicht ? org('Kompas Verslavingszorg') : null });
      expect(p!.contactpersoon).toBe(r.aanbiederVerplicht ? CONTACT : null);
      for (const v of r.verplichteVoorwaarden) expect(p!.voorwaarden?.[v]).toBe(`${voorwaardeLabel(v)}: afgesproken bij ${h}`);
    }
    const corpLijst = (await w.t.als(await w.t.sessie('lezer@woonstede-rivierland.demo'), 'GET', `/api/plaatsingen?woningId=${woningIds[2]}`)).json().plaatsingen;
    expect(corpLijst[0]).toMatchObject({ aanbieder: 'Zorgaanbieder', contactpersoon: CONTACT });
    expect(corpLijst[0]).not.toHaveProperty('aanbiederId');
    const opWoning = await w.t.database.db.select().from(s.matchVoorstellen).where(eq(s.matchVoorstellen.woningId, woningIds[AFWIJZEN]!));
    // the declined proposal is open again after the override; its decline stays in the history with code and text
    const herzien = opWoning.find((v) => v.status === 'voorstel')!;
    expect(herzien).toMatchObject({ afwijzingCode: null, versie: 3 });
    const stappen = await w.t.database.db.select().from(s.voorstelStappen).where(eq(s.voorstelStappen.voorstelId, herzien.id)).orderBy(s.voorstelStappen.versie);
    expect(stappen.map((x) => [x.gebeurtenis, x.vanStatus, x.naarStatus])).toEqual([
      ['aangemaakt', null, 'voorstel'],
      ['afwijzing', 'voorstel', 'afgewezen'],
      ['overrulen', 'afgewezen', 'voorstel'],
    ]);
    expect(stappen[1]).toMatchObject({ partij: 'corporatie', redenCode: REDEN_CODE, toelichting: REDEN });
    expect(stappen[2]).toMatchObject({ toelichting: HERZIENING });
    const ingetrokken = opWoning.find((v) => v.status === 'ingetrokken')!;
    expect(ingetrokken.clientId).not.toBe(herzien.clientId);
    const volgende = (await w.t.als(gemeente, 'GET', '/api/matching/voorstellen?status=ingetrokken')).json().find((v: { woningId: string }) => v.woningId === woningIds[AFWIJZEN]);
    expect(volgende).toMatchObject({ pseudoniem: volgendePseudoniem, volgendNaAfwijzing: true });
    const parkeringen = (await w.t.als(gemeente, 'GET', `/api/clienten/${wachtend!.id}/parkeringen`)).json();
    expect(parkeringen[0]).toMatchObject({ actief: true, tot: '2027-01-15', redenCode: 'begeleiding_eerst' });
    const begeleiding = (await w.t.als(gemeente, 'GET', `/api/plaatsingen/${hfPlaatsing!.id}/begeleiding`)).json();
    expect(begeleiding).toMatchObject({ ontbreekt: [], begeleiding: { urenPerWeek: 4.5, tot: '2027-10-31', contactpersoon: CONTACT, evaluaties: [{ datum: '2027-05-01', gehoudenOp: null }], plan: [{ domein: 'financien', doelen: [{ omschrijving: 'Budgetbeheer afbouwen naar eigen beheer', status: 'bezig' }] }] } });
    const bewoond = await w.t.database.db.select().from(s.woningen).where(and(like(s.woningen.adres, `${STRAAT}%`), eq(s.woningen.status, 'bewoond')));
    expect(bewoond).toHaveLength(HUURCONSTRUCTIE_SOORTEN.length);
  });
});
