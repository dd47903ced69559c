import { useState, type FormEvent } from 'react';
import { Alert, Button, Heading2, Paragraph, Select, SelectOption, Textbox } from '@utrecht/component-library-react';
import { api, ApiFout } from '../api';
import { useApi, useOrganisaties, useWijziging } from '../hooks';
import type { Ik } from '../types';
import { getal } from '../format';
import { Pagina } from '../ui/Pagina';
import { Tabel } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { Voortgang } from '../ui/Voortgang';
import { Fout, Gegevens } from '../ui/Status';
import { useMeld } from '../ui/Melding';
import { JAREN, type Afspraak } from './Woningen';
import { FormulierVoet } from '../ui/FormulierVoet';

interface Dekking {
  jaar: number;
  gemeenten: { gemeenteId: string; gemeente: string; soort: string; plekken: number; doelPlekken: number; aanbieders: number; heeftAanbod: boolean }[];
  zonderAanbod: string[];
}
interface BtRij {
  id: string;
  gemeente: string;
  aanbieder: string;
  plekken: number;
  doelPlekken: number;
}

const isGemeente = (ik: Ik) => ik.soort === 'centrumgemeente' || ik.soort === 'regiogemeente';
const magSchrijven = (ik: Ik) => isGemeente(ik) && ik.rol !== 'alleen_lezen';

function JaarKeuze({ jaar, zet, naam }: { jaar: number; zet: (j: number) => void; naam: string }) {
  return (
    <div className="filters" data-leesactie>
      <Veld label="Jaar" naam={naam}>
        {(p) => (
          <Select {...p} value={String(jaar)} onChange={(e) => zet(Number(e.target.value))}>
            {JAREN.map((j) => (
              <SelectOption key={j} value={String(j)}>
                {j}
              </SelectOption>
            ))}
          </Select>
        )}
      </Veld>
    </div>
  );
}

/** Add or change an agreement: the gemeente proposes and records it, the corporatie reads along. */
function AfspraakFormulier({ ik, jaar, bestaand, sluit }: { ik: Ik; jaar: number; bestaand: Afspraak | null; sluit: () => void }) {
  const orgs = useOrganisaties();
  const meld = useMeld();
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const gemeenten = ik.soort === 'centrumgemeente' ? orgs.gemeenten : orgs.gemeenten.filter((g) => g.id === ik.organisatieId);
  const corporaties = orgs.lijst.filter((o) => o.soort === 'woningcorporatie');
  const opslaan = useWijziging(
    (body: Record<string, unknown>) => (bestaand ? api(`/api/afspraken/${bestaand.id}`, { method: 'PATCH', body }) : api('/api/afspraken', { method: 'POST', body: { ...body, jaar } })),
    ['/api/afspraken'],
  );
  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const velden: Record<string, unknown> = { aantal: Number(f.get('aantal')), maxPerComplex: Number(f.get('maxPerComplex')), maxPerWijk: Number(f.get('maxPerWijk')), begeleiding: f.get('begeleiding') };
    if (!bestaand) Object.assign(velden, { gemeenteId: f.get('gemeenteId'), corporatieId: f.get('corporatieId') });
    zetFouten({});
    try {
      await opslaan.mutateAsync(velden);
      meld(bestaand ? `Afspraak ${bestaand.jaar} ${bestaand.gemeente} – ${bestaand.corporatie} gewijzigd.` : `Afspraak ${jaar} vastgelegd.`);
      sluit();
    } catch (err) {
      const v = err instanceof ApiFout ? err.veldFouten : {};
      zetFouten(Object.keys(v).length ? v : { algemeen: (err as Error).message });
    }
  };
  return (
    <form className="voorstel-paneel formulier" onSubmit={verstuur} noValidate key={bestaand?.id ?? 'nieuw'} aria-labelledby="afspraak-kop">
      <Heading2 id="afspraak-kop">{bestaand ? `Afspraak ${bestaand.jaar} ${bestaand.gemeente} – ${bestaand.corporatie} wijzigen` : `Nieuwe afspraak ${jaar}`}</Heading2>
      {!bestaand && (
        <>
          <Veld label="Gemeente" naam="gemeenteId" fout={fouten.gemeenteId}>
            {(p) => <Select {...p}>{gemeenten.map((g) => <SelectOption key={g.id} value={g.id}>{g.naam}</SelectOption>)}</Select>}
          </Veld>
          <Veld label="Corporatie" naam="corporatieId" fout={fouten.corporatieId}>
            {(p) => <Select {...p}>{corporaties.map((c) => <SelectOption key={c.id} value={c.id}>{c.naam}</SelectOption>)}</Select>}
          </Veld>
        </>
      )}
      <Veld label="Aantal woningen" naam="aantal" fout={fouten.aantal}>{(p) => <Textbox {...p} type="number" min={0} defaultValue={bestaand?.aantal ?? 1} />}</Veld>
      <Veld label="Maximum per complex" naam="maxPerComplex" fout={fouten.maxPerComplex}>{(p) => <Textbox {...p} type="number" min={1} defaultValue={bestaand?.maxPerComplex ?? 2} />}</Veld>
      <Veld label="Maximum per wijk" naam="maxPerWijk" fout={fouten.maxPerWijk}>{(p) => <Textbox {...p} type="number" min={1} defaultValue={bestaand?.maxPerWijk ?? 3} />}</Veld>
      <Veld label="Begeleiding" naam="begeleiding" fout={fouten.begeleiding} beschrijving="De afgesproken begeleiding; de corporatie leest deze tekst.">
        {(p) => <Textbox {...p} defaultValue={bestaand?.begeleiding ?? ''} />}
      </Veld>
      <FormulierVoet knop="Opslaan" bezig={opslaan.isPending} fout={fouten.algemeen} onAnnuleer={sluit} />
    </form>
  );
}

function AfsprakenPerGemeente({ ik }: { ik: Ik }) {
  const [jaar, zetJaar] = useState(2026);
  const [bewerk, zetBewerk] = useState<Afspraak | 'nieuw' | null>(null);
  const { data, fout } = useApi<Afspraak[]>(`/api/afspraken?jaar=${jaar}`);
  const magWijzigen = (a: Afspraak) => magSchrijven(ik) && (ik.soort === 'centrumgemeente' || a.gemeenteId === ik.organisatieId);
  return (
    <section aria-labelledby="afspraken-kop">
      <Heading2 id="afspraken-kop">Reserveringsafspraken met corporaties</Heading2>
      <Paragraph>
        Per gemeente en corporatie: hoeveel woningen dit jaar gereserveerd zijn voor uitstroom, en hoe ze gespreid worden. Gerealiseerd telt de
        plaatsingen die dat jaar zijn gestart in woningen van die corporatie in die gemeente.
      </Paragraph>
      <JaarKeuze jaar={jaar} zet={zetJaar} naam="jaar-afspraken" />
      {magSchrijven(ik) && !bewerk && <Button appearance="secondary-action-button" onClick={() => zetBewerk('nieuw')}>Nieuwe afspraak</Button>}
      {bewerk && <AfspraakFormulier ik={ik} jaar={jaar} bestaand={bewerk === 'nieuw' ? null : bewerk} sluit={() => zetBewerk(null)} />}
      <Gegevens data={data} fout={fout} leeg={`Geen afspraken voor ${jaar}.`} isLeeg={(d) => d.length === 0}>
        {(d) => (
          <Tabel
            bijschrift={`Reserveringsafspraken ${jaar}`}
            eenheid="afspraken"
            rijen={d}
            sleutel={(a) => a.id}
            kolommen={[
              { kop: 'Gemeente', cel: (a) => a.gemeente },
              { kop: 'Corporatie', cel: (a) => a.corporatie },
              { kop: 'Gerealiseerd / toegezegd', cel: (a) => <Voortgang gerealiseerd={a.gerealiseerd} beloofd={a.aantal} wat={`Gerealiseerd ${a.gemeente} met ${a.corporatie}`} /> },
              { kop: 'Max per complex', getal: true, cel: (a) => getal(a.maxPerComplex) },
              { kop: 'Max per wijk', getal: true, cel: (a) => getal(a.maxPerWijk) },
              { kop: 'Begeleiding', cel: (a) => a.begeleiding },
              {
                kop: <span className="visueel-verborgen">Wijzigen</span>,
                cel: (a) =>
                  magWijzigen(a) && (
                    <Button appearance="secondary-action-button" onClick={() => zetBewerk(a)}>
                      Wijzig<span className="visueel-verborgen"> afspraak {a.gemeente} – {a.corporatie}</span>
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Gegevens>
    </section>
  );
}

function BeschermdThuis() {
  const [jaar, zetJaar] = useState(2026);
  const dekking = useApi<Dekking>(`/api/bt-capaciteit/dekking?jaar=${jaar}`);
  const rijen = useApi<BtRij[]>(`/api/bt-capaciteit?jaar=${jaar}`);
  return (
    <section aria-labelledby="bt-kop">
      <Heading2 id="bt-kop">Beschermd Thuis-capaciteit</Heading2>
      <Paragraph>Doel van de regio: Beschermd Thuis-aanbod in elke gemeente, zodat cliënten in hun eigen gemeente kunnen herstellen.</Paragraph>
      <JaarKeuze jaar={jaar} zet={zetJaar} naam="jaar-bt" />
      <Gegevens data={dekking.data} fout={dekking.fout}>
        {(d) => (
          <>
            {d.zonderAanbod.length > 0 ? (
              <Alert type="warning" data-testid="zonder-aanbod">
                <Paragraph>Nog geen Beschermd Thuis-aanbod in {jaar}: {d.zonderAanbod.join(', ')}</Paragraph>
              </Alert>
            ) : (
              <Paragraph data-testid="zonder-aanbod">Alle regiogemeenten hebben in {jaar} Beschermd Thuis-aanbod.</Paragraph>
            )}
            <Tabel
              bijschrift={`Beschermd Thuis-plekken per gemeente, ${jaar}`}
              eenheid="gemeenten"
              rijen={d.gemeenten}
              sleutel={(g) => g.gemeenteId}
              kolommen={[
                { kop: 'Gemeente', cel: (g) => g.gemeente },
                { kop: 'Plekken / doel', cel: (g) => <Voortgang gerealiseerd={g.plekken} beloofd={g.doelPlekken} wat={`Plekken in ${g.gemeente}`} /> },
                { kop: 'Aanbieders met plekken', getal: true, cel: (g) => getal(g.aanbieders) },
                { kop: 'Aanbod', cel: (g) => (g.heeftAanbod ? 'ja' : <strong>geen aanbod</strong>) },
              ]}
            />
          </>
        )}
      </Gegevens>
      {rijen.fout && <Fout>{rijen.fout}</Fout>}
      {rijen.data && rijen.data.length > 0 && (
        <details>
          <summary>Per aanbieder</summary>
          <Tabel
            bijschrift={`Beschermd Thuis-plekken per aanbieder, ${jaar}`}
            eenheid="regels"
            rijen={rijen.data}
            sleutel={(r) => r.id}
            kolommen={[
              { kop: 'Gemeente', cel: (r) => r.gemeente },
              { kop: 'Aanbieder', cel: (r) => r.aanbieder },
              { kop: 'Plekken', getal: true, cel: (r) => getal(r.plekken) },
              { kop: 'Doel', getal: true, cel: (r) => getal(r.doelPlekken) },
            ]}
          />
        </details>
      )}
    </section>
  );
}

export function Afspraken({ ik }: { ik: Ik }) {
  return (
    <Pagina titel="Woonafspraken en Beschermd Thuis">
      <AfsprakenPerGemeente ik={ik} />
      <BeschermdThuis />
    </Pagina>
  );
}
