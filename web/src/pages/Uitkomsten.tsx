import { useState } from 'react';
import { Paragraph, Select, SelectOption } from '@utrecht/component-library-react';
import { queryString } from '../api';
import { useApi } from '../hooks';
import { getal, procent } from '../format';
import { NIVEAU_LABEL } from '../labels';
import { Bestanden } from '../ui/Bestanden';
import { Pagina } from '../ui/Pagina';
import { Gegevens } from '../ui/Status';
import { Tabel } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { BLIJVENDE_BESTEMMINGEN, ZRM_VENSTER_DAGEN, type UitkomstRegel, type ZrmVerandering } from '../../../src/domain/uitkomsten';
import { BESTEMMING_LABEL, NIVEAUS } from '../../../src/domain/trajecten';
import { ZRM_DOMEINEN, ZRM_DOMEIN_LABEL } from '../../../src/domain/zrm';
import { GemeenteOpties } from '../ui/GemeenteOpties';

const PERIODE_LABEL = { maand: 'Maand', kwartaal: 'Kwartaal', jaar: 'Jaar' } as const;
const deel = (a: number, b: number) => (b === 0 ? '—' : procent(a / b));
/** A change in ZRM score points, signed, two decimals: "+0,45". */
const verandering = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${x.toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
const zrmCel = (z: ZrmVerandering) => (z.trajecten ? `${verandering(z.totaal)} (${getal(z.trajecten)})` : '—');
const blijvend = BLIJVENDE_BESTEMMINGEN.map((b) => BESTEMMING_LABEL[b].toLowerCase()).join(' of ');

/** Outcome measures of the own region per period: lengths of stay, first-time inflow, returns, still housed. */
export function Uitkomsten() {
  const [periode, zetPeriode] = useState<keyof typeof PERIODE_LABEL>('jaar');
  const [gemeenteId, zetGemeente] = useState('');
  const qs = queryString({ periode, gemeenteId });
  const u = useApi<{ regels: UitkomstRegel[]; peildatum: string }>(`/api/uitkomsten${qs}`);
  const periodeNaam = (r: UitkomstRegel) => (periode === 'jaar' ? r.start.slice(0, 4) : r.start.slice(0, 7));
  return (
    <Pagina titel="Uitkomsten">
      <div role="search" aria-label="Filters van de uitkomsten" className="filters geen-print">
        <Veld label="Periode" naam="periode">
          {(invoer) => (
            <Select {...invoer} value={periode} onChange={(e) => zetPeriode(e.target.value as keyof typeof PERIODE_LABEL)}>
              {Object.entries(PERIODE_LABEL).map(([k, v]) => (
                <SelectOption key={k} value={k}>
                  {v}
                </SelectOption>
              ))}
            </Select>
          )}
        </Veld>
        <Veld label="Gemeente" naam="gemeenteId">
          {(invoer) => (
            <Select {...invoer} value={gemeenteId} onChange={(e) => zetGemeente(e.target.value)}>
              <GemeenteOpties alle="Hele regio" />
            </Select>
          )}
        </Veld>
      </div>
      <Paragraph className="uitleg">
        Eerste instroom: geen zorg in de 730 dagen ervoor. Blijvende uitstroom: naar {blijvend}; terugkeer binnen 6,
        12 en 24 maanden daarna (* = nog niet volledig gevolgd). Nog gehuisvest: plaatsingen die 12 maanden later niet beëindigd waren.{' '}
        <Bestanden csv={`/api/uitkomsten${queryString({ periode, gemeenteId, format: 'csv' })}`} titel="de uitkomstmaten" />
      </Paragraph>
      <Gegevens data={u.data} fout={u.fout}>
        {(d) => (
          <>
            <Tabel
              bijschrift="Instroom, terugkeer en huisvesting"
              kolommen={[
                { kop: 'Periode', cel: periodeNaam },
                { kop: 'Instroom', cel: (r: UitkomstRegel) => getal(r.instroom), getal: true },
                { kop: 'Eerste instroom', cel: (r: UitkomstRegel) => `${getal(r.eersteInstroom)} (${deel(r.eersteInstroom, r.instroom)})`, getal: true },
                { kop: 'Eerste instroom 18–24', cel: (r: UitkomstRegel) => getal(r.eersteInstroomJongeren), getal: true },
                { kop: 'Blijvende uitstroom', cel: (r: UitkomstRegel) => getal(r.blijvendeUitstroom), getal: true },
                ...([6, 12, 24] as const).map((m) => ({
                  kop: `Terug binnen ${m} mnd`,
                  cel: (r: UitkomstRegel) => `${deel(r.terugkeer[m].aantal, r.blijvendeUitstroom)}${r.terugkeer[m].volledigGevolgd ? '' : '*'}`,
                  getal: true,
                })),
                { kop: 'Terug binnen 12 mnd 18–24', cel: (r: UitkomstRegel) => deel(r.terugkeer[12].jongeren, r.blijvendeUitstroomJongeren), getal: true },
                { kop: 'Nog gehuisvest na 12 mnd', cel: (r: UitkomstRegel) => `${getal(r.nogGehuisvest)} van ${getal(r.plaatsingenGevolgd)}`, getal: true },
                { kop: 'Idem 18–24', cel: (r: UitkomstRegel) => `${getal(r.nogGehuisvestJongeren)} van ${getal(r.plaatsingenGevolgdJongeren)}`, getal: true },
              ]}
              rijen={d.regels}
              sleutel={(r) => r.start}
              eenheid="perioden"
            />
            <Tabel
              bijschrift="Verblijfsduur per niveau (dagen, verblijven die in de periode eindigden)"
              kolommen={[
                { kop: 'Periode', cel: periodeNaam },
                ...NIVEAUS.map((n) => ({
                  kop: NIVEAU_LABEL[n]!,
                  cel: (r: UitkomstRegel) =>
                    r.verblijfsduur[n].aantal ? `mediaan ${getal(r.verblijfsduur[n].mediaan)}, gem. ${getal(r.verblijfsduur[n].gemiddelde)} (${getal(r.verblijfsduur[n].aantal)}; 18–24: ${getal(r.verblijfsduurJongeren[n].mediaan)})` : '—',
                })),
              ]}
              rijen={d.regels}
              sleutel={(r) => r.start}
              eenheid="perioden"
            />
            <Paragraph className="uitleg">
              ZRM-verandering: per uitstroom in de periode de beoordeling die het dichtst bij de instroom (of terugval) ligt en die het dichtst bij de
              uitstroom, elk binnen {ZRM_VENSTER_DAGEN} dagen ervoor of erna; verschil in punten (uitstroom min instroom), totaal = gemiddelde over de
              gescoorde domeinen. Tussen haakjes het aantal trajecten met beide beoordelingen.
            </Paragraph>
            <Tabel
              bijschrift="ZRM-verandering tussen instroom en uitstroom"
              kolommen={[
                { kop: 'Periode', cel: periodeNaam },
                { kop: 'Totaal', cel: (r: UitkomstRegel) => zrmCel(r.zrm), getal: true },
                { kop: 'Totaal 18–24', cel: (r: UitkomstRegel) => zrmCel(r.zrmJongeren), getal: true },
                ...ZRM_DOMEINEN.map((dm) => ({
                  kop: ZRM_DOMEIN_LABEL[dm],
                  cel: (r: UitkomstRegel) => (r.zrm.perDomein[dm].aantal ? verandering(r.zrm.perDomein[dm].verandering) : '—'),
                  getal: true,
                })),
              ]}
              rijen={d.regels}
              sleutel={(r) => r.start}
              eenheid="perioden"
            />
          </>
        )}
      </Gegevens>
    </Pagina>
  );
}
