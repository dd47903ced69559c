import { useState } from 'react';
import { Link } from 'react-router';
import { Heading2, Paragraph, Textbox } from '@utrecht/component-library-react';
import { useApi } from '../hooks';
import { getal, nlDatum } from '../format';
import { FASE_LABEL } from '../labels';
import { Bestanden } from '../ui/Bestanden';
import { Pagina } from '../ui/Pagina';
import { Gegevens } from '../ui/Status';
import { Tabel } from '../ui/Tabel';
import { Veld } from '../ui/Veld';

interface Verwijzing {
  id: string;
  pseudoniem: string;
}
const Dossier = ({ c }: { c: Verwijzing }) => <Link to={`/clienten/${c.id}`}>{c.pseudoniem}</Link>;
const Dossiers = ({ lijst }: { lijst: Verwijzing[] }) => (
  <>
    {lijst.map((c, i) => (
      <span key={c.id}>
        {i > 0 && ', '}
        <Dossier c={c} />
      </span>
    ))}
  </>
);

/** Data quality of the registration, for beheerders: every list links to the dossiers the viewer may open. */
export function Datakwaliteit() {
  const laat = useApi<{ van: string; tot: string; klassen: { sleutel: string; label: string }[]; regels: Record<string, number | string | null>[] }>('/api/datakwaliteit/laatheid');
  const ontbrekend = useApi<{ soorten: { sleutel: string; label: string; aantal: number; clienten: Verwijzing[] }[] }>('/api/datakwaliteit/ontbrekend');
  const dubbel = useApi<{ groepen: { reden: string; clienten: Verwijzing[] }[] }>('/api/datakwaliteit/dubbelen');
  const [dagenTekst, zetDagenTekst] = useState('180');
  const dagen = /^\d+$/.test(dagenTekst) && Number(dagenTekst) >= 30 && Number(dagenTekst) <= 3650 ? Number(dagenTekst) : null;
  const [offset, zetOffset] = useState(0);
  const stil = useApi<{ totaal: number; regels: (Verwijzing & { fase: string; laatsteDatum: string; dagenStil: number })[] }>(dagen ? `/api/datakwaliteit/inactief?dagen=${dagen}&limiet=25&offset=${offset}` : null);
  return (
    <Pagina titel="Datakwaliteit">
      <section aria-labelledby="laat-titel">
        <Heading2 id="laat-titel">Tijdigheid van de registratie</Heading2>
        <Paragraph className="uitleg">
          Dagen tussen de datum van een gebeurtenis en het moment van registratie, per registrerende organisatie, over de laatste 12 maanden.{' '}
          <Bestanden csv="/api/datakwaliteit/laatheid?format=csv" titel="de registratielaatheid" />
        </Paragraph>
        <Gegevens data={laat.data} fout={laat.fout} leeg="Geen gebeurtenissen in deze periode." isLeeg={(d) => d.regels.length === 0}>
          {(d) => (
            <Tabel
              bijschrift={`Registratielaatheid ${nlDatum(d.van)} t/m ${nlDatum(d.tot)}`}
              kolommen={[
                { kop: 'Organisatie', cel: (r: Record<string, number | string | null>) => r.organisatie },
                { kop: 'Gebeurtenissen', cel: (r) => getal(r.totaal as number), getal: true },
                ...d.klassen.map((k) => ({ kop: k.label, cel: (r: Record<string, number | string | null>) => getal(r[k.sleutel] as number), getal: true })),
                { kop: 'Zelfde dag', cel: (r) => `${getal(r.opTijdPct as number, 1)}%`, getal: true },
              ]}
              rijen={d.regels}
              sleutel={(r) => String(r.organisatie)}
              eenheid="organisaties"
            />
          )}
        </Gegevens>
      </section>
      <section aria-labelledby="ontbreekt-titel">
        <Heading2 id="ontbreekt-titel">Ontbrekende gegevens</Heading2>
        <Gegevens data={ontbrekend.data} fout={ontbrekend.fout}>
          {(d) => (
            <Tabel
              bijschrift="Dossiers met een ontbrekend of onbekend veld (eerste 25 per soort)"
              kolommen={[
                { kop: 'Wat ontbreekt', cel: (r: (typeof d.soorten)[number]) => r.label },
                { kop: 'Aantal dossiers', cel: (r) => getal(r.aantal), getal: true },
                { kop: 'Dossiers', cel: (r) => (r.clienten.length ? <Dossiers lijst={r.clienten} /> : '—') },
              ]}
              rijen={d.soorten}
              sleutel={(r) => r.sleutel}
              eenheid="soorten"
            />
          )}
        </Gegevens>
      </section>
      <section aria-labelledby="stil-titel">
        <Heading2 id="stil-titel">In zorg zonder recente gebeurtenis</Heading2>
        <Veld label="Langer stil dan (dagen)" naam="dagen" fout={dagen ? null : 'Vul een aantal dagen van 30 tot en met 3650 in'}>
          {(invoer) => <Textbox {...invoer} inputMode="numeric" value={dagenTekst} onChange={(e) => { zetDagenTekst(e.target.value); zetOffset(0); }} />}
        </Veld>
        {dagen && (
          <Gegevens data={stil.data} fout={stil.fout} leeg="Geen dossiers in zorg die zo lang stil zijn." isLeeg={(d) => d.totaal === 0}>
            {(d) => (
              <Tabel
                bijschrift={`In zorg of uitstroomklaar, langer dan ${dagen} dagen geen gebeurtenis`}
                kolommen={[
                  { kop: 'Cliënt', cel: (r: (typeof d.regels)[number]) => <Dossier c={r} /> },
                  { kop: 'Fase', cel: (r) => FASE_LABEL[r.fase] ?? r.fase },
                  { kop: 'Laatste gebeurtenis', cel: (r) => nlDatum(r.laatsteDatum) },
                  { kop: 'Dagen stil', cel: (r) => getal(r.dagenStil), getal: true },
                ]}
                rijen={d.regels}
                sleutel={(r) => r.id}
                paginering={{ offset, limiet: 25, totaal: d.totaal, onOffset: zetOffset }}
                eenheid="dossiers"
              />
            )}
          </Gegevens>
        )}
      </section>
      <section aria-labelledby="dubbel-titel">
        <Heading2 id="dubbel-titel">Waarschijnlijk dubbele dossiers</Heading2>
        <Paragraph className="uitleg">Zelfde BSN, of zelfde naam en geboortedatum; gevonden op sleutel-hashes, zonder namen te ontsleutelen.</Paragraph>
        <Gegevens data={dubbel.data} fout={dubbel.fout} leeg="Geen dubbele dossiers gevonden." isLeeg={(d) => d.groepen.length === 0}>
          {(d) => (
            <Tabel
              bijschrift="Groepen van dossiers die dezelfde persoon lijken"
              kolommen={[
                { kop: 'Reden', cel: (g: (typeof d.groepen)[number]) => g.reden },
                { kop: 'Dossiers', cel: (g) => <Dossiers lijst={g.clienten} /> },
              ]}
              rijen={d.groepen}
              sleutel={(g) => g.clienten.map((c) => c.id).join()}
              eenheid="groepen"
            />
          )}
        </Gegevens>
      </section>
    </Pagina>
  );
}
