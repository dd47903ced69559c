import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { Paragraph, Select, SelectOption } from '@utrecht/component-library-react';
import { queryString } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import { DOELGROEP_LABEL, NIVEAU_LABEL } from '../labels';
import type { Ik } from '../types';
import { getal, nlDatum } from '../format';
import { Pagina } from '../ui/Pagina';
import { Tabel, type Kolom, useBladeren } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { Gegevens } from '../ui/Status';
import { LabelOpties } from '../ui/LabelOpties';
import { GemeenteOpties } from '../ui/GemeenteOpties';

const PER_PAGINA = 50;

interface Regel {
  clientId: string;
  pseudoniem: string;
  urgentie: number;
  wachtSinds: string;
  wachtdagen: number;
  niveau: string | null;
  gemeenteId: string;
  jongere: boolean;
  doelgroep: string;
}

const SOORT_LABEL = { uitstroom: 'Uitstroom (uitstroomklaar, wacht op woning)', instroom: 'Instroom (geïndiceerd, wacht op een plek)' };

/** Both waiting lists, in priority order or sorted another way by the server, paged with a total and the median wait. */
export function Wachtlijsten({ ik }: { ik: Ik }) {
  const orgs = useOrganisaties();
  const [soort, zetSoort] = useState<'instroom' | 'uitstroom'>('uitstroom');
  const [gemeenteId, zetGemeente] = useState(ik.soort === 'regiogemeente' ? ik.organisatieId : '');
  const [niveau, zetNiveau] = useState('');
  const blad = useBladeren({ sorteer: 'prioriteit', richting: 'op' }, PER_PAGINA);
  const { sortering, offset } = blad;
  const { data, fout } = useApi<{ peildatum: string; totaal: number; mediaanWachtdagen: number | null; regels: Regel[] }>(
    `/api/wachtlijsten/${soort}${queryString({ gemeenteId, niveau, ...blad.query })}`,
  );
  const opPrioriteit = sortering.sorteer === 'prioriteit';
  const kolommen: Kolom<Regel>[] = [
    { kop: 'Plaats', sorteer: 'prioriteit', getal: true, cel: (r) => (opPrioriteit ? (sortering.richting === 'op' ? offset + data!.regels.indexOf(r) + 1 : data!.totaal - offset - data!.regels.indexOf(r)) : '—') },
    { kop: 'Pseudoniem', sorteer: 'pseudoniem', cel: (r) => <><RouterLink className="utrecht-link" to={`/clienten/${r.clientId}`}>{r.pseudoniem}</RouterLink>{r.jongere && <span className="label"> 18–24</span>}</> },
    { kop: 'Urgentie', sorteer: 'urgentie', getal: true, cel: (r) => r.urgentie },
    { kop: 'Wacht sinds', cel: (r) => nlDatum(r.wachtSinds) },
    { kop: 'Wachttijd', sorteer: 'wachtdagen', getal: true, cel: (r) => `${getal(r.wachtdagen)} dagen` },
    { kop: 'Niveau', cel: (r) => (r.niveau ? NIVEAU_LABEL[r.niveau] : '—') },
    { kop: 'Herkomstgemeente', cel: (r) => orgs.naam(r.gemeenteId) },
    { kop: 'Doelgroep', cel: (r) => DOELGROEP_LABEL[r.doelgroep] ?? r.doelgroep },
  ];
  const filter = <T,>(zetter: (v: T) => void) => (v: T) => {
    blad.vanafBegin();
    zetter(v);
  };
  return (
    <Pagina titel="Wachtlijsten">
      <Paragraph>
        De plaats op de lijst volgt eerst de urgentie (3 = acuut), dan de langste wachttijd. Instroom: geïndiceerd en wachtend op een plek; uitstroom:
        uitstroomklaar en wachtend op een woning. Sorteer op een kolom om de lijst anders te bekijken; de plaats blijft die van de prioriteit.
      </Paragraph>
      <div className="filters" role="search" aria-label="Wachtlijst kiezen en filteren">
        <Veld label="Wachtlijst" naam="soort">
          {(p) => (
            <Select {...p} value={soort} onChange={(e) => filter(zetSoort)(e.target.value as 'instroom' | 'uitstroom')}>
              <LabelOpties labels={SOORT_LABEL} />
            </Select>
          )}
        </Veld>
        <Veld label="Herkomstgemeente" naam="gemeenteId">
          {(p) => (
            <Select {...p} value={gemeenteId} onChange={(e) => filter(zetGemeente)(e.target.value)}>
              <GemeenteOpties alle="Alle" />
            </Select>
          )}
        </Veld>
        <Veld label="Niveau" naam="niveau">
          {(p) => (
            <Select {...p} value={niveau} onChange={(e) => filter(zetNiveau)(e.target.value)}>
              <SelectOption value="">Alle</SelectOption>
              <LabelOpties labels={NIVEAU_LABEL} />
            </Select>
          )}
        </Veld>
      </div>
      <Gegevens data={data} fout={fout} leeg="Niemand op deze wachtlijst met deze filters." isLeeg={(d) => d.totaal === 0}>
        {(d) => (
          <>
            <Paragraph>
              Mediane wachttijd: {d.mediaanWachtdagen == null ? '—' : `${getal(d.mediaanWachtdagen)} dagen`} (peildatum {nlDatum(d.peildatum)}).
            </Paragraph>
            <Tabel
              bijschrift={`Wachtlijst ${soort}`}
              kolommen={kolommen}
              rijen={d.regels}
              sleutel={(r) => r.clientId}
              {...blad.tabel(d.totaal)}
              eenheid="wachtenden"
            />
          </>
        )}
      </Gegevens>
    </Pagina>
  );
}
