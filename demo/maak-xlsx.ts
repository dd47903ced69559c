/**
 * Makes the Excel samples from the CSV samples, through the app's own writer (src/domain/xlsx-export.ts):
 *   npx tsx demo/maak-xlsx.ts
 * demo/import/toegang.xlsx (sheets clienten and gebeurtenissen; dates as real dates, urgentie as a number) and
 * demo/verdeelmodel/indicatoren-synthetisch.xlsx (numbers as numbers with Dutch formats, the budget in euro).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { leesCsvTabel } from '../src/domain/csv.js';
import { normaliseerDatum } from '../src/domain/importeren.js';
import { parseGetal } from '../src/domain/verdeelmodel/csv.js';
import { naarXlsx, type XlsxBlad, type XlsxSoort } from '../src/domain/xlsx-export.js';

const lees = (pad: string) => leesCsvTabel(readFileSync(new URL(pad, import.meta.url), 'utf8'));

function blad(naam: string, pad: string, soorten: Record<string, XlsxSoort>): XlsxBlad {
  const t = lees(pad);
  const rijen = t.rijen.map((r) =>
    Object.fromEntries(
      t.kolommen.map((k) => {
        const w = r.velden[k]!;
        if (w === '') return [k, null];
        if (soorten[k] === 'datum') return [k, normaliseerDatum(w)];
        if (soorten[k] === 'getal' || soorten[k] === 'euro') return [k, parseGetal(w, t.sep)];
        return [k, w];
      }),
    ),
  );
  return { naam, kolommen: t.kolommen.map((k) => ({ sleutel: k, kop: k, soort: soorten[k] ?? 'tekst' })), rijen };
}

writeFileSync(
  new URL('import/toegang.xlsx', import.meta.url),
  await naarXlsx([
    blad('clienten', 'import/clienten.csv', { geboortedatum: 'datum' }),
    blad('gebeurtenissen', 'import/gebeurtenissen.csv', { datum: 'datum', urgentie: 'getal' }),
  ]),
);
const indicatoren = lees('verdeelmodel/indicatoren-synthetisch.csv');
const getallen = Object.fromEntries(indicatoren.kolommen.filter((k) => !['gemeentecode', 'gemeentenaam'].includes(k)).map((k) => [k, (k === 'historisch_budget' ? 'euro' : 'getal') as XlsxSoort]));
writeFileSync(new URL('verdeelmodel/indicatoren-synthetisch.xlsx', import.meta.url), await naarXlsx([blad('indicatoren synthetisch', 'verdeelmodel/indicatoren-synthetisch.csv', getallen)]));
console.log('demo/import/toegang.xlsx en demo/verdeelmodel/indicatoren-synthetisch.xlsx gemaakt');
