import { navigeer } from '../navigatie';
import { Link } from 'react-router';
import { useState, type FormEvent } from 'react';
import { api, ApiFout, queryString } from '../api';
import { useApi } from '../hooks';
import type { Ik } from '../types';

type Status = 'gemeld' | 'opgepakt' | 'in_behandeling' | 'opgelost' | 'geescaleerd';
type Soort = 'huurachterstand' | 'overlast' | 'zorgmijding' | 'overig';

interface SignaalOverzicht {
  id: string;
  soort: Soort;
  samenvatting: string;
  details: { toelichting?: string | null; bedragCenten?: number; maanden?: number; categorie?: string };
  status: Status;
  deadline: string;
  teLaat: boolean;
  versie: number;
  aangemaakt: string;
  pseudoniem: string;
  clientId: string | null;
  adres: string;
  melder: { naam: string };
  aanbieder: { naam: string };
  corporatie: { naam: string };
}
interface SignaalDetail extends SignaalOverzicht {
  afspraak: { reactieUren: number; oplosDagen: number };
  toegestaneActies: string[];
  stappen: { id: number; status: Status; tijdstip: string; toelichting: string | null; door: string }[];
}
type Sortering = 'deadline' | 'aangemaakt' | 'status' | 'soort';
interface Lijst {
  totaal: number;
  teLaat: number;
  aantallen: Record<Status, number>;
  sorteer: Sortering;
  richting: 'op' | 'af';
  signalen: SignaalOverzicht[];
}
interface Plaatsing {
  id: string;
  pseudoniem: string;
  adres: string;
  aanbieder: string;
  huurconstructieLabel: string;
  schuldGeregeld: boolean;
}
interface Afspraak {
  signaalSoort: Soort;
  reactieUren: number;
  oplosDagen: number;
  standaard: boolean;
}

const STATUS_LABEL: Record<Status, string> = {
  gemeld: 'Gemeld',
  opgepakt: 'Opgepakt',
  in_behandeling: 'In behandeling',
  opgelost: 'Opgelost',
  geescaleerd: 'Geëscaleerd',
};
const SORTEER_LABEL: Record<Sortering, string> = { deadline: 'deadline', aangemaakt: 'datum melding', status: 'status', soort: 'soort' };
const PAGINA = 50;
const SOORT_LABEL: Record<Soort, string> = { huurachterstand: 'Huurachterstand', overlast: 'Overlast', zorgmijding: 'Zorgmijding', overig: 'Overig' };
const ACTIE_LABEL: Record<string, string> = {
  oppakken: 'Oppakken',
  behandelen: 'In behandeling nemen',
  oplossen: 'Opgelost',
  escaleren: 'Escaleren naar centrumgemeente',
  terugleggen: 'Terugleggen bij aanbieder',
};

/** Deadlines are agreed in Dutch local time, whatever the browser's zone. */
export const tijd = (iso: string) => new Date(iso).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'short' });

const magMelden = (ik: Ik) => ik.soort !== 'aanbieder' && ik.rol !== 'alleen_lezen';

function StatusLabel({ status, teLaat }: { status: Status; teLaat?: boolean }) {
  const kleur = status === 'geescaleerd' || teLaat ? 'var(--rood)' : status === 'opgelost' ? 'var(--groen)' : undefined;
  return (
    <span className="label" style={kleur ? { color: kleur, fontWeight: 600 } : undefined}>
      {STATUS_LABEL[status]}
      {teLaat && ' · te laat'}
    </span>
  );
}

export function Signalen({ ik, id }: { ik: Ik; id?: string }) {
  if (id) return <SignaalDossier ik={ik} id={id} />;
  return <SignalenLijst ik={ik} />;
}

function SignalenLijst({ ik }: { ik: Ik }) {
  const [status, zetStatusFilter] = useState<Status | ''>('');
  const [soort, zetSoortFilter] = useState('');
  const [teLaat, zetTeLaatFilter] = useState(false);
  const [sorteer, zetSorteerKeuze] = useState<Sortering>('deadline');
  const [richting, zetRichtingKeuze] = useState<'op' | 'af'>('op');
  const [offset, zetOffset] = useState(0);
  const [nieuw, zetNieuw] = useState(false);
  // another filter or order starts again at the first page
  const vanafBegin = <T,>(zet: (v: T) => void) => (v: T) => {
    zet(v);
    zetOffset(0);
  };
  const zetStatus = vanafBegin(zetStatusFilter);
  const zetSoort = vanafBegin(zetSoortFilter);
  const zetTeLaat = vanafBegin(zetTeLaatFilter);
  const zetSorteer = vanafBegin(zetSorteerKeuze);
  const zetRichting = vanafBegin(zetRichtingKeuze);
  const { data, fout } = useApi<Lijst>(`/api/signalen${queryString({ status, soort, teLaat: teLaat ? 'true' : undefined, sorteer, richting, limiet: PAGINA, offset })}`);
  return (
    <section>
      <h2>Signalen</h2>
      <p>
        Signalen van corporaties en gemeenten over bewoners uit BW/MO, met de afgesproken reactie- en oplostermijnen.
        Een signaal dat niet op tijd is opgepakt of opgelost, gaat automatisch naar de centrumgemeente.
      </p>
      {data && (
        <div className="filters" role="tablist" aria-label="Status">
          <button className={status === '' ? '' : 'secundair'} onClick={() => zetStatus('')}>
            Alle ({Object.values(data.aantallen).reduce((a, b) => a + b, 0)})
          </button>
          {(Object.keys(STATUS_LABEL) as Status[]).map((st) => (
            <button key={st} className={status === st ? '' : 'secundair'} onClick={() => zetStatus(st)} data-testid={`status-${st}`}>
              {STATUS_LABEL[st]} ({data.aantallen[st]})
            </button>
          ))}
        </div>
      )}
      <div className="filters">
        <label>
          Soort
          <select value={soort} onChange={(e) => zetSoort(e.target.value)}>
            <option value="">alle</option>
            {Object.entries(SOORT_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}
          </select>
        </label>
        <label style={{ flexDirection: 'row', alignItems: 'center', gap: '0.4rem' }}>
          <input type="checkbox" checked={teLaat} onChange={(e) => zetTeLaat(e.target.checked)} /> alleen te laat {data ? `(${data.teLaat})` : ''}
        </label>
        <label>
          Sorteren op
          <select value={sorteer} onChange={(e) => zetSorteer(e.target.value as Sortering)}>
            {(Object.keys(SORTEER_LABEL) as Sortering[]).map((k) => <option key={k} value={k}>{SORTEER_LABEL[k]}</option>)}
          </select>
        </label>
        <label>
          Volgorde
          <select value={richting} onChange={(e) => zetRichting(e.target.value as 'op' | 'af')}>
            <option value="op">oplopend</option>
            <option value="af">aflopend</option>
          </select>
        </label>
        {magMelden(ik) && (
          <button onClick={() => zetNieuw((n) => !n)} className={nieuw ? 'secundair' : ''}>
            {nieuw ? 'Annuleren' : 'Nieuw signaal'}
          </button>
        )}
      </div>
      {nieuw && <NieuwSignaal />}
      {fout && <div className="fout">{fout}</div>}
      {data && (
        <table>
          <thead>
            <tr><th>Deadline</th><th>Status</th><th>Signaal</th><th>Bewoner</th><th>Adres</th><th>Aanbieder</th><th>Gemeld door</th></tr>
          </thead>
          <tbody>
            {data.signalen.map((x) => (
              <tr key={x.id}>
                <td>{x.status === 'opgelost' ? '—' : tijd(x.deadline)}</td>
                <td><StatusLabel status={x.status} teLaat={x.teLaat} /></td>
                <td><Link to={`/signalen/${x.id}`}>{x.samenvatting}</Link></td>
                <td>{x.pseudoniem}</td>
                <td>{x.adres}</td>
                <td>{x.aanbieder.naam}</td>
                <td>{x.melder.naam}</td>
              </tr>
            ))}
            {data.signalen.length === 0 && <tr><td colSpan={7}>{status || soort || teLaat ? 'Geen signalen die aan deze filters voldoen.' : 'Geen signalen binnen het zicht van uw organisatie.'}</td></tr>}
          </tbody>
        </table>
      )}
      {data && data.totaal > 0 && (
        <p className="geen-print">
          <button className="secundair" disabled={offset === 0} onClick={() => zetOffset(Math.max(0, offset - PAGINA))}>
            Vorige
          </button>{' '}
          {offset + 1}–{Math.min(offset + PAGINA, data.totaal)} van {data.totaal}{' '}
          <button className="secundair" disabled={offset + PAGINA >= data.totaal} onClick={() => zetOffset(offset + PAGINA)}>
            Volgende
          </button>
        </p>
      )}
      <Procesafspraken ik={ik} />
    </section>
  );
}

function NieuwSignaal() {
  const { data: plaatsingen, fout } = useApi<Plaatsing[]>('/api/signalen/plaatsingen');
  const [soort, zetSoort] = useState<Soort>('overlast');
  const [melding, zetMelding] = useState<string | null>(null);
  const [plaatsingId, zetPlaatsing] = useState('');
  const gekozen = plaatsingen?.find((p) => p.id === plaatsingId);
  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const toelichting = String(f.get('toelichting') ?? '').trim() || null;
    const details =
      soort === 'huurachterstand'
        ? { soort, bedragCenten: Math.round(Number(String(f.get('bedrag')).replace(',', '.')) * 100), maanden: Number(f.get('maanden')), toelichting }
        : soort === 'overlast'
          ? { soort, categorie: f.get('categorie'), toelichting }
          : { soort, toelichting };
    zetMelding(null);
    try {
      const sig = await api<{ id: string }>('/api/signalen', { method: 'POST', body: { plaatsingId, details } });
      navigeer(`/signalen/${sig.id}`);
    } catch (err) {
      zetMelding((err as Error).message);
    }
  };
  if (fout) return <div className="fout">{fout}</div>;
  return (
    <form className="kaart filters" onSubmit={verstuur} aria-label="Nieuw signaal">
      <label>
        Bewoner (plaatsing)
        <select value={plaatsingId} onChange={(e) => zetPlaatsing(e.target.value)} required name="plaatsing">
          <option value="">kies…</option>
          {(plaatsingen ?? []).map((p) => (
            <option key={p.id} value={p.id}>{p.pseudoniem} — {p.adres} ({p.aanbieder})</option>
          ))}
        </select>
      </label>
      {gekozen && (
        <span className="label" title="Alleen ja/nee; details kent alleen de zorgpartij">
          Oude schulden geregeld: {gekozen.schuldGeregeld ? 'ja' : 'nee'}
        </span>
      )}
      <label>
        Soort
        <select value={soort} onChange={(e) => zetSoort(e.target.value as Soort)} name="soort">
          {Object.entries(SOORT_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}
        </select>
      </label>
      {soort === 'huurachterstand' && (
        <>
          <label>Bedrag (€)<input name="bedrag" inputMode="decimal" required pattern="[0-9]+([,.][0-9]{1,2})?" /></label>
          <label>Maanden<input name="maanden" type="number" min={1} max={60} required defaultValue={2} /></label>
        </>
      )}
      {soort === 'overlast' && (
        <label>
          Categorie
          <select name="categorie">
            {['geluid', 'vervuiling', 'agressie', 'overig'].map((c) => <option key={c}>{c}</option>)}
          </select>
        </label>
      )}
      <label style={{ flex: 1 }}>Toelichting<input name="toelichting" required={soort === 'overig'} maxLength={2000} /></label>
      <button type="submit">Melden</button>
      {melding && <div className="fout" role="alert">{melding}</div>}
    </form>
  );
}

function Procesafspraken({ ik }: { ik: Ik }) {
  const { data, herlaad } = useApi<Afspraak[]>('/api/procesafspraken');
  const [melding, zetMelding] = useState<string | null>(null);
  const beheer = ik.soort === 'centrumgemeente' && ik.rol === 'beheerder';
  const bewaar = async (e: FormEvent<HTMLFormElement>, soort: Soort) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      await api(`/api/procesafspraken/${soort}`, { method: 'PUT', body: { reactieUren: Number(f.get('reactieUren')), oplosDagen: Number(f.get('oplosDagen')) } });
      zetMelding(`Termijnen voor ${SOORT_LABEL[soort].toLowerCase()} opgeslagen; ze gelden voor nieuwe signalen.`);
      herlaad();
    } catch (err) {
      zetMelding((err as Error).message);
    }
  };
  if (!data) return null;
  return (
    <>
      <h3>Procesafspraken van de regio</h3>
      <p>Reactietermijn: verstreken uren tot oppakken. Oplostermijn: kalenderdagen na oppakken, op dezelfde kloktijd (Nederlandse tijd).</p>
      <table style={{ maxWidth: 640 }}>
        <thead><tr><th>Soort</th><th>Reactie (uur)</th><th>Oplossen (dagen)</th>{beheer && <th />}</tr></thead>
        <tbody>
          {data.map((a) => (
            <tr key={a.signaalSoort}>
              <td>{SOORT_LABEL[a.signaalSoort]} {a.standaard && <span className="label">standaard</span>}</td>
              {beheer ? (
                <td colSpan={3}>
                  <form className="filters" style={{ margin: 0 }} onSubmit={(e) => bewaar(e, a.signaalSoort)}>
                    <input name="reactieUren" type="number" min={1} max={720} defaultValue={a.reactieUren} aria-label="reactie-uren" style={{ width: '6rem' }} />
                    <input name="oplosDagen" type="number" min={1} max={365} defaultValue={a.oplosDagen} aria-label="oplosdagen" style={{ width: '6rem' }} />
                    <button type="submit" className="secundair">Opslaan</button>
                  </form>
                </td>
              ) : (
                <>
                  <td>{a.reactieUren}</td>
                  <td>{a.oplosDagen}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {melding && <p role="status">{melding}</p>}
    </>
  );
}

function SignaalDossier({ ik, id }: { ik: Ik; id: string }) {
  const { data: sig, fout, herlaad } = useApi<SignaalDetail>(`/api/signalen/${id}`);
  const [melding, zetMelding] = useState<string | null>(null);
  const [bezig, zetBezig] = useState(false);
  if (fout) return <div className="fout">{fout}</div>;
  if (!sig) return <p>Laden…</p>;
  const voerUit = async (actie: string, form: HTMLFormElement) => {
    const toelichting = String(new FormData(form).get('toelichting') ?? '').trim() || null;
    zetMelding(null);
    zetBezig(true);
    try {
      await api(`/api/signalen/${id}/acties`, { method: 'POST', body: { actie, versie: sig.versie, toelichting } });
      form.reset();
    } catch (err) {
      zetMelding(err instanceof ApiFout && err.status === 409 ? `${err.message}. De nieuwste stand is geladen.` : (err as Error).message);
    } finally {
      zetBezig(false);
      herlaad();
    }
  };
  return (
    <section>
      <p className="geen-print"><Link to="/signalen">← Signalen</Link></p>
      <h2>
        {sig.samenvatting} <StatusLabel status={sig.status} teLaat={sig.teLaat} />
      </h2>
      <div className="kaarten">
        <div className="kaart">
          <div>Bewoner</div>
          <strong>{sig.pseudoniem}</strong>
          {sig.clientId && ik.soort !== 'woningcorporatie' && <> · <Link to={`/clienten/${sig.clientId}`}>dossier</Link></>}
          <br />{sig.adres}
        </div>
        <div className="kaart">
          <div>Partijen</div>
          gemeld door {sig.melder.naam}<br />aanbieder: {sig.aanbieder.naam}<br />corporatie: {sig.corporatie.naam}
        </div>
        <div className="kaart">
          <div>{sig.status === 'gemeld' ? 'Oppakken vóór' : sig.status === 'opgelost' ? 'Termijn' : 'Oplossen vóór'}</div>
          <strong style={sig.teLaat ? { color: 'var(--rood)' } : undefined}>{tijd(sig.deadline)}</strong>
          <br />afspraak: {sig.afspraak.reactieUren} uur reageren, {sig.afspraak.oplosDagen} dagen oplossen
        </div>
      </div>
      {sig.details.toelichting && <div className="kaart"><strong>Toelichting melder</strong><p>{sig.details.toelichting}</p></div>}
      <h3>Verloop</h3>
      <ul className="tijdlijn" aria-label="Stappen">
        {sig.stappen.map((st) => (
          <li key={st.id}>
            <strong>{tijd(st.tijdstip)}</strong> — {STATUS_LABEL[st.status]} · {st.door}
            {st.toelichting && <div>{st.toelichting}</div>}
          </li>
        ))}
      </ul>
      {sig.toegestaneActies.length > 0 && (
        <form className="kaart filters geen-print" onSubmit={(e) => e.preventDefault()} aria-label="Volgende stap">
          <label style={{ flex: 1 }}>Toelichting (optioneel)<input name="toelichting" maxLength={2000} /></label>
          {sig.toegestaneActies.map((a) => (
            <button key={a} type="button" disabled={bezig} onClick={(e) => voerUit(a, e.currentTarget.form!)}>
              {ACTIE_LABEL[a] ?? a}
            </button>
          ))}
        </form>
      )}
      {melding && <div className="fout" role="alert">{melding}</div>}
    </section>
  );
}
