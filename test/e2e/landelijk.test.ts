import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Response } from 'playwright-core';
import * as s from '../../src/db/schema.js';
import { PSEUDONIEM_PATROON } from '../../src/domain/audit.js';
import { pdfTekst, telAfdrukken, uitstekendOpA4 } from './afdrukken.js';
import { beschikbaar, webOmgeving } from './browser.js';
import { inloggen, naarMenu, SCHERM, vastleggen } from './reis.js';

const zonderWit = (t: string) => t.replace(/\s+/g, '');

describe.skipIf(!beschikbaar)('landelijk beeld en de regionale pagina’s in Chromium', () => {
  const w = webOmgeving();

  it('de landelijke gebruiker ziet alleen onderdrukte aggregaten; geen antwoord bevat een pseudoniem of cliënt-id', async () => {
    const antwoorden: Promise<{ url: string; body: string }>[] = [];
    const { page, context } = await inloggen(w.browser, w.basis, 'lezer@landelijk-platform-bw-mo.demo');
    page.on('response', (r: Response) => {
      if (r.url().includes('/api/')) antwoorden.push(r.text().then((body) => ({ url: r.url(), body }), () => ({ url: r.url(), body: '' })));
    });
    // the national body lands on its own page; the menu has nothing else but Beveiliging
    await page.goto(`${w.basis}/`);
    await page.getByRole('heading', { level: 1, name: 'Landelijk beeld' }).waitFor();
    expect(await page.locator('nav.menu a').allTextContents()).toEqual(['Landelijk beeld', 'Beveiliging']);
    await page.getByRole('table', { name: 'In-, door- en uitstroom' }).waitFor();
    await page.getByRole('table', { name: 'Status per regio en thema' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Regio Rivierland');
    expect(await page.locator('abbr[title^="Onderdrukt"]').count()).toBeGreaterThan(0);
    await vastleggen(page, 'landelijk-beeld');

    // Excel next to every CSV: a workbook with the table's header and one row per region plus Landelijk
    const tabellen = await page.locator('section.vergelijking h2').allInnerTexts();
    expect(tabellen.length).toBe(6);
    for (const titel of [...tabellen, 'Stand van zaken uitvoeringsafspraken']) {
      expect(await page.getByRole('link', { name: `CSV van ${titel}`, exact: true }).count(), titel).toBe(1);
      expect(await page.getByRole('link', { name: `Excel van ${titel}`, exact: true }).count(), titel).toBe(1);
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel van Uitkomsten', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^landelijk-uitkomsten-\d{4}\.xlsx$/);
    const boek = new ExcelJS.Workbook();
    await boek.xlsx.readFile((await download.path())!);
    const blad = boek.worksheets[0]!;
    const koppenOpScherm = (await page.getByRole('table', { name: 'Uitkomsten', exact: true }).locator('th').allInnerTexts()).map((k) => k.replace(/[▲▼↕]/g, '').trim());
    expect((blad.getRow(1).values as unknown[]).slice(1)).toEqual(koppenOpScherm);
    const regioNamen = (await page.getByRole('table', { name: 'Uitkomsten', exact: true }).locator('tbody tr td:first-child, tbody tr th:first-child').allInnerTexts()).map((x) => x.trim());
    expect(blad.getColumn(1).values.slice(2)).toEqual(regioNamen);
    // a number stays a number, a withheld cell says so
    const cellen = blad.getRows(2, blad.rowCount - 1)!.flatMap((r) => (r.values as unknown[]).slice(2));
    expect(cellen.some((c) => typeof c === 'number')).toBe(true);
    expect(cellen.every((c) => c === undefined || c === null || typeof c === 'number' || c === 'onderdrukt')).toBe(true);

    // the printable national report: printing is recorded first, then the PDF of the print layout
    const afgedrukt = await telAfdrukken(page);
    await page.getByRole('button', { name: 'Landelijk rapport afdrukken' }).click();
    await expect.poll(afgedrukt).toBe(1);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync('test-results/landelijk-rapport.pdf', pdf);
    const { tekst, teBreed, paginas } = await pdfTekst(pdf);
    expect(paginas).toBeGreaterThan(1);
    for (const titel of [...tabellen, 'Stand van zaken uitvoeringsafspraken', 'Regio Rivierland', 'Landelijk']) expect(zonderWit(tekst), titel).toContain(zonderWit(titel));
    expect(tekst).not.toContain('Excel van');
    expect(teBreed, 'tekst voorbij de rechterrand van de pagina').toEqual([]);
    const uitstekend = await uitstekendOpA4(page);
    expect(await uitstekend()).toEqual([]);
    await page.screenshot({ path: 'test-results/landelijk-rapport-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(SCHERM);
    const afdrukRegels = await w.t.database.db.select().from(s.auditLog).where(and(eq(s.auditLog.actie, 'afdrukken'), eq(s.auditLog.entiteit, 'landelijk')));
    expect(afdrukRegels.length).toBe(1);
    await page.getByLabel('Jaar').selectOption(String(new Date().getFullYear() - 1));
    await page.getByRole('table', { name: 'Beschermd Thuis per regiogemeente' }).waitFor();
    await vastleggen(page, 'landelijk-vorig-jaar');
    // a regional page by URL sends the national user back to its own page
    await page.goto(`${w.basis}/clienten`);
    await page.getByRole('heading', { level: 1, name: 'Landelijk beeld' }).waitFor();

    const alle = await Promise.all(antwoorden);
    expect(alle.length).toBeGreaterThan(2);
    const clientIds = (await w.t.database.db.select({ id: s.clienten.id }).from(s.clienten)).map((c) => c.id);
    for (const a of alle) {
      expect(a.body.match(PSEUDONIEM_PATROON), a.url).toBeNull();
      for (const id of clientIds) expect(a.body.includes(id), `${a.url} bevat cliënt-id`).toBe(false);
    }
    await context.close();
  });

  it('de beheerder van de centrumgemeente werkt de stand van zaken bij en bekijkt uitkomsten en datakwaliteit', async () => {
    const { page, context } = await inloggen(w.browser, w.basis, 'beheer@centrumstad.demo');
    await naarMenu(page, 'Stand van zaken');
    await page.getByRole('button', { name: 'Passende huisvesting bijwerken' }).click();
    await page.getByLabel('Status').selectOption('in_uitvoering');
    await page.getByLabel('Notitie').fill('Woonzorgvisie vastgesteld; contingent 2027 in onderhandeling');
    await vastleggen(page, 'stand-van-zaken-bijwerken');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.locator('[data-testid=melding]').textContent()).toContain('Passende huisvesting: status In uitvoering');
    expect(await page.getByRole('table', { name: /Uitvoeringsafspraken/ }).textContent()).toContain('Woonzorgvisie vastgesteld');
    await vastleggen(page, 'stand-van-zaken');

    await naarMenu(page, 'Uitkomsten');
    await page.getByRole('table', { name: 'Instroom, terugkeer en huisvesting' }).waitFor();
    await vastleggen(page, 'uitkomsten');

    await naarMenu(page, 'Datakwaliteit');
    await page.getByRole('table', { name: /Registratielaatheid/ }).waitFor();
    await page.getByRole('table', { name: /Dossiers met een ontbrekend/ }).waitFor();
    await page.getByLabel('Langer stil dan (dagen)').fill('5');
    await expect.poll(() => page.locator('main').textContent()).toContain('Vul een aantal dagen van 30 tot en met 3650 in');
    await page.getByLabel('Langer stil dan (dagen)').fill('200');
    await page.getByRole('table', { name: /langer dan 200 dagen/ }).waitFor();
    await vastleggen(page, 'datakwaliteit');
    // a pseudonym in the list opens the dossier the beheerder may see
    await page.getByRole('table', { name: /langer dan 200 dagen/ }).getByRole('link').first().click();
    await page.waitForURL(/\/clienten\/[0-9a-f-]{36}$/);
    await context.close();
  });
});
