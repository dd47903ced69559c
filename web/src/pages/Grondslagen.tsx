import { useState, type FormEvent } from 'react';
import { Button, Heading2, Heading3, Paragraph, Select, SelectOption, Textarea, Textbox } from '@utrecht/component-library-react';
import { api } from '../api';
import { useApi, useOrganisaties, useWijziging } from '../hooks';
import { nlDatum } from '../format';
import { REIKWIJDTE_LABEL, WETTELIJKE_GRONDSLAGEN } from '../../../src/domain/grondslagen';
import { Tabel, type Kolom } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { Gegevens } from '../ui/Status';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';
import { vandaagIso, verdeelFout } from './NieuweClient';
import { LabelOpties } from '../ui/LabelOpties';
import { DatumInvoer } from '../ui/DatumInvoer';
import { FormulierVoet } from '../ui/FormulierVoet';

interface Grondslag {
  id: string;
  reikwijdte: string;
  soort: 'toestemming' | 'wettelijk';
  wettelijkeGrondslag: string | null;
  wettelijkeGrondslagTekst: string | null;
  referentie: string | null;
  ingangsdatum: string;
  einddatum: string | null;
  vastgelegdOp: string;
  vastgelegdDoorNaam: string | null;
  vastgelegdOrganisatieId: string;
  ingetrokkenOp: string | null;
  ingetrokkenDoorNaam: string | null;
  intrekkingsreden: string | null;
  status: 'geldig' | 'nog_niet' | 'verlopen' | 'ingetrokken';
}

const STATUS: Record<Grondslag['status'], string> = { geldig: 'Geldig', nog_niet: 'Nog niet ingegaan', verlopen: 'Verlopen', ingetrokken: 'Ingetrokken' };
const REIKWIJDTE: Readonly<Record<string, string>> = REIKWIJDTE_LABEL;

/**
 * On which basis this client's data may be shared: consent or a named legal basis per kind of sharing. Without a
 * valid basis for corporaties the client is left out of the candidate list and the matching rounds.
 */
export function Grondslagen({ clientId, magSchrijven }: { clientId: string; magSchrijven: boolean }) {
  const orgs = useOrganisaties();
  const pad = `/api/clienten/${clientId}/grondslagen`;
  const { data, fout } = useApi<{ peildatum: string; zichtbaarVoorCorporatie: boolean; grondslagen: Grondslag[] }>(pad);
  const [intrekken, zetIntrekken] = useState<Grondslag | null>(null);
  const kolommen: Kolom<Grondslag>[] = [
    { kop: 'Voor', cel: (g) => REIKWIJDTE[g.reikwijdte] ?? g.reikwijdte },
    { kop: 'Grondslag', cel: (g) => (g.soort === 'toestemming' ? 'Toestemming van de cliënt' : g.wettelijkeGrondslagTekst) },
    { kop: 'Referentie', cel: (g) => g.referentie ?? '—' },
    { kop: 'Gegeven', cel: (g) => nlDatum(g.ingangsdatum) },
    { kop: 'Einde', cel: (g) => (g.einddatum ? nlDatum(g.einddatum) : 'geen') },
    { kop: 'Vastgelegd door', cel: (g) => `${g.vastgelegdDoorNaam ?? '—'} (${orgs.naam(g.vastgelegdOrganisatieId)}), ${nlDatum(g.vastgelegdOp)}` },
    {
      kop: 'Status',
      cel: (g) => (
        <>
          {STATUS[g.status]}
          {g.ingetrokkenOp && <div>op {nlDatum(g.ingetrokkenOp)} door {g.ingetrokkenDoorNaam ?? '—'}: {g.intrekkingsreden}</div>}
        </>
      ),
    },
    ...(magSchrijven
      ? [
          {
            kop: <span className="visueel-verborgen">Acties</span>,
            cel: (g: Grondslag) =>
              !g.ingetrokkenOp && g.status !== 'verlopen' ? (
                <Button appearance="secondary-action-button" className="geen-print" onClick={() => zetIntrekken(g)} aria-label={`${REIKWIJDTE[g.reikwijdte]} intrekken`}>
                  Intrekken
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <section className="dossier-deel" data-testid="grondslagen" aria-labelledby="kop-grondslagen">
      <Heading2 id="kop-grondslagen">Grondslag en toestemming</Heading2>
      <Gegevens data={data} fout={fout}>
        {(d) => (
          <>
            {d.zichtbaarVoorCorporatie ? (
              <Paragraph>Zichtbaar voor corporaties als gepseudonimiseerde kandidaat (geldige grondslag op {nlDatum(d.peildatum)}).</Paragraph>
            ) : (
              <Paragraph role="status">
                <strong>Niet zichtbaar voor corporaties: geen geldige grondslag</strong>
              </Paragraph>
            )}
            {d.grondslagen.length === 0 ? (
              <Paragraph className="leeg">Nog geen toestemming of wettelijke grondslag vastgelegd.</Paragraph>
            ) : (
              <Tabel bijschrift="Grondslagen en toestemmingen" kolommen={kolommen} rijen={d.grondslagen} sleutel={(g) => g.id} eenheid="grondslagen" />
            )}
          </>
        )}
      </Gegevens>
      {magSchrijven && intrekken && <Intrekken key={intrekken.id} pad={pad} g={intrekken} sluit={() => zetIntrekken(null)} />}
      {magSchrijven && <NieuweGrondslag pad={pad} />}
    </section>
  );
}

function Intrekken({ pad, g, sluit }: { pad: string; g: Grondslag; sluit: () => void }) {
  const meld = useMeld();
  const [dialoog, vraag] = useBevestiging();
  const [reden, zetReden] = useState('');
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const trekIn = useWijziging((body: unknown) => api(`${pad}/${g.id}/intrekken`, { method: 'POST', body }), [pad, '/api/kandidaten']);
  const naam = REIKWIJDTE[g.reikwijdte] ?? g.reikwijdte;
  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    zetFouten({});
    zetAlgemeen(null);
    const ja = await vraag({
      titel: `${naam} intrekken?`,
      tekst: `De grondslag wordt vandaag ingetrokken; de geschiedenis blijft bewaard.${g.reikwijdte === 'corporatie_kandidaatprofiel' ? ' Zonder andere geldige grondslag is de cliënt niet meer zichtbaar voor corporaties.' : ''}`,
      bevestig: 'Intrekken',
    });
    if (!ja) return;
    try {
      await trekIn.mutateAsync({ reden });
      meld(`Grondslag "${naam}" ingetrokken.`);
      sluit();
    } catch (err) {
      const f = verdeelFout(err);
      zetFouten(f.velden);
      zetAlgemeen(f.algemeen);
    }
  };
  return (
    <>
    <form className="kaart geen-print" onSubmit={(e) => void verstuur(e)} noValidate aria-labelledby="kop-intrekken">
      <Heading3 id="kop-intrekken">{naam} intrekken</Heading3>
      <Veld label="Reden" naam="reden" fout={fouten.reden} beschrijving="Waarom de toestemming of grondslag vervalt; wordt vastgelegd.">
        {(p) => <Textarea {...p} rows={2} value={reden} onChange={(e) => zetReden(e.target.value)} />}
      </Veld>
      <FormulierVoet knop="Intrekken" bezig={trekIn.isPending} fout={algemeen} onAnnuleer={sluit} />
    </form>
    {dialoog}
    </>
  );
}

function NieuweGrondslag({ pad }: { pad: string }) {
  const meld = useMeld();
  const [reikwijdte, zetReikwijdte] = useState(Object.keys(REIKWIJDTE)[0]!);
  const [soort, zetSoort] = useState<'toestemming' | 'wettelijk'>('toestemming');
  const [wettelijk, zetWettelijk] = useState(Object.keys(WETTELIJKE_GRONDSLAGEN)[0]!);
  const [referentie, zetReferentie] = useState('');
  const [ingangsdatum, zetIngangsdatum] = useState(vandaagIso());
  const [einddatum, zetEinddatum] = useState('');
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const vastleggen = useWijziging((body: unknown) => api(pad, { method: 'POST', body }), [pad, '/api/kandidaten']);
  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    zetFouten({});
    zetAlgemeen(null);
    try {
      await vastleggen.mutateAsync({
        reikwijdte,
        soort,
        wettelijkeGrondslag: soort === 'wettelijk' ? wettelijk : null,
        referentie: referentie.trim() || null,
        ingangsdatum,
        einddatum: einddatum || null,
      });
      meld('Grondslag vastgelegd.');
      zetReferentie('');
      zetEinddatum('');
    } catch (err) {
      const f = verdeelFout(err);
      zetFouten(f.velden);
      zetAlgemeen(f.algemeen);
    }
  };
  return (
    <form className="kaart geen-print" onSubmit={(e) => void verstuur(e)} noValidate aria-labelledby="kop-nieuwe-grondslag">
      <Heading3 id="kop-nieuwe-grondslag">Grondslag vastleggen</Heading3>
      <div className="velden">
        <Veld label="Voor" naam="reikwijdte" fout={fouten.reikwijdte}>
          {(p) => (
            <Select {...p} value={reikwijdte} onChange={(e) => zetReikwijdte(e.target.value)}>
              <LabelOpties labels={REIKWIJDTE} />
            </Select>
          )}
        </Veld>
        <Veld label="Soort" naam="soort" fout={fouten.soort}>
          {(p) => (
            <Select {...p} value={soort} onChange={(e) => zetSoort(e.target.value as 'toestemming' | 'wettelijk')}>
              <SelectOption value="toestemming">Toestemming van de cliënt</SelectOption>
              <SelectOption value="wettelijk">Wettelijke grondslag</SelectOption>
            </Select>
          )}
        </Veld>
        {soort === 'wettelijk' && (
          <Veld label="Wettelijke grondslag" naam="wettelijkeGrondslag" fout={fouten.wettelijkeGrondslag}>
            {(p) => (
              <Select {...p} value={wettelijk} onChange={(e) => zetWettelijk(e.target.value)}>
                <LabelOpties labels={WETTELIJKE_GRONDSLAGEN} />
              </Select>
            )}
          </Veld>
        )}
        <Veld label="Referentie" naam="referentie" fout={fouten.referentie} beschrijving={soort === 'wettelijk' ? 'Nummer van de beschikking (verplicht).' : 'Het toestemmingsformulier (optioneel).'}>
          {(p) => <Textbox {...p} value={referentie} onChange={(e) => zetReferentie(e.target.value)} />}
        </Veld>
        <Veld label="Datum gegeven" naam="ingangsdatum" fout={fouten.ingangsdatum}>
          {(p) => <DatumInvoer {...p} value={ingangsdatum} onChange={zetIngangsdatum} />}
        </Veld>
        <Veld label="Einddatum" naam="einddatum" fout={fouten.einddatum} beschrijving="Optioneel.">
          {(p) => <DatumInvoer {...p} value={einddatum} onChange={zetEinddatum} />}
        </Veld>
      </div>
      <FormulierVoet knop="Vastleggen" bezig={vastleggen.isPending} fout={algemeen} />
    </form>
  );
}
