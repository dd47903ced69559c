import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { count } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import * as s from '../../src/db/schema.js';
import { beschikbaar, webOmgeving } from './browser.js';
import { inloggen, naarMenu, vastleggen } from './reis.js';

/**
 * The import page in Chromium with the sample files of demo/: iWmo messages (a good set, and a set with one bad
 * element that is refused as a whole), an Excel workbook of the toegang (the sample, and the same workbook with one
 * bad cell), and the verdeelmodel indicators as .xlsx on the Verdeelmodel page. Every refusal names file and element
 * or sheet, row and column; nothing lands until everything is right; the end state is checked through the API.
 */
const demo = (pad: string) => readFileSync(new URL(`../../demo/${pad}`, import.meta.url));
const IWMO = ['wmo301-toewijzing-bw.xml', 'wmo301-toewijzing-opvang.xml', 'wmo305-start-bw.xml', 'wmo307-stop-bw.xml'];
const XML = 'application/xml';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Loads a workbook, lets `wijzig` change it, and returns the new bytes: a bad file made from a good one. */
async function werkboek(bytes: Buffer, wijzig: (boek: ExcelJS.Workbook) => void): Promise<Buffer> {
  const boek = new ExcelJS.Workbook();
  await boek.xlsx.load(bytes as unknown as ArrayBuffer);
  wijzig(boek);
  return Buffer.from(await boek.xlsx.writeBuffer());
}

describe.skipIf(!beschikbaar)('importeren: iWmo-berichten en Excel', () => {
  const w = webOmgeving();
  const tel = async (tabel: typeof s.iwmoBerichten | typeof s.clienten) => (await w.t.database.db.select({ n: count() }).from(tabel))[0]!.n;
  const zoekTotaal = async (zoek: string) => (await w.t.als(await w.t.sessie('toegang@centrumstad.demo'), 'GET', `/api/clienten?zoek=${zoek}`)).json().totaal as number;

  async function metFouten(page: Page, naam: string, werk: (page: Page) => Promise<void>) {
    const fouten: string[] = [];
    page.on('pageerror', (e) => fouten.push(e.message));
    try {
      await werk(page);
    } catch (e) {
      await page.screenshot({ path: `test-results/${naam}-fout.png`, fullPage: true }).catch(() => undefined);
      throw new Error(`${(e as Error).message}\nfouten in de browser: ${fouten.join(' | ') || 'geen'}`, { cause: e });
    }
  }

  it('toegang: iWmo-berichten en een Excel-werkboek, eerst geweigerd met de plek van elke fout, dan geïmporteerd', async () => {
    const { page } = await inloggen(w.browser, w.basis, 'toegang@centrumstad.demo');
    await metFouten(page, 'importeren', async () => {
      await naarMenu(page, 'Cliënten');
      await page.getByRole('link', { name: 'Importeren (CSV, Excel, iWmo)' }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('pagina-titel');
      await vastleggen(page, 'importeren-leeg');
      const fouten = page.getByTestId('importfouten');
      const resultaat = page.getByTestId('importresultaat');
      const clientenVoor = await tel(s.clienten);

      // --- iWmo: a good message beside two with a bad element each: the set is refused whole, each error at its element
      const stop = demo('import/iwmo/wmo307-stop-bw.xml').toString('utf8').replace('<wmo307:RedenBeeindiging>19</wmo307:RedenBeeindiging>', '<wmo307:RedenBeeindiging>99</wmo307:RedenBeeindiging>');
      const toewijzing = demo('import/iwmo/wmo301-toewijzing-opvang.xml').toString('utf8').replace('<wmo301:Bsn>999990020</wmo301:Bsn>', '<wmo301:Bsn>12345</wmo301:Bsn>');
      const iwmoVeld = page.getByLabel('iWmo-berichten (.xml)');
      await iwmoVeld.setInputFiles([
        { name: IWMO[0]!, mimeType: XML, buffer: demo(`import/iwmo/${IWMO[0]}`) },
        { name: 'stop-kapot.xml', mimeType: XML, buffer: Buffer.from(stop) },
        { name: 'toewijzing-kapot.xml', mimeType: XML, buffer: Buffer.from(toewijzing) },
      ]);
      await page.getByRole('button', { name: 'iWmo-berichten importeren' }).click();
      await expect.poll(() => fouten.textContent(), { timeout: 15_000 }).toContain('toewijzing-kapot.xml, element Bericht/Client/Bsn: BSN moet 9 cijfers zijn');
      expect(await fouten.textContent()).toContain("stop-kapot.xml, element Bericht/Client/StopProducten/StopProduct[1]/RedenBeeindiging: reden '99' staat niet in codelijst WMO588");
      expect(await fouten.textContent()).toMatch(/iWmo-import geweigerd: 2 fout\(en\); er is niets opgeslagen/);
      expect(await tel(s.iwmoBerichten)).toBe(0);
      expect(await tel(s.clienten)).toBe(clientenVoor);
      await vastleggen(page, 'importeren-iwmo-fouten');

      // --- the four sample messages: toewijzingen, start and stop; a summary of what landed
      await iwmoVeld.setInputFiles(IWMO.map((naam) => ({ name: naam, mimeType: XML, buffer: demo(`import/iwmo/${naam}`) })));
      await page.getByRole('button', { name: 'iWmo-berichten importeren' }).click();
      await expect.poll(() => resultaat.textContent(), { timeout: 15_000 }).toMatch(/iWmo-import geslaagd: 4 berichten verwerkt \(0 al eerder\), 2 nieuwe cliënten, \d+ toewijzingen/);
      expect(await fouten.count()).toBe(0);
      await vastleggen(page, 'importeren-iwmo-geslaagd');
      expect(await tel(s.iwmoBerichten)).toBe(4);
      expect(await zoekTotaal('999990019')).toBe(1);
      expect(await zoekTotaal('999990020')).toBe(1);
      // again: the same messages change nothing
      await page.getByRole('button', { name: 'iWmo-berichten importeren' }).click();
      await expect.poll(() => resultaat.textContent(), { timeout: 15_000 }).toMatch(/0 berichten verwerkt \(4 al eerder\), 0 nieuwe cliënten/);
      expect(await tel(s.clienten)).toBe(clientenVoor + 2);

      // --- Excel: the sample workbook with one bad date and one unknown doelgroep is refused, naming sheet, row and column
      const goed = demo('import/toegang.xlsx');
      const fout = await werkboek(goed, (boek) => {
        const blad = boek.getWorksheet('clienten')!;
        blad.getCell('D3').value = 'morgen';
        blad.getCell('G4').value = 'astrologie';
      });
      const xlsxVeld = page.getByLabel('Excel-werkboek (.xlsx)');
      await xlsxVeld.setInputFiles({ name: 'toegang-fout.xlsx', mimeType: XLSX, buffer: fout });
      await page.getByRole('button', { name: 'Excel importeren' }).click();
      await expect.poll(() => fouten.textContent(), { timeout: 15_000 }).toContain("blad 'clienten', rij 3, kolom D (geboortedatum)");
      expect(await fouten.textContent()).toContain("blad 'clienten', rij 4, kolom G (doelgroep)");
      expect(await fouten.textContent()).toMatch(/Import geweigerd: 2 fout\(en\); er is niets opgeslagen/);
      expect(await fouten.textContent()).not.toMatch(/undefined|\.csv/);
      expect(await zoekTotaal('TG-2026-0001')).toBe(0);
      await vastleggen(page, 'importeren-xlsx-fouten');

      await xlsxVeld.setInputFiles({ name: 'toegang.xlsx', mimeType: XLSX, buffer: goed });
      await page.getByRole('button', { name: 'Excel importeren' }).click();
      await expect.poll(() => resultaat.textContent(), { timeout: 15_000 }).toMatch(/toegang\.xlsx: Import geslaagd: 4 nieuwe cliënten \(0 al bekend\), 13 gebeurtenissen \(0 al aanwezig\)/);
      await vastleggen(page, 'importeren-xlsx-geslaagd');
      expect(await zoekTotaal('TG-2026-0001')).toBe(1);
      expect(await tel(s.clienten)).toBe(clientenVoor + 6);
    });
  }, 300_000);

  it('beheerder: indicatoren van het verdeelmodel als Excel, een fout blad geweigerd per cel, het voorbeeld geïmporteerd', async () => {
    const { page } = await inloggen(w.browser, w.basis, 'beheer@centrumstad.demo');
    await metFouten(page, 'importeren-verdeelmodel', async () => {
      await naarMenu(page, 'Verdeelmodel');
      const beheer = await w.t.sessie('beheer@centrumstad.demo');
      const gemeenten = async () => (await w.t.als(beheer, 'GET', '/api/verdeelmodel/gemeenten')).json() as { gemeenten: { naam?: string; gemeentenaam?: string }[]; synthetisch?: boolean };
      const voor = await gemeenten();
      const veld = page.getByLabel('CSV- of Excel-bestand met indicatoren');
      const bevestig = async () => {
        const dialoog = page.locator('dialog[open]');
        await dialoog.waitFor();
        await dialoog.getByRole('button', { name: 'Vervangen' }).click();
        await dialoog.waitFor({ state: 'detached' }).catch(() => dialoog.waitFor({ state: 'hidden' }));
      };

      const goed = demo('verdeelmodel/indicatoren-synthetisch.xlsx');
      const fout = await werkboek(goed, (boek) => {
        const blad = boek.worksheets[0]!;
        const kop = (blad.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim().toLowerCase());
        blad.getRow(3).getCell(kop.indexOf('inwoners')).value = -5;
      });
      await veld.setInputFiles({ name: 'indicatoren-fout.xlsx', mimeType: XLSX, buffer: fout });
      await bevestig();
      const lijst = page.getByRole('list', { name: 'Fouten per regel' });
      await expect.poll(() => lijst.textContent(), { timeout: 15_000 }).toMatch(/blad '[^']+', rij 3, kolom [A-Z]+ \(inwoners\): inwoners mag niet negatief zijn \(-5\)/);
      expect(await gemeenten()).toEqual(voor);
      await vastleggen(page, 'importeren-verdeelmodel-fouten');

      await veld.setInputFiles({ name: 'indicatoren-synthetisch.xlsx', mimeType: XLSX, buffer: goed });
      await bevestig();
      await expect.poll(() => page.getByTestId('melding').textContent(), { timeout: 15_000 }).toContain('8 gemeenten geïmporteerd uit indicatoren-synthetisch.xlsx');
      expect(await lijst.count()).toBe(0);
      await vastleggen(page, 'importeren-verdeelmodel-geslaagd');
      const na = await gemeenten();
      expect(na.gemeenten).toHaveLength(8);
      expect(na.synthetisch).toBe(true);
    });
  }, 300_000);
});
