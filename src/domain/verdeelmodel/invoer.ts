/**
 * Wat de pagina Verdeelmodel typt, exact naar wat de API verwacht. Waarom niet met doubles: 2,9 % als 2.9 / 100 is
 * 0.028999999999999998, en het plafond floor(fractie × vorig) gaf dan 289 in plaats van 290 cent op € 100,00;
 * een totaal van 89.999.999.999.999,99 euro × 100 werd een andere cent.
 */
import { alsDecimaal, breuk, gedeeld, maal, uitDecimaal } from './breuk.js';

/** Een eurobedrag (decimaal in gewone notatie, "1250.50") in hele centen; null bij meer dan twee decimalen of geen getal. */
export function centenUitEuro(decimaal: string): number | null {
  const b = uitDecimaal(decimaal);
  if (!b) return null;
  const centen = maal(b, breuk(100n));
  return centen.n === 1n ? Number(centen.t) : null;
}

/** Een percentage (decimaal in gewone notatie, "2.9") als fractie in decimale tekst voor de API ("0.029"). */
export function fractieUitProcent(decimaal: string): string | null {
  const b = uitDecimaal(decimaal);
  return b ? alsDecimaal(gedeeld(b, breuk(100n))) : null;
}
