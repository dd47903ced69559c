import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import type { Ik } from '../types';
import { JAREN, Voortgang, type Afspraak } from './Woningen';

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

/** Add or change an agreement: the gemeente proposes and records it, the corporatie reads along. */
function AfspraakFormulier({ ik, jaar, bestaand, onKlaar }: { ik: Ik; jaar: number; bestaand: Afspraak | null; onKlaar: () => void }) {
  const orgs = useOrganisaties();
  const [fout, zetFout] = useState<string | null>(null);
  const gemeenten = ik.soort === 'centrumgemeente' ? orgs.gemeenten : orgs.gemeenten.filter((g) => g.id === ik.organisatieId);
  const corporaties = orgs.lijst.filter((o) => o.soort === 'woningcorporatie');
  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const velden = { aantal: Number(f.get('aantal')), maxPerComplex: Number(f.get('maxPerComplex')), maxPerWijk: Number(f.get('maxPerWijk')), begeleiding: f.get('begeleiding') };
    zetFout(null);
    try {
      if (bestaand) await api(`/api/afspraken/${bestaand.id}`, { method: 'PATCH', body: velden });
      else await api('/api/afspraken', { method: 'POST', body: { ...velden, jaar, gemeenteId: f.get('gemeenteId'), corporatieId: f.get('corporatieId') } });
      onKlaar();
    } catch (err) {
      zetFout((err as Error).message);
    }
  };
  return (
    <form className="kaart filters" onSubmit={verstuur} key={bestaand?.id ?? 'nieuw'}>
      <strong style={{ width: '100%' }}>{bestaand ? `Afspraak ${bestaand.jaar} ${bestaand.gemeente} – ${bestaand.corporatie} wijzigen` : `Nieuwe afspraak ${jaar}`}</strong>
      {!bestaand && (
        <>
          <label>Gemeente<select name="gemeenteId" required>{gemeenten.map((g) => <option key={g.id} value={g.id}>{g.naam}</option>)}</select></label>
          <label>Corporatie<select name="corporatieId" required>{corporaties.map((c) => <option key={c.id} value={c.id}>{c.naam}</option>)}</select></label>
        </>
      )}
      <label>Aantal woningen<input name="aantal" type="number" min={0} defaultValue={bestaand?.aantal ?? 1} required /></label>
      <label>Max per complex<input name="maxPerComplex" type="number" min={1} defaultValue={bestaand?.maxPerComplex ?? 2} required /></label>
      <label>Max per wijk<input name="maxPerWijk" type="number" min={1} defaultValue={bestaand?.maxPerWijk ?? 3} required /></label>
      <label style={{ flex: 1, minWidth: 240 }}>Begeleiding<input name="begeleiding" defaultValue={bestaand?.begeleiding ?? ''} required minLength={3} /></label>
      <button type="submit">Opslaan</button>
      <button type="button" className="secundair" onClick={onKlaar}>Annuleren</button>
      {fout && <div className="fout">{fout}</div>}
    </form>
  );
}

function AfsprakenPerGemeente({ ik }: { ik: Ik }) {
  const [jaar, zetJaar] = useState(2026);
  const [bewerk, zetBewerk] = useState<Afspraak | 'nieuw' | null>(null);
  const { data, fout, herlaad } = useApi<Afspraak[]>(`/api/afspraken?jaar=${jaar}`);
  const perGemeente = new Map<string, Afspraak[]>();
  for (const a of data ?? []) perGemeente.set(a.gemeente, [...(perGemeente.get(a.gemeente) ?? []), a]);
  const magWijzigen = (a: Afspraak) => magSchrijven(ik) && (ik.soort === 'centrumgemeente' || a.gemeenteId === ik.organisatieId);
  const klaar = () => {
    zetBewerk(null);
    herlaad();
  };
  return (
    <section>
      <h3>Reserveringsafspraken met corporaties</h3>
      <p>
        Per gemeente en corporatie: hoeveel woningen dit jaar gereserveerd zijn voor uitstroom, en hoe ze gespreid worden.
        Gerealiseerd telt live de plaatsingen die dat jaar zijn gestart in woningen van die corporatie in die gemeente.
      </p>
      <div className="filters">
        <label>Jaar<select value={jaar} onChange={(e) => zetJaar(Number(e.target.value))}>{JAREN.map((j) => <option key={j}>{j}</option>)}</select></label>
        {magSchrijven(ik) && <button onClick={() => zetBewerk('nieuw')}>Nieuwe afspraak</button>}
      </div>
      {bewerk && <AfspraakFormulier ik={ik} jaar={jaar} bestaand={bewerk === 'nieuw' ? null : bewerk} onKlaar={klaar} />}
      {fout && <div className="fout">{fout}</div>}
      {data && data.length === 0 && <p>Geen afspraken voor {jaar}.</p>}
      {data && data.length > 0 && (
        <table>
          <thead><tr><th>Gemeente</th><th>Corporatie</th><th>Gerealiseerd / toegezegd</th><th>Max complex</th><th>Max wijk</th><th>Begeleiding</th><th /></tr></thead>
          <tbody>
            {[...perGemeente.entries()].map(([gemeente, rijen]) => {
              const totaal = rijen.reduce((s, a) => ({ g: s.g + a.gerealiseerd, b: s.b + a.aantal }), { g: 0, b: 0 });
              return rijen.map((a, i) => (
                <tr key={a.id}>
                  {i === 0 && (
                    <td rowSpan={rijen.length} style={{ verticalAlign: 'top' }}>
                      <strong>{gemeente}</strong>
                      <br />
                      <small>totaal {totaal.g}/{totaal.b}</small>
                    </td>
                  )}
                  <td>{a.corporatie}</td>
                  <td><Voortgang gerealiseerd={a.gerealiseerd} beloofd={a.aantal} /></td>
                  <td>{a.maxPerComplex}</td>
                  <td>{a.maxPerWijk}</td>
                  <td>{a.begeleiding}</td>
                  <td>{magWijzigen(a) && <button className="secundair" onClick={() => zetBewerk(a)}>Wijzig</button>}</td>
                </tr>
              ));
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function BeschermdThuis() {
  const [jaar, zetJaar] = useState(2026);
  const dekking = useApi<Dekking>(`/api/bt-capaciteit/dekking?jaar=${jaar}`);
  const rijen = useApi<BtRij[]>(`/api/bt-capaciteit?jaar=${jaar}`);
  return (
    <section>
      <h3>Beschermd Thuis-capaciteit</h3>
      <p>Doel van de regio: Beschermd Thuis-aanbod in elke gemeente, zodat cliënten in hun eigen gemeente kunnen herstellen.</p>
      <div className="filters"><label>Jaar<select value={jaar} onChange={(e) => zetJaar(Number(e.target.value))}>{JAREN.map((j) => <option key={j}>{j}</option>)}</select></label></div>
      {(dekking.fout || rijen.fout) && <div className="fout">{dekking.fout ?? rijen.fout}</div>}
      {dekking.data && (
        <>
          {dekking.data.zonderAanbod.length > 0 ? (
            <div className="fout" data-testid="zonder-aanbod">Nog geen Beschermd Thuis-aanbod in {jaar}: {dekking.data.zonderAanbod.join(', ')}</div>
          ) : (
            <p className="ok" data-testid="zonder-aanbod">Alle regiogemeenten hebben in {jaar} Beschermd Thuis-aanbod.</p>
          )}
          <table>
            <thead><tr><th>Gemeente</th><th>Plekken / doel</th><th>Aanbieders met plekken</th><th>Aanbod</th></tr></thead>
            <tbody>
              {dekking.data.gemeenten.map((g) => (
                <tr key={g.gemeenteId}>
                  <td>{g.gemeente}</td>
                  <td><Voortgang gerealiseerd={g.plekken} beloofd={g.doelPlekken} /></td>
                  <td>{g.aanbieders}</td>
                  <td>{g.heeftAanbod ? <span className="ok">ja</span> : <strong style={{ color: 'var(--rood)' }}>geen aanbod</strong>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {rijen.data && rijen.data.length > 0 && (
        <details style={{ marginTop: '0.8rem' }}>
          <summary>Per aanbieder</summary>
          <table>
            <thead><tr><th>Gemeente</th><th>Aanbieder</th><th>Plekken</th><th>Doel</th></tr></thead>
            <tbody>{rijen.data.map((r) => <tr key={r.id}><td>{r.gemeente}</td><td>{r.aanbieder}</td><td>{r.plekken}</td><td>{r.doelPlekken}</td></tr>)}</tbody>
          </table>
        </details>
      )}
    </section>
  );
}

export function Afspraken({ ik }: { ik: Ik }) {
  return (
    <section>
      <h2>Woonafspraken en Beschermd Thuis</h2>
      <AfsprakenPerGemeente ik={ik} />
      <BeschermdThuis />
    </section>
  );
}
