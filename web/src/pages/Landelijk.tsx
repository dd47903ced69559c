import { useState } from 'react';
import { Button, Heading2, Paragraph, Select, SelectOption } from '@utrecht/component-library-react';
import { api } from '../api';
import { useApi } from '../hooks';
import { getal, nlDatum } from '../format';
import { Grafiek } from '../grafiek';
import { Bestanden } from '../ui/Bestanden';
import { Pagina } from '../ui/Pagina';
import { Tabel } from '../ui/Tabel';
import { Gegevens, Fout } from '../ui/Status';
import { Veld } from '../ui/Veld';
import { STATUS_LABEL, THEMAS, THEMA_LABEL, type Thema, type UitvoeringsStatus } from '../../../src/domain/stand-van-zaken';

type Cel = number | string | null;
export interface VergelijkingsTabel {
  titel: string;
  uitleg: string;
  kolommen: { sleutel: string; kop: string }[];
  regels: Record<string, Cel>[];
}
interface Vergelijking {
  jaar: number;
  peildatum: string;
  drempel: number;
  regios: string[];
  tabellen: Record<string, VergelijkingsTabel>;
}
interface Stand {
  regios: { regio: string; themas: { thema: Thema; status: UitvoeringsStatus | null; datum: string | null; notitie: string }[] }[];
}

/** A withheld cell says why it is empty; a number is written the Dutch way. */
export function celTekst(w: Cel, drempel: number) {
  if (w === null) return <abbr title={`Onderdrukt: minder dan ${drempel} personen, of af te leiden uit andere cellen`}>{`<${drempel}`}</abbr>;
  return typeof w === 'number' ? getal(w, 1) : w;
}

/** One national table: its caption, explanation, CSV link and rows; the national row last. */
export function VergelijkTabel({ naam, tabel, drempel, csv }: { naam: string; tabel: VergelijkingsTabel; drempel: number; csv: string }) {
  return (
    <section className="vergelijking" aria-labelledby={`tabel-${naam}`}>
      <Heading2 id={`tabel-${naam}`}>{tabel.titel}</Heading2>
      <Paragraph className="uitleg">
        {tabel.uitleg}{' '}
        <Bestanden csv={csv} titel={tabel.titel} />
      </Paragraph>
      <Tabel
        bijschrift={tabel.titel}
        kolommen={tabel.kolommen.map((k, i) => ({ kop: k.kop, cel: (r: Record<string, Cel>) => celTekst(r[k.sleutel] ?? null, drempel), getal: i > 0 && typeof tabel.regels[0]?.[k.sleutel] !== 'string' }))}
        rijen={tabel.regels}
        sleutel={(r) => `${r.regio}-${r.gemeente ?? ''}`}
        eenheid="regels"
      />
    </section>
  );
}

const VOLGORDE = ['stromen', 'wachtlijsten', 'uitkomsten', 'woningen', 'beschermd-thuis', 'jongeren'];

export function Landelijk() {
  const huidig = new Date().getFullYear();
  const [jaar, zetJaar] = useState(huidig);
  const v = useApi<Vergelijking>(`/api/landelijk?jaar=${jaar}`);
  const stand = useApi<Stand>('/api/landelijk/stand-van-zaken');
  const [printFout, zetPrintFout] = useState<string | null>(null);
  const afdrukken = async () => {
    try {
      zetPrintFout(null);
      await api('/api/landelijk/afdrukken', { method: 'POST', body: { jaar } });
      window.print();
    } catch (e) {
      zetPrintFout((e as Error).message);
    }
  };
  return (
    <Pagina
      titel="Landelijk beeld"
      acties={
        <Button appearance="secondary-action-button" onClick={() => void afdrukken()} data-leesactie>
          Landelijk rapport afdrukken
        </Button>
      }
    >
      {printFout && <Fout>{printFout}</Fout>}
      <div role="search" aria-label="Filter van het landelijk beeld" className="filters geen-print">
        <Veld label="Jaar" naam="jaar">
          {(invoer) => (
            <Select {...invoer} value={String(jaar)} onChange={(e) => zetJaar(Number(e.target.value))}>
              {[huidig, huidig - 1, huidig - 2, huidig - 3].map((j) => (
                <SelectOption key={j} value={String(j)}>
                  {j}
                </SelectOption>
              ))}
            </Select>
          )}
        </Veld>
      </div>
      <Gegevens data={v.data} fout={v.fout}>
        {(d) => (
          <>
            <Paragraph>
              {d.regios.length} regio&apos;s, {d.jaar}, peildatum {nlDatum(d.peildatum)}. Alleen totalen: aantallen kleiner dan {d.drempel} en cellen waaruit
              zo&apos;n aantal terug te rekenen is, zijn onderdrukt (&lt;{d.drempel}).
            </Paragraph>
            <Grafiek
              titel={`Instroom en uitstroom per regio, ${d.jaar}`}
              hoogte={260}
              optie={{
                xAxis: { type: 'category', data: d.regios },
                yAxis: { type: 'value' },
                series: ['instroom', 'uitstroom'].map((k) => ({
                  name: k === 'instroom' ? 'Instroom' : 'Uitstroom',
                  type: 'bar',
                  data: d.tabellen.stromen!.regels.filter((r) => r.regio !== 'Landelijk').map((r) => r[k]),
                })),
              }}
            />
            {VOLGORDE.map((naam) => (
              <VergelijkTabel key={naam} naam={naam} tabel={d.tabellen[naam]!} drempel={d.drempel} csv={`/api/landelijk/tabellen/${naam}?jaar=${d.jaar}&format=csv`} />
            ))}
          </>
        )}
      </Gegevens>
      <section aria-labelledby="stand-titel">
        <Heading2 id="stand-titel">Stand van zaken uitvoeringsafspraken</Heading2>
        <Paragraph className="uitleg">
          Bijgehouden door elke centrumgemeente.{' '}
          <Bestanden csv="/api/landelijk/stand-van-zaken?format=csv" titel="Stand van zaken uitvoeringsafspraken" />
        </Paragraph>
        <Gegevens data={stand.data} fout={stand.fout}>
          {(s) => (
            <Tabel
              bijschrift="Status per regio en thema"
              kolommen={[
                { kop: 'Regio', cel: (r: Stand['regios'][number]) => r.regio },
                ...THEMAS.map((t) => ({
                  kop: THEMA_LABEL[t],
                  cel: (r: Stand['regios'][number]) => {
                    const x = r.themas.find((y) => y.thema === t)!;
                    return x.status ? `${STATUS_LABEL[x.status]} (${nlDatum(x.datum)})` : 'Niet ingevuld';
                  },
                })),
              ]}
              rijen={s.regios}
              sleutel={(r) => r.regio}
              eenheid="regio's"
            />
          )}
        </Gegevens>
      </section>
    </Pagina>
  );
}
