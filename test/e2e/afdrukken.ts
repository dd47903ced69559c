import { getDocumentProxy } from 'unpdf';
import type { Page } from 'playwright-core';

/** A4 minus the 12 mm margins of the print CSS, in CSS pixels (96 per inch). */
export const A4_INHOUD_PX = Math.floor(((210 - 24) / 25.4) * 96);

/** All text of a PDF, and every text item that runs past the right edge of its page. */
export async function pdfTekst(pdf: Buffer) {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  let tekst = '';
  const teBreed: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const pagina = await doc.getPage(i);
    const breedte = pagina.view[2]!;
    for (const item of (await pagina.getTextContent()).items as { str: string; transform: number[]; width: number }[]) {
      tekst += `${item.str} `;
      if (item.str.trim() && item.transform[4]! + item.width > breedte + 0.5) teBreed.push(`p${i}: "${item.str}"`);
    }
  }
  return { tekst, teBreed, paginas: doc.numPages };
}

/** Replaces window.print by a counter, so a test can click the print button and see that it printed (once). */
export async function telAfdrukken(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { afgedrukt: number }).afgedrukt = 0;
    window.print = () => void (window as unknown as { afgedrukt: number }).afgedrukt++;
  });
  return () => page.evaluate(() => (window as unknown as { afgedrukt: number }).afgedrukt);
}

/**
 * Switches the page to the print layout at the width of an A4 page and returns every chart, table or figure in
 * main that runs past the paper's edge (empty when everything fits). The caller switches back to the screen.
 */
export async function uitstekendOpA4(page: Page) {
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: A4_INHOUD_PX, height: 1100 });
  return () =>
    page.evaluate(
      (breedte) =>
        [...document.querySelectorAll<HTMLElement>('main svg, main table, main figure')].filter((e) => e.getBoundingClientRect().right > breedte + 0.5).map((e) => `${e.tagName} ${Math.round(e.getBoundingClientRect().right)}px`),
      A4_INHOUD_PX,
    );
}
