import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, ButtonGroup, Heading2, Heading3, Paragraph, Select, SelectOption, Textarea } from '@utrecht/component-library-react';
import { api, ApiFout } from '../api';
import { useApi, useWijziging } from '../hooks';
import { nlDatum } from '../format';
import type { Ik } from '../types';
import { alleenLezen } from '../ik';
import { Tabel, type Kolom } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { Fout, Gegevens } from '../ui/Status';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';
import { DatumInvoer } from '../ui/DatumInvoer';

export interface Parkering {
  id: string;
  clientId: string;
  pseudoniem: string;
  redenCode: string;
  redenLabel: string;
  toelichting: string | null;
  vanaf: string;
  tot: string;
  beeindigdOp: string | null;
  doorOrganisatie: string;
  actief: boolean;
}

export interface Redenen {
  partijen: { partij: string; label: string; redenen: { code: string; label: string }[] }[];
  eigenPartijen: string[];
  parkeren: { code: string; label: string }[];
  parkerenDagen: { min: number; max: number };
}

/** Who parks: the toegang of a gemeente (the server says the same). */
export const magParkeren = (ik: Ik) => !alleenLezen(ik) && (ik.soort === 'centrumgemeente' || ik.soort === 'regiogemeente') && (ik.rol === 'beheerder' || ik.rol === 'medewerker_toegang');

const PARKEREN_PADEN = ['/api/clienten', '/api/matching', '/api/kandidaten', '/api/wachtlijsten'];

/** Ends a parking early after a confirmation; the client is a candidate again from today. */
export function BeeindigKnop({ p }: { p: Parkering }) {
  const [dialoog, vraag] = useBevestiging();
  const meld = useMeld();
  const [fout, zetFout] = useState<string | null>(null);
  const eind = useWijziging(() => api<Parkering>(`/api/parkeringen/${p.id}/beeindigen`, { method: 'POST', body: {} }), PARKEREN_PADEN);
  const klik = async () => {
    zetFout(null);
    if (!(await vraag({ titel: 'Parkeren beëindigen?', tekst: `${p.pseudoniem} doet vanaf vandaag weer mee in de matching (geparkeerd tot ${nlDatum(p.tot)}).`, bevestig: 'Parkeren beëindigen' }))) return;
    try {
      await eind.mutateAsync(undefined);
      meld(`Parkeren beëindigd: ${p.pseudoniem} doet weer mee in de volgende matchingronde.`);
    } catch (e) {
      zetFout((e as Error).message);
    }
  };
  return (
    <>
      {dialoog}
      <Button appearance="secondary-action-button" data-actie onClick={klik} disabled={eind.isPending}>
        Parkeren beëindigen<span className="visueel-verborgen"> voor {p.pseudoniem}</span>
      </Button>
      {fout && <Fout>{fout}</Fout>}
    </>
  );
}

/**
 * Parking on the dossier: the current and earlier parkings, and for the toegang a form to park (coded reason, end
 * date 30–365 days ahead, optional note) or to end a parking early. Both ask for confirmation and say what happened.
 */
export function ParkerenOpDossier({ clientId, pseudoniem, ik }: { clientId: string; pseudoniem: string; ik: Ik }) {
  const pad = `/api/clienten/${clientId}/parkeringen`;
  const { data, fout } = useApi<Parkering[]>(pad);
  const redenen = useApi<Redenen>('/api/matching/redenen');
  const [dialoog, vraag] = useBevestiging();
  const meld = useMeld();
  const [reden, zetReden] = useState('');
  const [tot, zetTot] = useState('');
  const [toelichting, zetToelichting] = useState('');
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const parkeer = useWijziging((body: unknown) => api<Parkering>(`/api/clienten/${clientId}/parkeren`, { method: 'POST', body }), PARKEREN_PADEN);
  const actief = (data ?? []).find((p) => p.actief);
  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    zetAlgemeen(null);
    const eigen: Record<string, string> = {};
    if (!reden) eigen.redenCode = 'Kies de reden van het parkeren.';
    if (!tot) eigen.einddatum = 'Vul de einddatum in (dag-maand-jaar).';
    zetFouten(eigen);
    if (Object.keys(eigen).length) return;
    const label = redenen.data?.parkeren.find((r) => r.code === reden)?.label ?? reden;
    if (!(await vraag({ titel: 'Cliënt parkeren?', tekst: `${pseudoniem} doet tot ${nlDatum(tot)} niet mee in de matching (${label.toLowerCase()}). Op die datum doet de cliënt vanzelf weer mee.`, bevestig: 'Parkeren' }))) return;
    try {
      const p = await parkeer.mutateAsync({ redenCode: reden, einddatum: tot, toelichting: toelichting.trim() || null });
      meld(`${pseudoniem} is geparkeerd tot ${nlDatum(p.tot)}.`);
      zetReden('');
      zetTot('');
      zetToelichting('');
    } catch (err) {
      const perVeld = err instanceof ApiFout ? err.veldFouten : {};
      zetFouten(perVeld);
      zetAlgemeen(Object.keys(perVeld).length ? 'Niet geparkeerd: verbeter de velden met een melding.' : (err as Error).message);
    }
  };
  return (
    <section aria-labelledby="kop-parkeren" className="dossier-deel">
      {dialoog}
      <Heading2 id="kop-parkeren">Parkeren</Heading2>
      <Paragraph>
        Een geparkeerde cliënt doet tijdelijk niet mee in de matchingronden en staat niet bij de kandidaten van de corporaties. Na de einddatum doet de
        cliënt vanzelf weer mee.
      </Paragraph>
      <Gegevens data={data} fout={fout} leeg="Deze cliënt is nooit geparkeerd." isLeeg={(d) => d.length === 0}>
        {(d) => (
          <Tabel
            bijschrift="Parkeringen"
            eenheid="parkeringen"
            rijen={d}
            sleutel={(p) => p.id}
            kolommen={[
              { kop: 'Reden', cel: (p) => p.redenLabel },
              { kop: 'Van', cel: (p) => nlDatum(p.vanaf) },
              { kop: 'Tot', cel: (p) => (p.beeindigdOp ? `${nlDatum(p.beeindigdOp)} (eerder beëindigd, was ${nlDatum(p.tot)})` : nlDatum(p.tot)) },
              { kop: 'Status', cel: (p) => (p.actief ? <strong>geparkeerd</strong> : 'afgelopen') },
              { kop: 'Door', cel: (p) => p.doorOrganisatie },
              ...(magParkeren(ik) ? [{ kop: <span className="visueel-verborgen">Actie</span>, cel: (p: Parkering) => (p.actief ? <BeeindigKnop p={p} /> : null) }] : []),
            ]}
          />
        )}
      </Gegevens>
      {magParkeren(ik) && !actief && redenen.data && (
        <form onSubmit={verstuur} noValidate className="formulier" aria-labelledby="kop-parkeer-form">
          <Heading3 id="kop-parkeer-form">Cliënt parkeren</Heading3>
          <Veld label="Reden van parkeren" naam="redenCode" fout={fouten.redenCode}>
            {(p) => (
              <Select {...p} value={reden} onChange={(e) => zetReden(e.target.value)} data-actie>
                <SelectOption value="">Kies een reden</SelectOption>
                {redenen.data!.parkeren.map((r) => (
                  <SelectOption key={r.code} value={r.code}>
                    {r.label}
                  </SelectOption>
                ))}
              </Select>
            )}
          </Veld>
          <Veld label="Einddatum" naam="einddatum" fout={fouten.einddatum} beschrijving={`Tussen ${redenen.data.parkerenDagen.min} en ${redenen.data.parkerenDagen.max} dagen na vandaag.`}>
            {(p) => <DatumInvoer {...p} value={tot} onChange={zetTot} />}
          </Veld>
          <Veld label="Toelichting" naam="toelichting" fout={fouten.toelichting} beschrijving='Verplicht bij "Andere reden". Alleen voor gemeente en zorg; noem geen diagnose.'>
            {(p) => <Textarea {...p} rows={2} value={toelichting} onChange={(e) => zetToelichting(e.target.value)} data-actie />}
          </Veld>
          {algemeen && <Fout>{algemeen}</Fout>}
          <ButtonGroup>
            <Button appearance="primary-action-button" type="submit" disabled={parkeer.isPending} data-actie>
              Parkeren
            </Button>
          </ButtonGroup>
        </form>
      )}
    </section>
  );
}

/** Parked clients of the own view on the Matching page: soonest back first, paged by the server. */
export function GeparkeerdeClienten({ ik }: { ik: Ik }) {
  const [offset, zetOffset] = useState(0);
  const { data, fout } = useApi<{ totaal: number; parkeringen: Parkering[] }>(`/api/matching/parkeringen?limiet=10&offset=${offset}`);
  const kolommen: Kolom<Parkering>[] = [
    { kop: 'Cliënt', cel: (p) => <Link to={`/clienten/${p.clientId}`}>{p.pseudoniem}</Link> },
    { kop: 'Reden', cel: (p) => p.redenLabel },
    { kop: 'Geparkeerd tot', cel: (p) => nlDatum(p.tot) },
    ...(magParkeren(ik) ? [{ kop: <span className="visueel-verborgen">Actie</span>, cel: (p: Parkering) => <BeeindigKnop p={p} /> }] : []),
  ];
  return (
    <section aria-labelledby="kop-geparkeerd">
      <Heading2 id="kop-geparkeerd">Geparkeerde cliënten</Heading2>
      <Paragraph>Deze cliënten doen tot de genoemde datum niet mee in de matching. Parkeren gaat vanuit het dossier van de cliënt.</Paragraph>
      <Gegevens data={data} fout={fout} leeg="Er zijn nu geen geparkeerde cliënten." isLeeg={(d) => d.totaal === 0}>
        {(d) => <Tabel bijschrift="Geparkeerde cliënten" eenheid="cliënten" rijen={d.parkeringen} sleutel={(p) => p.id} kolommen={kolommen} paginering={{ offset, limiet: 10, totaal: d.totaal, onOffset: zetOffset }} />}
      </Gegevens>
    </section>
  );
}
