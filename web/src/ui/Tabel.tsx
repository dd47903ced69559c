import { useState, type ReactNode } from 'react';
import {
  Button,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableContainer,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { getal } from '../format';

export interface Kolom<R> {
  kop: ReactNode;
  cel: (rij: R) => ReactNode;
  /** the server's (or `sorteerLokaal`'s) sort key; without it the column cannot be sorted */
  sorteer?: string;
  getal?: boolean;
}

export interface Sortering {
  sorteer: string;
  richting: 'op' | 'af';
}

export interface Paginering {
  offset: number;
  limiet: number;
  totaal: number;
  onOffset: (offset: number) => void;
}

/**
 * Paging and sorting of a list the server pages: a new sort or filter starts at the first page again. `query` goes
 * into the API address, `tabel(totaal)` onto the Tabel.
 */
export function useBladeren(standaard: Sortering, limiet: number) {
  const [sortering, zetSortering] = useState(standaard);
  const [offset, zetOffset] = useState(0);
  return {
    offset,
    sortering,
    vanafBegin: () => zetOffset(0),
    query: { sorteer: sortering.sorteer, richting: sortering.richting, limiet, offset },
    tabel: (totaal: number) => ({
      sortering,
      onSorteer: (s: Sortering) => {
        zetOffset(0);
        zetSortering(s);
      },
      paginering: { offset, limiet, totaal, onOffset: zetOffset },
    }),
  };
}

/**
 * The one table of the app: NL Design System table, a caption (its accessible name), sortable columns as buttons
 * in the header with `aria-sort`, and paging with a total. It scrolls inside its own container on a small screen,
 * so the page itself never scrolls sideways.
 */
export function Tabel<R>({
  bijschrift,
  kolommen,
  rijen,
  sleutel,
  sortering,
  onSorteer,
  paginering,
  eenheid = 'regels',
}: {
  bijschrift: ReactNode;
  kolommen: Kolom<R>[];
  rijen: R[];
  sleutel: (rij: R) => string;
  sortering?: Sortering;
  onSorteer?: (s: Sortering) => void;
  paginering?: Paginering;
  /** what the rows are, for the total: "cliënten" */
  eenheid?: string;
}) {
  const kopCel = (k: Kolom<R>, i: number) => {
    const actief = sortering && k.sorteer && sortering.sorteer === k.sorteer;
    const ariaSort = !k.sorteer || !sortering ? undefined : actief ? (sortering.richting === 'op' ? 'ascending' : 'descending') : 'none';
    return (
      <TableHeaderCell key={i} scope="col" aria-sort={ariaSort} className={k.getal ? 'utrecht-table__header-cell--numeric-column' : undefined}>
        {k.sorteer && onSorteer && sortering ? (
          <button
            type="button"
            className="sorteerknop"
            onClick={() => onSorteer({ sorteer: k.sorteer!, richting: actief && sortering.richting === 'op' ? 'af' : 'op' })}
          >
            {k.kop}
            <span aria-hidden="true" className="sorteerpijl">
              {actief ? (sortering.richting === 'op' ? ' ▲' : ' ▼') : ' ↕'}
            </span>
          </button>
        ) : (
          k.kop
        )}
      </TableHeaderCell>
    );
  };
  return (
    <div className="tabel">
      <TableContainer className="utrecht-table-container--overflow-inline" tabIndex={0} role="region" aria-label={typeof bijschrift === 'string' ? bijschrift : undefined}>
        <Table>
          <TableCaption>{bijschrift}</TableCaption>
          <TableHeader>
            <TableRow>{kolommen.map(kopCel)}</TableRow>
          </TableHeader>
          <TableBody>
            {rijen.map((r) => (
              <TableRow key={sleutel(r)}>
                {kolommen.map((k, i) => (
                  <TableCell key={i} className={k.getal ? 'utrecht-table__cell--numeric-column utrecht-table__cell--numeric-data' : undefined}>
                    {k.cel(r)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {paginering ? <Pager {...paginering} eenheid={eenheid} /> : <p className="totaal">{aantalMet(rijen.length, eenheid)}</p>}
    </div>
  );
}

/** The singular of the units the tables count in, so a total reads "1 regel", not "1 regels". */
const ENKELVOUD: Record<string, string> = {
  afspraken: 'afspraak',
  beoordelingen: 'beoordeling',
  cliënten: 'cliënt',
  cohorten: 'cohort',
  domeinen: 'domein',
  dossiers: 'dossier',
  evaluaties: 'evaluatie',
  gebeurtenissen: 'gebeurtenis',
  gemeenten: 'gemeente',
  groepen: 'groep',
  grondslagen: 'grondslag',
  kandidaten: 'kandidaat',
  meldingen: 'melding',
  organisaties: 'organisatie',
  perioden: 'periode',
  plaatsingen: 'plaatsing',
  regels: 'regel',
  rijen: 'rij',
  "regio's": 'regio',
  schulden: 'schuld',
  signalen: 'signaal',
  soorten: 'soort',
  "thema's": 'thema',
  versies: 'versie',
  voorstellen: 'voorstel',
  wachtenden: 'wachtende',
  woningen: 'woning',
  doelen: 'doel',
  corporaties: 'corporatie',
  gewichten: 'gewicht',
  rondes: 'ronde',
};

/** "1 regel", "3 regels": the unit in the singular for exactly one. */
export const aantalMet = (n: number, eenheid: string) => `${getal(n)} ${n === 1 ? (ENKELVOUD[eenheid] ?? eenheid) : eenheid}`;

export function Pager({ offset, limiet, totaal, onOffset, eenheid = 'regels' }: Paginering & { eenheid?: string }) {
  const pagina = Math.floor(offset / limiet) + 1;
  const paginas = Math.max(1, Math.ceil(totaal / limiet));
  return (
    <nav className="pager geen-print" aria-label={`Pagina's van ${eenheid}`}>
      <p className="totaal" aria-live="polite">
        {totaal === 0 ? `Geen ${eenheid}` : `${getal(offset + 1)}–${getal(Math.min(offset + limiet, totaal))} van ${aantalMet(totaal, eenheid)}`}
      </p>
      {paginas > 1 && (
        <>
          <Button appearance="secondary-action-button" disabled={pagina <= 1} onClick={() => onOffset(Math.max(0, offset - limiet))}>
            Vorige
          </Button>
          <span>
            pagina {pagina} van {paginas}
          </span>
          <Button appearance="secondary-action-button" disabled={pagina >= paginas} onClick={() => onOffset(offset + limiet)}>
            Volgende
          </Button>
        </>
      )}
    </nav>
  );
}

/** Sorting for short lists the server sends whole (a dossier's events, a round's proposals). */
export function sorteerLokaal<R>(rijen: R[], s: Sortering, waarde: Record<string, (r: R) => string | number | null>): R[] {
  const f = waarde[s.sorteer];
  if (!f) return rijen;
  const teken = s.richting === 'op' ? 1 : -1;
  return [...rijen].sort((a, b) => {
    const x = f(a);
    const y = f(b);
    if (x == null) return 1;
    if (y == null) return -1;
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'nl')) * teken;
  });
}
