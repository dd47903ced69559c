import { and, asc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import { parseIndicatorenCsv, standaardIndicatoren, type GemeenteIndicatoren, type Indicator } from '../../domain/verdeelmodel/index.js';
import { CsvFout, parseIndicatorenTabel, VERPLICHTE_KOLOMMEN } from '../../domain/verdeelmodel/csv.js';
import { leesXlsx, vereisKolommen, xlsxFoutTekst } from '../../domain/xlsx-import.js';
import { DomeinFout } from '../../domain/fouten.js';

export const STANDAARD_SET_NAAM = 'Standaard (illustratief)';

export interface VerdeelmodelGemeente extends GemeenteIndicatoren {
  id: string;
  bron: string;
}

export async function lijstGemeenten(db: DbOrTx, regioId: string): Promise<VerdeelmodelGemeente[]> {
  const rijen = await db.select().from(s.verdeelmodelGemeenten).where(eq(s.verdeelmodelGemeenten.regioId, regioId)).orderBy(asc(s.verdeelmodelGemeenten.gemeenteCode));
  return rijen.map((r) => ({ id: r.id, gemeenteCode: r.gemeenteCode, naam: r.naam, waarden: r.waarden as Record<string, number>, historischBudget: r.historischBudgetCenten, bron: r.bron }));
}

/**
 * Replaces the regio's indicator table with the CSV's rows. The CSV is parsed completely first (a CsvFout
 * lists every bad line), and the replacement runs in one transaction, so a failed import changes nothing.
 */
export async function importeerIndicatoren(
  db: DbOrTx,
  regioId: string,
  csv: string,
  bron: string,
  voortgang?: (klaar: number, totaal: number) => void,
): Promise<{ aantal: number; indicatorCodes: string[] }> {
  const gelezen = parseIndicatorenCsv(csv);
  // a file that calls itself synthetic in its comment lines keeps that label, whoever imports it
  if (/^\s*#.*synthetisch/im.test(csv) && !/synthetisch/i.test(bron)) bron = `SYNTHETISCHE DEMODATA — ${bron}`;
  return vervangIndicatoren(db, regioId, gelezen, bron, voortgang);
}

/**
 * The same import from an Excel workbook: the sheet `indicatoren` (or else the first sheet) with the columns of the
 * CSV. Errors name the sheet, the row and the column.
 */
export async function importeerIndicatorenXlsx(
  db: DbOrTx,
  regioId: string,
  bytes: Uint8Array,
  bron: string,
  voortgang?: (klaar: number, totaal: number) => void,
): Promise<{ aantal: number; indicatorCodes: string[] }> {
  const bladen = await leesXlsx(bytes);
  const blad = bladen.find((b) => /^indicatoren$/i.test(b.naam.trim())) ?? bladen[0];
  if (!blad) throw new DomeinFout('ongeldig', 'Het werkboek bevat geen bladen');
  let gelezen: ReturnType<typeof parseIndicatorenTabel>;
  try {
    gelezen = parseIndicatorenTabel(vereisKolommen(blad.tabel, VERPLICHTE_KOLOMMEN));
  } catch (e) {
    if (!(e instanceof CsvFout)) throw e;
    const fouten = e.fouten.map((f) => ({ ...f, blad: blad.naam, letter: f.kolom ? blad.letters.get(f.kolom) : undefined, tekst: xlsxFoutTekst(blad.naam, f, blad.letters) }));
    throw new DomeinFout('ongeldig', `Excel-bestand bevat ${fouten.length} fout(en):\n${fouten.map((f) => f.tekst).join('\n')}`, { fouten });
  }
  if (/synthetisch/i.test(blad.naam) && !/synthetisch/i.test(bron)) bron = `SYNTHETISCHE DEMODATA — ${bron}`;
  return vervangIndicatoren(db, regioId, gelezen, bron, voortgang);
}

async function vervangIndicatoren(
  db: DbOrTx,
  regioId: string,
  { rijen, indicatorCodes }: { rijen: GemeenteIndicatoren[]; indicatorCodes: string[] },
  bron: string,
  voortgang?: (klaar: number, totaal: number) => void,
): Promise<{ aantal: number; indicatorCodes: string[] }> {
  await db.transaction(async (tx) => {
    await tx.delete(s.verdeelmodelGemeenten).where(eq(s.verdeelmodelGemeenten.regioId, regioId));
    for (let i = 0; i < rijen.length; i += 100) {
      const deel = rijen.slice(i, i + 100);
      await tx.insert(s.verdeelmodelGemeenten).values(
        deel.map((g) => ({ regioId, gemeenteCode: g.gemeenteCode, naam: g.naam, waarden: g.waarden, historischBudgetCenten: g.historischBudget, bron })),
      );
      voortgang?.(Math.min(i + deel.length, rijen.length), rijen.length);
    }
  });
  return { aantal: rijen.length, indicatorCodes };
}

export interface Gewichtenset {
  id: string;
  naam: string;
  indicatoren: Indicator[];
}

export async function lijstGewichtensets(db: DbOrTx, regioId: string): Promise<Gewichtenset[]> {
  const rijen = await db.select().from(s.verdeelmodelGewichtensets).where(eq(s.verdeelmodelGewichtensets.regioId, regioId)).orderBy(asc(s.verdeelmodelGewichtensets.naam));
  return rijen.map((r) => ({ id: r.id, naam: r.naam, indicatoren: r.indicatoren as Indicator[] }));
}

export async function haalGewichtenset(db: DbOrTx, regioId: string, id: string): Promise<Gewichtenset | null> {
  const [r] = await db
    .select()
    .from(s.verdeelmodelGewichtensets)
    .where(and(eq(s.verdeelmodelGewichtensets.id, id), eq(s.verdeelmodelGewichtensets.regioId, regioId)));
  return r ? { id: r.id, naam: r.naam, indicatoren: r.indicatoren as Indicator[] } : null;
}

/** The set used when none is named: the stored standard set, else the domain's illustrative default. */
export async function standaardSet(db: DbOrTx, regioId: string): Promise<Gewichtenset> {
  const [r] = await db
    .select()
    .from(s.verdeelmodelGewichtensets)
    .where(and(eq(s.verdeelmodelGewichtensets.regioId, regioId), eq(s.verdeelmodelGewichtensets.naam, STANDAARD_SET_NAAM)));
  return r ? { id: r.id, naam: r.naam, indicatoren: r.indicatoren as Indicator[] } : { id: '', naam: STANDAARD_SET_NAAM, indicatoren: standaardIndicatoren.map((i) => ({ ...i })) };
}

export async function naamBezet(db: DbOrTx, regioId: string, naam: string, behalveId?: string): Promise<boolean> {
  const voorwaarden = [eq(s.verdeelmodelGewichtensets.regioId, regioId), eq(s.verdeelmodelGewichtensets.naam, naam)];
  if (behalveId) voorwaarden.push(ne(s.verdeelmodelGewichtensets.id, behalveId));
  const rijen = await db.select({ id: s.verdeelmodelGewichtensets.id }).from(s.verdeelmodelGewichtensets).where(and(...voorwaarden));
  return rijen.length > 0;
}

export async function maakGewichtenset(db: DbOrTx, regioId: string, set: { naam: string; indicatoren: Indicator[] }): Promise<Gewichtenset> {
  const [r] = await db.insert(s.verdeelmodelGewichtensets).values({ regioId, naam: set.naam, indicatoren: set.indicatoren }).returning();
  return { id: r!.id, naam: r!.naam, indicatoren: r!.indicatoren as Indicator[] };
}

export async function wijzigGewichtenset(db: DbOrTx, regioId: string, id: string, set: { naam: string; indicatoren: Indicator[] }): Promise<Gewichtenset | null> {
  const [r] = await db
    .update(s.verdeelmodelGewichtensets)
    .set({ naam: set.naam, indicatoren: set.indicatoren })
    .where(and(eq(s.verdeelmodelGewichtensets.id, id), eq(s.verdeelmodelGewichtensets.regioId, regioId)))
    .returning();
  return r ? { id: r.id, naam: r.naam, indicatoren: r.indicatoren as Indicator[] } : null;
}

export async function verwijderGewichtenset(db: DbOrTx, regioId: string, id: string): Promise<boolean> {
  const r = await db
    .delete(s.verdeelmodelGewichtensets)
    .where(and(eq(s.verdeelmodelGewichtensets.id, id), eq(s.verdeelmodelGewichtensets.regioId, regioId)))
    .returning({ id: s.verdeelmodelGewichtensets.id });
  return r.length > 0;
}
