import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, NavLink, Outlet, RouterProvider, useLocation, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, PageHeader, SkipLink } from '@utrecht/component-library-react';
import { api, ApiFout, zetCsrf } from './api';
import type { Ik } from './types';
import { IkContext, isZorg, useIk } from './ik';
import { MeldingGebied } from './ui/Melding';
import { zetNavigator } from './navigatie';
import { Laden } from './ui/Status';
import { Login } from './pages/Login';
import { Overzicht } from './pages/Overzicht';
import { Clienten } from './pages/Clienten';
import { ClientDossier } from './pages/ClientDossier';
import { NieuweClient } from './pages/NieuweClient';
import { Importeren } from './pages/Importeren';
import { Inzage } from './pages/Inzage';
import { Wachtlijsten } from './pages/Wachtlijsten';
import { Audit } from './pages/Audit';
import { Signalen } from './pages/Signalen';
import { Inbox } from './pages/Inbox';
import { Matching } from './pages/Matching';
import { Plaatsingsdashboard } from './pages/Plaatsingsdashboard';
import { Woningen } from './pages/Woningen';
import { Afspraken } from './pages/Afspraken';
import { Monitor } from './pages/Monitor';
import { Verdeelmodel } from './pages/Verdeelmodel';
import { Beleid } from './pages/Beleid';
import { Beveiliging, MfaCode, VerplichtInschrijven } from './pages/Beveiliging';
import { Landelijk } from './pages/Landelijk';
import { StandVanZaken } from './pages/StandVanZaken';
import { Uitkomsten } from './pages/Uitkomsten';
import { Datakwaliteit } from './pages/Datakwaliteit';

const SOORT_LABEL: Record<Ik['soort'], string> = {
  centrumgemeente: 'Centrumgemeente',
  regiogemeente: 'Regiogemeente',
  woningcorporatie: 'Woningcorporatie',
  aanbieder: 'Zorg-/opvangaanbieder',
  landelijk: 'Landelijke organisatie',
};
const ROL_LABEL: Record<Ik['rol'], string> = {
  beheerder: 'beheerder',
  medewerker_toegang: 'medewerker toegang',
  consulent: 'consulent',
  alleen_lezen: 'alleen lezen',
};

interface MenuItem {
  pad: string;
  titel: string;
  zichtbaar: (ik: Ik) => boolean;
  /** a national body (soort landelijk) sees only the items that say so */
  landelijk?: boolean;
}
const isLandelijk = (ik: Ik) => ik.soort === 'landelijk';
const isGemeente = (ik: Ik) => ik.soort === 'centrumgemeente' || ik.soort === 'regiogemeente';
const isBeheerder = (ik: Ik) => ik.rol === 'beheerder' && isZorg(ik);
const menuVoor = (ik: Ik) => MENU.filter((m) => (isLandelijk(ik) ? m.landelijk : true) && m.zichtbaar(ik));

export const MENU: MenuItem[] = [
  { pad: 'overzicht', titel: 'Overzicht', zichtbaar: () => true },
  { pad: 'clienten', titel: 'Cliënten', zichtbaar: isZorg },
  { pad: 'wachtlijsten', titel: 'Wachtlijsten', zichtbaar: isZorg },
  { pad: 'woningen', titel: 'Woningen', zichtbaar: (ik) => ik.soort === 'woningcorporatie' },
  { pad: 'afspraken', titel: 'Woonafspraken', zichtbaar: isZorg },
  { pad: 'matching', titel: 'Matching', zichtbaar: () => true },
  { pad: 'plaatsingsdashboard', titel: 'Plaatsingsdashboard', zichtbaar: (ik) => isGemeente(ik) || ik.soort === 'woningcorporatie' },
  { pad: 'signalen', titel: 'Signalen', zichtbaar: () => true },
  { pad: 'inbox', titel: 'Inbox', zichtbaar: () => true },
  { pad: 'monitor', titel: 'Monitor', zichtbaar: () => true },
  { pad: 'beleid', titel: 'Prioriteringsbeleid', zichtbaar: (ik) => ik.soort === 'centrumgemeente' && ik.rol === 'beheerder' },
  { pad: 'verdeelmodel', titel: 'Verdeelmodel', zichtbaar: (ik) => ik.soort === 'centrumgemeente' || ik.soort === 'regiogemeente' },
  { pad: 'uitkomsten', titel: 'Uitkomsten', zichtbaar: isZorg },
  { pad: 'stand-van-zaken', titel: 'Stand van zaken', zichtbaar: isGemeente },
  { pad: 'datakwaliteit', titel: 'Datakwaliteit', zichtbaar: isBeheerder },
  { pad: 'landelijk', titel: 'Landelijk beeld', zichtbaar: isLandelijk, landelijk: true },
  { pad: 'beveiliging', titel: 'Beveiliging', zichtbaar: () => true, landelijk: true },
  { pad: 'audit', titel: 'Auditlog', zichtbaar: (ik) => ik.soort === 'centrumgemeente' && ik.rol === 'beheerder' },
];

/** Unread notifications of the organisation; renewed every minute and after every change to the inbox. */
function OngelezenTeller() {
  // the same cache entry as useApi('/api/meldingen/aantal'), so a change through useWijziging(['/api/meldingen']) renews it
  const { data } = useQuery({ queryKey: ['/api/meldingen/aantal'], queryFn: () => api<{ ongelezen: number }>('/api/meldingen/aantal'), refetchInterval: 60_000 });
  if (!data?.ongelezen) return null;
  return (
    <span className="teller" data-testid="inbox-teller">
      {data.ongelezen}
      <span className="visueel-verborgen"> ongelezen</span>
    </span>
  );
}

/** A page for which this user's organisation or role has no menu item: said so, instead of a blank page. */
function Alleen({ mag, children }: { mag: (ik: Ik) => boolean; children: ReactNode }) {
  const ik = useIk();
  return mag(ik) ? <>{children}</> : <Navigate to={isLandelijk(ik) ? '/landelijk' : '/overzicht'} replace />;
}

function Layout({ uitloggen }: { uitloggen: () => void }) {
  const ik = useIk();
  const { pathname } = useLocation();
  const [menuOpen, zetMenuOpen] = useState(false);
  const eerste = useRef(true);
  useEffect(() => {
    zetMenuOpen(false);
    // after a navigation focus goes to the new page's heading, so keyboard and screen-reader users start there
    if (eerste.current) {
      eerste.current = false;
      return;
    }
    const kop = document.querySelector<HTMLElement>('#pagina-titel') ?? document.querySelector<HTMLElement>('main h1, main h2');
    if (kop) {
      if (!kop.hasAttribute('tabindex')) kop.setAttribute('tabindex', '-1');
      kop.focus();
    } else document.getElementById('inhoud')?.focus();
  }, [pathname]);
  const menuItem = MENU.find((m) => pathname.split('/')[1] === m.pad);
  useEffect(() => {
    // pages set a more precise title with <Pagina>; this is the fallback for the route
    if (menuItem && !document.getElementById('pagina-titel')) document.title = `${menuItem.titel} · Doorstroom`;
  }, [menuItem, pathname]);
  return (
    <>
      <SkipLink href="#inhoud">Naar de inhoud</SkipLink>
      <PageHeader className="balk">
        <div className="balk-inhoud">
          <span className="merk">Doorstroom</span>
          <span className="regio">{ik.regio}</span>
          <div className="org" data-testid="organisatie">
            <strong>{ik.organisatie}</strong> · {SOORT_LABEL[ik.soort]}
            <br />
            {ik.naam} ({ROL_LABEL[ik.rol]})
          </div>
          <Button appearance="secondary-action-button" className="menu-knop" aria-expanded={menuOpen} aria-controls="hoofdmenu" onClick={() => zetMenuOpen((o) => !o)}>
            Menu
          </Button>
          <Button appearance="secondary-action-button" onClick={uitloggen}>
            Uitloggen
          </Button>
        </div>
      </PageHeader>
      <div className="layout">
        <nav id="hoofdmenu" className={`menu${menuOpen ? ' open' : ''}`} aria-label="Hoofdmenu">
          <ul className="utrecht-nav-list">
            {menuVoor(ik).map((m) => (
              <li key={m.pad} className="utrecht-nav-list__item">
                <NavLink to={`/${m.pad}`} className={({ isActive }) => `utrecht-nav-list__link${isActive ? ' actief' : ''}`}>
                  {m.titel}
                  {m.pad === 'inbox' && <OngelezenTeller />}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="inhoud" tabIndex={-1}>
          <MeldingGebied>
            <Outlet />
          </MeldingGebied>
        </main>
      </div>
    </>
  );
}

// route elements read the user from context; the pages keep their props so they stay easy to test alone
const MetIk = ({ maak }: { maak: (ik: Ik, id?: string) => ReactNode }) => {
  const ik = useIk();
  const { id } = useParams();
  return <>{maak(ik, id)}</>;
};

function maakRouter(uitloggen: () => void) {
  const alleenGemeente = (ik: Ik) => ik.soort === 'centrumgemeente' || ik.soort === 'regiogemeente';
  const beheer = (ik: Ik) => ik.soort === 'centrumgemeente' && ik.rol === 'beheerder';
  const router = createBrowserRouter([
    {
      path: '/',
      element: <Layout uitloggen={uitloggen} />,
      children: [
        { index: true, element: <Alleen mag={(ik) => !isLandelijk(ik)}><Navigate to="/overzicht" replace /></Alleen> },
        { path: 'overzicht', element: <Alleen mag={(ik) => !isLandelijk(ik)}><MetIk maak={(ik) => <Overzicht ik={ik} />} /></Alleen> },
        { path: 'clienten', element: <Alleen mag={isZorg}><MetIk maak={(ik) => <Clienten ik={ik} />} /></Alleen> },
        { path: 'clienten/nieuw', element: <Alleen mag={(ik) => isZorg(ik) && ik.rol === 'medewerker_toegang'}><NieuweClient /></Alleen> },
        { path: 'clienten/importeren', element: <Alleen mag={(ik) => isZorg(ik) && ik.rol === 'medewerker_toegang'}><Importeren /></Alleen> },
        { path: 'clienten/:id/inzage', element: <Alleen mag={(ik) => isZorg(ik) && (ik.rol === 'medewerker_toegang' || ik.rol === 'consulent')}><MetIk maak={(_, id) => <Inzage key={id} id={id!} />} /></Alleen> },
        { path: 'clienten/:id', element: <Alleen mag={isZorg}><MetIk maak={(ik, id) => <ClientDossier key={id} ik={ik} id={id!} />} /></Alleen> },
        { path: 'wachtlijsten', element: <Alleen mag={isZorg}><MetIk maak={(ik) => <Wachtlijsten ik={ik} />} /></Alleen> },
        { path: 'woningen', element: <Alleen mag={(ik) => ik.soort === 'woningcorporatie'}><MetIk maak={(ik) => <Woningen ik={ik} />} /></Alleen> },
        { path: 'afspraken', element: <Alleen mag={isZorg}><MetIk maak={(ik) => <Afspraken ik={ik} />} /></Alleen> },
        { path: 'matching', element: <MetIk maak={(ik) => <Matching ik={ik} />} /> },
        { path: 'plaatsingsdashboard', element: <MetIk maak={(ik) => <Plaatsingsdashboard ik={ik} />} /> },
        { path: 'signalen', element: <MetIk maak={(ik) => <Signalen ik={ik} />} /> },
        { path: 'signalen/:id', element: <MetIk maak={(ik, id) => <Signalen key={id} ik={ik} id={id} />} /> },
        { path: 'inbox', element: <Inbox /> },
        { path: 'monitor', element: <MetIk maak={(ik) => <Monitor ik={ik} />} /> },
        { path: 'beleid', element: <Alleen mag={beheer}><Beleid /></Alleen> },
        { path: 'verdeelmodel', element: <Alleen mag={alleenGemeente}><MetIk maak={(ik) => <Verdeelmodel ik={ik} />} /></Alleen> },
        { path: 'uitkomsten', element: <Alleen mag={isZorg}><Uitkomsten /></Alleen> },
        { path: 'stand-van-zaken', element: <Alleen mag={isGemeente}><MetIk maak={(ik) => <StandVanZaken ik={ik} />} /></Alleen> },
        { path: 'datakwaliteit', element: <Alleen mag={isBeheerder}><Datakwaliteit /></Alleen> },
        { path: 'landelijk', element: <Alleen mag={isLandelijk}><Landelijk /></Alleen> },
        { path: 'beveiliging', element: <Beveiliging /> },
        { path: 'audit', element: <Alleen mag={beheer}><Audit /></Alleen> },
        { path: '*', element: <Alleen mag={(ik) => !isLandelijk(ik)}><Navigate to="/overzicht" replace /></Alleen> },
      ],
    },
  ]);
  zetNavigator((pad) => void router.navigate(pad));
  return router;
}

/** Outside the signed-in layout (login, second factor) there is still one main landmark and one h1. */
function Buiten({ children }: { children: ReactNode }) {
  useEffect(() => {
    document.title = 'Inloggen · Doorstroom';
  }, []);
  return (
    <main id="inhoud" className="buiten">
      {children}
    </main>
  );
}

export function App() {
  const [ik, zetIk] = useState<Ik | null | undefined>(undefined);
  const qc = useQueryClient();

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

  const uitloggen = useCallback(async () => {
    await api('/api/auth/logout', { method: 'POST' });
    zetCsrf(null);
    // nothing of the previous user stays in the cache for the next one
    qc.clear();
    zetIk(null);
  }, [qc]);
  const [router] = useState(() => maakRouter(() => void uitloggen()));

  if (ik === undefined) return <Laden />;
  if (ik === null)
    return (
      <Buiten>
        <Login onIngelogd={laadIk} />
      </Buiten>
    );
  // a half-way session (password right, second factor not yet) can do nothing but this step
  if (ik.mfa === 'code')
    return (
      <Buiten>
        <MfaCode onKlaar={laadIk} onUitloggen={uitloggen} />
      </Buiten>
    );
  if (ik.mfa === 'inschrijven')
    return (
      <Buiten>
        <VerplichtInschrijven onKlaar={laadIk} onUitloggen={uitloggen} />
      </Buiten>
    );
  return (
    <IkContext.Provider value={ik}>
      <RouterProvider router={router} />
    </IkContext.Provider>
  );
}
