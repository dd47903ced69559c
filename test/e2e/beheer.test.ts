import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { DEMO_TOTP_GEHEIM, DEMO_WACHTWOORD } from '../../src/db/seed.js';
import { totpCode } from '../../src/domain/mfa.js';
import * as s from '../../src/db/schema.js';
import { A4_INHOUD_PX, pdfTekst, telAfdrukken, uitstekendOpA4 } from './afdrukken.js';
import { beschikbaar, webOmgeving } from './browser.js';
import { naarMenu, SCHERM, vastleggen } from './reis.js';

const BEHEER = 'beheer@centrumstad.demo';
const zonderWit = (t: string) => t.replace(/[\s*∗]+/g, '').replace(/[▲▼↕]/g, '');

describe.skipIf(!beschikbaar)('beheerder: inloggen, monitor, rapport, verdeelmodel en auditlog in Chromium', () => {
  const w = webOmgeving();

  it('de beheerder doorloopt inloggen, monitor, CSV, het afdrukbare rapport, een wat-als-berekening en het auditlog', async () => {
    const context = await w.browser.newContext({ viewport: SCHERM, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', acceptDownloads: true });
    const page = await context.newPage();

    // --- inloggen: één h1 in main, gelabelde velden, fouten bij het veld, paginatitel
    await page.goto(w.basis);
    await page.getByRole('heading', { level: 1, name: 'Inloggen bij Doorstroom' }).waitFor();
    expect(await page.title()).toBe('Inloggen · Doorstroom');
    expect(await page.locator('main h1').count()).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const email = page.getByLabel('E-mailadres');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.utrecht-form-field', { has: email }).innerText()).toContain('Vul uw e-mailadres in.');
    await vastleggen(page, 'beheer-login-leeg');
    await email.fill(BEHEER);
    await page.getByLabel('Wachtwoord').fill('verkeerd-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Onjuist e-mailadres of wachtwoord' }).waitFor();
    // the alert is tied to both fields, so a screen reader hears it at the field
    expect(await page.getByLabel('Wachtwoord').getAttribute('aria-describedby')).toContain('login-fout');
    await vastleggen(page, 'beheer-login-fout');
    await page.getByLabel('Wachtwoord').fill(DEMO_WACHTWOORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();

    // --- tweede stap
    await page.getByRole('heading', { level: 1, name: 'Tweestapsverificatie' }).waitFor();
    expect(await page.locator('main h1').count()).toBe(1);
    const code = page.getByLabel('Code', { exact: true });
    await code.fill('000000');
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Code klopt niet' }).waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.utrecht-form-field', { has: code }).innerText()).toContain('Code klopt niet');
    await vastleggen(page, 'beheer-mfa-fout');
    await code.fill(totpCode(DEMO_TOTP_GEHEIM, new Date()));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.locator('[data-testid=organisatie]').waitFor();
    // no white strip above the blue header
    expect(await page.locator('.utrecht-page-header').evaluate((h) => h.getBoundingClientRect().top)).toBe(0);

    // --- monitor: legenda's met Nederlandse namen, percentages en getallen op z'n Nederlands
    await naarMenu(page, 'Monitor');
    await page.locator('.grafiek svg').first().waitFor();
    await expect.poll(() => page.locator('.grafiek').count(), { timeout: 15_000 }).toBe(5);
    expect(await page.title()).toBe('Monitor Regio Rivierland · Doorstroom');
    const legendas = await page.locator('.legenda li').allInnerTexts();
    expect(legendas).toEqual(expect.arrayContaining(['Instroom', 'Doorstroom', 'Uitstroom', 'Terugval', 'Wacht op woning', 'Instroom mediaan', 'Terugkeer', 'Gereserveerd']));
    expect(legendas.filter((l) => /^[a-z]/.test(l) || /_/.test(l))).toEqual([]);
    const terugkeer = page.getByRole('region', { name: 'Terugkeer binnen 12 maanden na uitstroom' });
    const percentages = await terugkeer.locator('tbody td:nth-child(4)').allInnerTexts();
    expect(percentages.length).toBeGreaterThan(0);
    for (const p of percentages) expect(p).toMatch(/^(\d{1,3}(,\d)?%|—)$/);
    expect(percentages.some((p) => p.includes('%'))).toBe(true);
    const getallen = await page.locator('main td.utrecht-table__cell--numeric-data').allInnerTexts();
    // Dutch notation: a decimal comma, dots only between groups of three
    for (const g of getallen) expect(g).toMatch(/^(-?\d{1,3}(\.\d{3})*(,\d+)?%?|—|<\d)$/);
    await vastleggen(page, 'beheer-monitor');

    // --- CSV van de stromen, als download; de export staat in het auditlog
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV van In-, door- en uitstroom' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toContain('Periode vanaf;Periode tot en met;instroom');
    expect(csv.split('\r\n').filter(Boolean).length).toBeGreaterThan(2);

    // --- het afdrukbare rapport: afdrukken wordt eerst vastgelegd, dan de PDF van de printweergave
    const afgedrukt = await telAfdrukken(page);
    await page.getByRole('button', { name: 'Afdrukken / PDF' }).click();
    await expect.poll(afgedrukt).toBe(1);
    const koppen = (await page.locator('main th').allInnerTexts()).map((k) => k.replace(/[▲▼↕]/g, '').trim()).filter(Boolean);
    const titels = await page.locator('.grafiek-titel').allInnerTexts();
    expect(new Set(koppen).size).toBeGreaterThan(30);
    // printed as a user prints from the desktop screen: no script runs between the screen and the paper, so the
    // print CSS alone must fit charts (scaled through their viewBox) and tables (wrapping) on A4
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync('test-results/beheer-monitor-rapport.pdf', pdf);
    const { tekst, teBreed, paginas } = await pdfTekst(pdf);
    expect(paginas).toBeGreaterThan(1);
    const pdfZonderWit = zonderWit(tekst);
    expect(koppen.filter((k) => !pdfZonderWit.includes(zonderWit(k))), 'kolomkoppen die in de PDF ontbreken').toEqual([]);
    expect([...titels, ...legendas].filter((t) => !pdfZonderWit.includes(zonderWit(t))), 'grafiektitels en legenda die in de PDF ontbreken').toEqual([]);
    // the drawings are SVG, so their axis labels are text on paper too
    const asTeksten = await page.locator('.grafiek-tekening svg text').allTextContents();
    expect(asTeksten.length).toBeGreaterThan(40);
    // every axis label of every chart is on paper: a chart narrowed to the paper scales (viewBox) instead of being cropped
    const ontbrekend = asTeksten.filter((t) => !pdfZonderWit.includes(zonderWit(t)));
    expect(ontbrekend, 'aslabels die in de PDF ontbreken').toEqual([]);
    expect(teBreed, 'tekst voorbij de rechterrand van de pagina').toEqual([]);
    expect(tekst).toContain('afgedrukt op');
    // the same print layout at the width of an A4 page: no chart or table runs past the paper's edge
    const uitstekend = await uitstekendOpA4(page);
    await expect.poll(() => page.locator('.grafiek-tekening svg').first().evaluate((svg) => svg.getBoundingClientRect().width)).toBeLessThanOrEqual(A4_INHOUD_PX);
    expect(await uitstekend()).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(A4_INHOUD_PX);
    // every chart is drawn (bars or lines), not only its legend
    const getekend = await page.locator('.grafiek-tekening svg').evaluateAll((svgs) => svgs.map((svg) => svg.querySelectorAll('path').length));
    expect(getekend.every((n) => n > 5), `paden per grafiek: ${getekend}`).toBe(true);
    await page.screenshot({ path: 'test-results/beheer-monitor-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(SCHERM);

    // --- verdeelmodel: een bedrag op z'n Nederlands, foute gewichten geweigerd bij het veld, een set bewaard
    await naarMenu(page, 'Verdeelmodel');
    const totaal = page.getByLabel('Totaalbudget in euro');
    await totaal.fill('1.250,50');
    await page.getByRole('table', { name: /Verdeling van € 1\.250,50 \(som tot op de cent: € 1\.250,50\)/ }).waitFor();
    expect(await totaal.getAttribute('aria-invalid')).not.toBe('true');
    await vastleggen(page, 'beheer-verdeelmodel');
    const gewichtVelden = page.locator('[data-leesactie] input');
    const eerste = gewichtVelden.first();
    const eersteNaam = (await page.locator('[data-leesactie] label').first().innerText()).trim();
    const veldTekst = () => eerste.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' utrecht-form-field ')][1]").innerText();
    await eerste.fill('-1');
    await expect.poll(veldTekst).toContain(`${eersteNaam} mag niet negatief zijn.`);
    expect(await eerste.getAttribute('aria-invalid')).toBe('true');
    // no comparison is shown for weights that were refused
    expect(await page.getByRole('table', { name: /nieuwe gewichten/ }).count()).toBe(0);
    await vastleggen(page, 'beheer-verdeelmodel-negatief');
    await eerste.fill('veel');
    await expect.poll(veldTekst).toContain('vul een getal in, bijvoorbeeld 0,25');
    await page.getByLabel('Ingroeijaren').fill('0');
    await expect.poll(() => page.locator('.utrecht-form-field', { has: page.getByLabel('Ingroeijaren') }).innerText()).toContain('Ingroeijaren moet minstens 1 zijn.');
    await page.getByLabel('Ingroeijaren').fill('5');
    await eerste.fill('0,5');
    await page.getByRole('table', { name: /nieuwe gewichten/ }).waitFor();
    expect(await eerste.getAttribute('aria-invalid')).not.toBe('true');
    const gewichten = await gewichtVelden.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    await page.getByRole('button', { name: 'Opslaan als nieuwe gewichtenset' }).click();
    await expect.poll(() => page.locator('.utrecht-form-field', { has: page.getByLabel('Naam van de nieuwe gewichtenset') }).innerText()).toContain('Geef de set een naam');
    await page.getByLabel('Naam van de nieuwe gewichtenset').fill('Wat-als beheerder');
    await page.getByRole('button', { name: 'Opslaan als nieuwe gewichtenset' }).click();
    await page.getByTestId('melding').filter({ hasText: "Gewichtenset 'Wat-als beheerder' opgeslagen." }).waitFor();
    await vastleggen(page, 'beheer-verdeelmodel-opgeslagen');

    // --- auditlog: gefilterd op gebruiker, handeling, periode en pseudoniem; gesorteerd en gebladerd; geen jargon
    const toegang = await w.t.sessie('toegang@centrumstad.demo');
    const [client] = await w.t.database.db.select({ id: s.clienten.id, pseudoniem: s.clienten.pseudoniem }).from(s.clienten).where(eq(s.clienten.regioId, w.t.regios.rivierland.regioId)).orderBy(asc(s.clienten.pseudoniem)).limit(1);
    for (let i = 0; i < 3; i++) expect((await w.t.als(toegang, 'GET', `/api/clienten/${client!.id}`)).statusCode).toBe(200);
    // enough rows for more than one page
    for (let i = 0; i < 55; i++) await w.t.als(toegang, 'GET', '/api/clienten?limiet=1');
    await naarMenu(page, 'Auditlog');
    await page.getByRole('table', { name: 'Auditregels' }).waitFor();
    await expect.poll(() => page.locator('.pager .totaal').innerText()).toMatch(/^1–50 van \d/);
    await page.getByRole('button', { name: 'Volgende' }).click();
    await expect.poll(() => page.locator('.pager .totaal').innerText()).toMatch(/^51–/);
    const gebruikerKop = page.locator('th', { hasText: 'Gebruiker' });
    await gebruikerKop.getByRole('button').click();
    await expect.poll(() => gebruikerKop.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => page.locator('.pager .totaal').innerText()).toMatch(/^1–50/);
    const namen = await page.locator('tbody tr td:nth-child(2)').evaluateAll((tds) => tds.map((td) => td.firstChild?.textContent ?? ''));
    expect(namen).toEqual([...namen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await vastleggen(page, 'beheer-audit');

    const zoekform = page.getByRole('search', { name: 'Auditlog doorzoeken' });
    await zoekform.getByLabel('Cliënt (pseudoniem)').fill('X-1');
    await zoekform.getByRole('button', { name: 'Zoeken' }).click();
    await expect.poll(() => zoekform.locator('.utrecht-form-field', { has: page.getByLabel('Cliënt (pseudoniem)') }).innerText()).toContain('Een pseudoniem heeft de vorm C-');
    await vastleggen(page, 'beheer-audit-fout');
    const vandaag = await page.evaluate(() => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' }));
    await zoekform.getByLabel('Cliënt (pseudoniem)').fill(client!.pseudoniem.toLowerCase());
    await zoekform.getByLabel('Gebruiker (e-mailadres)').fill('toegang@centrumstad.demo');
    await zoekform.getByLabel('Handeling').selectOption({ label: 'Inzien' });
    await zoekform.getByLabel('Van').fill(vandaag);
    await zoekform.getByLabel('Tot en met').fill(vandaag);
    await zoekform.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('table', { name: 'Auditregels die aan de filters voldoen' }).waitFor();
    // the seeded history also holds reads of this client by the same user today: the page must show exactly what
    // the API counts for these filters, and at least the three reads made above
    const beheerSessie = await w.t.sessie('beheer@centrumstad.demo');
    const verwacht = (await w.t.als(beheerSessie, 'GET', `/api/audit?pseudoniem=${client!.pseudoniem}&gebruiker=toegang@centrumstad.demo&actie=lezen&limiet=1`)).json().totaal as number;
    expect(verwacht).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator('.pager .totaal').innerText()).toBe(`1–${Math.min(50, verwacht)} van ${verwacht} regels`);
    const rijen = await page.locator('tbody tr').allInnerTexts();
    for (const r of rijen) expect(r).toMatch(new RegExp(`Inzien[\\s\\S]*cliënt[\\s\\S]*${client!.pseudoniem}`));
    const hoofd = await page.locator('main').innerText();
    // words for people: no codes, browser identification or solver terms
    expect(hoofd).not.toMatch(/_[a-z]|Mozilla|HeadlessChrome|min-cost|simplex|doelfunctie/);
    await vastleggen(page, 'beheer-audit-gefilterd');
    // the filters of the page reached the server as filters (the page's own reads are logged with them)
    const beheer = await w.t.sessie(BEHEER);
    const gelezen = (await w.t.als(beheer, 'GET', `/api/audit?gebruiker=${BEHEER}&actie=lezen&limiet=500`)).json().regels as { entiteit: string; details?: unknown }[];
    expect(gelezen.some((r) => r.entiteit === 'auditlog')).toBe(true);

    // --- eindtoestand via de API en de database
    const sets = (await w.t.als(beheer, 'GET', '/api/verdeelmodel/gewichtensets')).json() as { naam: string; indicatoren: { code: string; gewicht: number }[] }[];
    const bewaard = sets.find((x) => x.naam === 'Wat-als beheerder');
    expect(bewaard, 'de bewaarde gewichtenset').toBeDefined();
    expect(bewaard!.indicatoren[0]!.gewicht).toBe(0.5);
    expect(bewaard!.indicatoren.map((i) => i.gewicht)).toEqual(gewichten.map((g) => Number(g.replace(/\./g, '').replace(',', '.'))));
    const [gebruiker] = await w.t.database.db.select({ id: s.gebruikers.id }).from(s.gebruikers).where(eq(s.gebruikers.email, BEHEER));
    const acties = await w.t.database.db
      .select({ actie: s.auditLog.actie, entiteit: s.auditLog.entiteit, entiteitId: s.auditLog.entiteitId })
      .from(s.auditLog)
      .where(and(eq(s.auditLog.gebruikerId, gebruiker!.id)));
    expect(acties).toEqual(expect.arrayContaining([
      { actie: 'exporteren', entiteit: 'monitor', entiteitId: 'stromen' },
      expect.objectContaining({ actie: 'afdrukken', entiteit: 'monitor' }),
      expect.objectContaining({ actie: 'aanmaken', entiteit: 'verdeelmodel_gewichtenset' }),
    ]));
    await context.close();
  }, 300_000);
});
