import { useEffect, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { Select, SelectOption, Textbox } from '@utrecht/component-library-react';
import { queryString } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import { DOELGROEP_LABEL, FASE_LABEL, NIVEAU_LABEL } from '../labels';
import type { Ik } from '../types';
import { nlDatum } from '../format';
import { Pagina } from '../ui/Pagina';
import { Tabel, type Kolom, type Sortering } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { Gegevens } from '../ui/Status';

const PER_PAGINA = 50;

interface ClientRegel {
  id: string;
  pseudoniem: string;
  naam: string;
  leeftijd: number;
  jongere: boolean;
  doelgroep: string;
  herkomstgemeenteId: string;
  toestand: { fase: string; niveau: string | null; sinds: string | null; urgentie: number };
}

const FILTERS = ['fase', 'niveau', 'doelgroep', 'gemeenteId', 'jongeren', 'zoek', 'sorteer', 'richting', 'offset'] as const;
type Filter = (typeof FILTERS)[number];

/**
 * The client list: searched, filtered, sorted and paged by the server. The filters live in the address, so the
 * back button from a dossier returns to the same search and page.
 */
export function Clienten({ ik }: { ik: Ik }) {
  const orgs = useOrganisaties();
  const [params, zetParams] = useSearchParams();
  const f = (k: Filter) => params.get(k) ?? '';
  const zet = (wijziging: Partial<Record<Filter, string>>) => {
    const nieuw = new URLSearchParams(params);
    for (const [k, v] of Object.entries(wijziging)) (v ? nieuw.set(k, v) : nieuw.delete(k));
    // a new filter starts at the first page
    if (!('offset' in wijziging)) nieuw.delete('offset');
    zetParams(nieuw, { replace: true });
  };
  // typing is not a request per key: the search goes out when the typing pauses
  const [zoekTekst, zetZoekTekst] = useState(f('zoek'));
  useEffect(() => {
    if (zoekTekst === f('zoek')) return;
    const t = setTimeout(() => zet({ zoek: zoekTekst.trim() }), 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [zoekTekst]);

  const sortering: Sortering = { sorteer: f('sorteer') || 'pseudoniem', richting: f('richting') === 'af' ? 'af' : 'op' };
  const offset = Number(f('offset')) || 0;
  const url = `/api/clienten${queryString({ fase: f('fase'), niveau: f('niveau'), doelgroep: f('doelgroep'), gemeenteId: f('gemeenteId'), jongeren: f('jongeren'), zoek: f('zoek'), sorteer: sortering.sorteer, richting: sortering.richting, limiet: PER_PAGINA, offset })}`;
  const { data, fout } = useApi<{ totaal: number; clienten: ClientRegel[] }>(url);

  const keuze = (k: Filter, titel: string, opties: Record<string, string>) => (
    <Veld label={titel} naam={k}>
      {(p) => (
        <Select {...p} value={f(k)} onChange={(e) => zet({ [k]: e.target.value })}>
          <SelectOption value="">Alle</SelectOption>
          {Object.entries(opties).map(([w, l]) => (
            <SelectOption key={w} value={w}>
              {l}
            </SelectOption>
          ))}
        </Select>
      )}
    </Veld>
  );

  const kolommen: Kolom<ClientRegel>[] = [
    { kop: 'Pseudoniem', sorteer: 'pseudoniem', cel: (c) => <RouterLink className="utrecht-link" to={`/clienten/${c.id}`}>{c.pseudoniem}</RouterLink> },
    { kop: 'Naam', cel: (c) => c.naam },
    { kop: 'Leeftijd', sorteer: 'leeftijd', getal: true, cel: (c) => <>{c.leeftijd}{c.jongere && <span className="label"> 18–24</span>}</> },
    { kop: 'Doelgroep', cel: (c) => DOELGROEP_LABEL[c.doelgroep] ?? c.doelgroep },
    { kop: 'Herkomstgemeente', sorteer: 'gemeente', cel: (c) => orgs.naam(c.herkomstgemeenteId) },
    { kop: 'Fase', sorteer: 'fase', cel: (c) => FASE_LABEL[c.toestand.fase] ?? c.toestand.fase },
    { kop: 'Niveau', cel: (c) => (c.toestand.niveau ? NIVEAU_LABEL[c.toestand.niveau] : '—') },
    { kop: 'Urgentie', sorteer: 'urgentie', getal: true, cel: (c) => c.toestand.urgentie },
    { kop: 'In fase sinds', sorteer: 'wachtdagen', cel: (c) => nlDatum(c.toestand.sinds) },
  ];

  const toegang = ik.rol === 'medewerker_toegang';
  return (
    <Pagina
      titel="Cliënten"
      acties={
        toegang && (
          <>
            <RouterLink className="utrecht-button-link utrecht-button-link--primary-action-button" to="/clienten/nieuw">
              Nieuwe aanmelding
            </RouterLink>
            <RouterLink className="utrecht-button-link utrecht-button-link--secondary-action-button" to="/clienten/importeren">
              Importeren (CSV, Excel, iWmo)
            </RouterLink>
          </>
        )
      }
    >
      <div role="search" className="filters" aria-label="Cliënten zoeken en filteren">
        <Veld
          label="Zoeken"
          naam="zoek"
          beschrijving={ik.rol === 'alleen_lezen' ? 'Naam (elk woord, vanaf 3 letters ook het begin), begin van het pseudoniem of extern id.' : 'Naam (elk woord, vanaf 3 letters ook het begin), volledig BSN, begin van het pseudoniem of extern id.'}
        >
          {(p) => <Textbox {...p} type="search" autoComplete="off" value={zoekTekst} onChange={(e) => zetZoekTekst(e.target.value)} />}
        </Veld>
        {keuze('fase', 'Fase', FASE_LABEL)}
        {keuze('niveau', 'Niveau', NIVEAU_LABEL)}
        {keuze('doelgroep', 'Doelgroep', DOELGROEP_LABEL)}
        {keuze('gemeenteId', 'Herkomstgemeente', Object.fromEntries(orgs.gemeenten.map((g) => [g.id, g.naam])))}
        {keuze('jongeren', 'Leeftijd', { true: 'Jongeren 18–24', false: '25 jaar en ouder' })}
      </div>
      <Gegevens data={data} fout={fout}>
        {(d) =>
          d.totaal === 0 ? (
            <p className="leeg" role="status">
              {f('zoek') ? `Geen cliënten gevonden voor "${f('zoek')}" binnen het zicht van uw organisatie.` : 'Geen cliënten met deze filters.'}
            </p>
          ) : (
            <Tabel
              bijschrift="Cliënten binnen het zicht van uw organisatie"
              kolommen={kolommen}
              rijen={d.clienten}
              sleutel={(c) => c.id}
              sortering={sortering}
              onSorteer={(s) => zet({ sorteer: s.sorteer, richting: s.richting })}
              paginering={{ offset, limiet: PER_PAGINA, totaal: d.totaal, onOffset: (o) => zet({ offset: String(o) }) }}
              eenheid="cliënten"
            />
          )
        }
      </Gegevens>
    </Pagina>
  );
}
