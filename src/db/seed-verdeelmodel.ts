import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbOrTx } from './client.js';
import * as s from './schema.js';
import { parseIndicatorenCsv, standaardIndicatoren } from '../domain/verdeelmodel/index.js';
import { STANDAARD_SET_NAAM } from './repos/verdeelmodel.js';
import { DEMO_MAP } from '../paden.js';

export const DEMO_VERDEELMODEL_CSV = join(DEMO_MAP, 'verdeelmodel', 'indicatoren-synthetisch.csv');
export const DEMO_VERDEELMODEL_BRON = 'SYNTHETISCHE DEMODATA (demo/verdeelmodel/indicatoren-synthetisch.csv), geen echte CBS-cijfers';

/**
 * The demo CSV describes the gemeenten of "Regio Rivierland" (GM9001–GM9008); other regions get no
 * indicator data, only what their centrumgemeente imports. No randomness: the file is the data.
 */
export async function seedVerdeelmodel(db: DbOrTx, regioId: string, regioNaam: string): Promise<void> {
  if (regioNaam !== 'Regio Rivierland') return;
  const { rijen } = parseIndicatorenCsv(readFileSync(DEMO_VERDEELMODEL_CSV, 'utf8'));
  await db.insert(s.verdeelmodelGemeenten).values(
    rijen.map((g) => ({ regioId, gemeenteCode: g.gemeenteCode, naam: g.naam, waarden: g.waarden, historischBudgetCenten: g.historischBudget, bron: DEMO_VERDEELMODEL_BRON })),
  );
  await db.insert(s.verdeelmodelGewichtensets).values({ regioId, naam: STANDAARD_SET_NAAM, indicatoren: standaardIndicatoren.map((i) => ({ ...i })) });
}
