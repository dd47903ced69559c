import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiFout, zetCsrf } from './api';
import type { Ik } from './types';
import { useApi } from './hooks';
import { Login } from './pages/Login';
import { Overzicht } from './pages/Overzicht';
import { Clienten } from './pages/Clienten';
import { ClientDossier } from './pages/ClientDossier';
import { Wachtlijsten } from './pages/Wachtlijsten';
import { Audit } from './pages/Audit';
import { Signalen } from './pages/Signalen';
import { Inbox } from './pages/Inbox';
import { Matching } from './pages/Matching';
import { Woningen } from './pages/Woningen';
import { Afspraken } from './pages/Afspraken';
import { Monitor } from './pages/Monitor';
import { Verdeelmodel } from './pages/Verdeelmodel';
import { Beveiliging, MfaCode, VerplichtInschrijven } from './pages/Beveiliging';

const SOORT_LABEL: Record<Ik['soort'], string> = {
  centrumgemeente: 'Centrumgemeente',
  regiogemeente: 'Regiogemeente',
  woningcorporatie: 'Woningcorporatie',
  aanbieder: 'Zorg-/opvangaanbieder',
};

interface Pagina {
  pad: string;
  titel: string;
  zichtbaar: (ik: Ik) => boolean;
  render: (ik: Ik, param?: string) => ReactNode;
}

const zorg = (ik: Ik) => ik.soort !== 'woningcorporatie';
export const PAGINAS: Pagina[] = [
  { pad: 'overzicht', titel: 'Overzicht', zichtbaar: () => true, render: (ik) => <Overzicht ik={ik} /> },
  { pad: 'clienten', titel: 'Cliënten', zichtbaar: zorg, render: (ik, id) => (id ? <ClientDossier ik={ik} id={id} /> : <Clienten ik={ik} />) },
  { pad: 'wachtlijsten', titel: 'Wachtlijsten', zichtbaar: zorg, render: (ik) => <Wachtlijsten ik={ik} /> },
  { pad: 'woningen', titel: 'Woningen', zichtbaar: (ik) => ik.soort === 'woningcorporatie', render: (ik) => <Woningen ik={ik} /> },
  { pad: 'afspraken', titel: 'Woonafspraken', zichtbaar: zorg, render: (ik) => <Afspraken ik={ik} /> },
  { pad: 'matching', titel: 'Matching', zichtbaar: () => true, render: (ik) => <Matching ik={ik} /> },
  { pad: 'signalen', titel: 'Signalen', zichtbaar: () => true, render: (ik, id) => <Signalen ik={ik} id={id} /> },
  { pad: 'inbox', titel: 'Inbox', zichtbaar: () => true, render: () => <Inbox /> },
  { pad: 'monitor', titel: 'Monitor', zichtbaar: () => true, render: (ik) => <Monitor ik={ik} /> },
  { pad: 'verdeelmodel', titel: 'Verdeelmodel', zichtbaar: (ik) => ik.soort === 'centrumgemeente' || ik.soort === 'regiogemeente', render: (ik) => <Verdeelmodel ik={ik} /> },
  { pad: 'beveiliging', titel: 'Beveiliging', zichtbaar: () => true, render: () => <Beveiliging /> },
  { pad: 'audit', titel: 'Auditlog', zichtbaar: (ik) => ik.soort === 'centrumgemeente' && ik.rol === 'beheerder', render: () => <Audit /> },
];

/** Unread notifications of the organisation; refreshed on every navigation and every minute. */
function OngelezenTeller({ pad }: { pad: string }) {
  const { data, herlaad } = useApi<{ ongelezen: number }>('/api/meldingen/aantal');
  // useApi already fetched on mount; only a change of page asks again
  const vorigPad = useRef(pad);
  useEffect(() => {
    if (vorigPad.current === pad) return;
    vorigPad.current = pad;
    herlaad();
  }, [pad, herlaad]);
  useEffect(() => {
    const klok = setInterval(herlaad, 60_000);
    return () => clearInterval(klok);
  }, [herlaad]);
  if (!data?.ongelezen) return null;
  return <span className="teller" aria-label={`${data.ongelezen} ongelezen`}>{data.ongelezen}</span>;
}

function useHashRoute(): [string, string | undefined] {
  const lees = () => window.location.hash.replace(/^#\/?/, '').split('/');
  const [delen, zetDelen] = useState(lees);
  useEffect(() => {
    const luister = () => zetDelen(lees());
    window.addEventListener('hashchange', luister);
    return () => window.removeEventListener('hashchange', luister);
  }, []);
  return [delen[0] || 'overzicht', delen[1]];
}

export function App() {
  const [ik, zetIk] = useState<Ik | null | undefined>(undefined);
  const [pad, param] = useHashRoute();

  const laadIk = useCallback(async () => {
    try {
      const me = await api<Ik>('/api/auth/me');
      zetCsrf(me.csrfToken);
      zetIk(me);
    } catch (e) {
      if (e instanceof ApiFout && e.status === 401) zetIk(null);
      else throw e;
    }
  }, []);
  useEffect(() => {
    void laadIk();
  }, [laadIk]);

  if (ik === undefined) return <p style={{ padding: '2rem' }}>Laden…</p>;
  if (ik === null) return <Login onIngelogd={laadIk} />;

  const uitloggen = async () => {
    await api('/api/auth/logout', { method: 'POST' });
    zetCsrf(null);
    zetIk(null);
  };
  // a half-way session (password right, second factor not yet) can do nothing but this step
  if (ik.mfa === 'code') return <MfaCode onKlaar={laadIk} onUitloggen={uitloggen} />;
  if (ik.mfa === 'inschrijven') return <VerplichtInschrijven onKlaar={laadIk} onUitloggen={uitloggen} />;

  const zichtbaar = PAGINAS.filter((p) => p.zichtbaar(ik));
  const pagina = zichtbaar.find((p) => p.pad === pad) ?? zichtbaar[0]!;
  return (
    <>
      <header className="balk">
        <h1>Doorstroom</h1>
        <span>{ik.regio}</span>
        <div className="org" data-testid="organisatie">
          <strong>{ik.organisatie}</strong> · {SOORT_LABEL[ik.soort]}
          <br />
          {ik.naam} ({ik.rol.replace('_', ' ')})
        </div>
        <button className="secundair" onClick={uitloggen}>
          Uitloggen
        </button>
      </header>
      <div className="layout">
        <nav className="menu" aria-label="Hoofdmenu">
          {zichtbaar.map((p) => (
            <a key={p.pad} href={`#/${p.pad}`} className={p === pagina ? 'actief' : ''}>
              {p.titel}
              {p.pad === 'inbox' && <OngelezenTeller pad={pad} />}
            </a>
          ))}
        </nav>
        <main>{pagina.render(ik, param)}</main>
      </div>
    </>
  );
}
