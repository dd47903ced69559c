import { useEffect, useState, type FormEvent } from 'react';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router';
import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Heading3,
  Paragraph,
  Textarea,
} from '@utrecht/component-library-react';
import { api } from '../api';
import { useApi, useOrganisaties, useWijziging } from '../hooks';
import { BESTEMMING_LABEL, DOELGROEP_LABEL, EVENT_LABEL, FASE_LABEL, NIVEAU_LABEL, URGENTIE_LABEL, WOONSITUATIE_LABEL } from '../labels';
import { alleenLezen } from '../ik';
import type { Ik } from '../types';
import { nlDatum } from '../format';
import { Pagina } from '../ui/Pagina';
import { Veld } from '../ui/Veld';
import { Gegevens } from '../ui/Status';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';
import { Schulden } from './Schulden';
import { ParkerenOpDossier } from './Parkeren';
import { Plaatsen } from './Plaatsen';
import { Grondslagen } from './Grondslagen';
import { Zrm } from './Zrm';
import { Begeleiding } from './Begeleiding';
import { WaaromNiet } from './WaaromNiet';
import { CorrectieKnoppen, type TijdlijnEvent } from './Correctie';
import { ClientFormulier, alsInvoer, vandaagIso, verdeelFout, type ClientGegevens, type Woonwensen } from './NieuweClient';
import { GebeurtenisVelden, gebeurtenisBody, gebeurtenisFouten, gebeurtenisVraagt, type GebeurtenisInvoer } from './GebeurtenisVelden';
import { FormulierVoet } from '../ui/FormulierVoet';

export interface Dossier {
  id: string;
  pseudoniem: string;
  naam: string;
  bsn: string | null;
  externId: string | null;
  geboortedatum: string;
  leeftijd: number;
  jongere: boolean;
  doelgroep: string;
  herkomstgemeenteId: string;
  huidigeGemeenteId: string;
  aanbiederId: string | null;
  urgentie: number;
  woonwensen: Woonwensen | null;
  risicoNotities: string | null;
  toestand: { fase: string; niveau: string | null; sinds: string | null };
  events: TijdlijnEvent[];
  toegestaneEvents: string[];
}

const DOSSIER_PREFIXEN = ['/api/clienten', '/api/wachtlijsten', '/api/kandidaten'];

/** One client's dossier: data and woonwensen (editable), the trajectory with its timeline, debts, bases. */
export function ClientDossier({ ik, id }: { ik: Ik; id: string }) {
  const { data, fout, herlaad } = useApi<Dossier>(`/api/clienten/${id}`);
  const meld = useMeld();
  const locatie = useLocation();
  const navigate = useNavigate();
  // a message handed over by the page that led here (the aanmelding): shown once the layout has settled
  useEffect(() => {
    const melding = (locatie.state as { melding?: string } | null)?.melding;
    if (!melding) return;
    const t = setTimeout(() => {
      meld(melding);
      navigate(locatie.pathname, { replace: true, state: null });
    }, 0);
    return () => clearTimeout(t);
  }, [locatie.state, locatie.pathname, meld, navigate]);
  return (
    <Gegevens data={data} fout={fout}>
      {(c) => <DossierInhoud ik={ik} c={c} herlaad={herlaad} />}
    </Gegevens>
  );
}

function DossierInhoud({ ik, c, herlaad }: { ik: Ik; c: Dossier; herlaad: () => void }) {
  const orgs = useOrganisaties();
  const [wijzigen, zetWijzigen] = useState(false);
  const magSchrijven = !alleenLezen(ik) && (ik.rol === 'medewerker_toegang' || ik.rol === 'consulent');
  const ww = c.woonwensen;
  return (
    <Pagina
      titel={`${c.naam} (${c.pseudoniem})`}
      acties={
        <>
          <RouterLink className="utrecht-link" to="/clienten">
            ← Cliënten
          </RouterLink>
          {magSchrijven && (
            <RouterLink className="utrecht-button-link utrecht-button-link--secondary-action-button" to={`/clienten/${c.id}/inzage`}>
              Inzage (AVG art. 15)
            </RouterLink>
          )}
        </>
      }
    >
      <section aria-labelledby="kop-traject" className="dossier-deel">
        <Heading2 id="kop-traject">Traject</Heading2>
        <DataList className="kenmerken">
          <DataListItem>
            <DataListKey>Fase</DataListKey>
            <DataListValue>
              <span data-testid="fase">{FASE_LABEL[c.toestand.fase] ?? c.toestand.fase}</span>
            </DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Sinds</DataListKey>
            <DataListValue>{nlDatum(c.toestand.sinds)}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Niveau</DataListKey>
            <DataListValue>{c.toestand.niveau ? NIVEAU_LABEL[c.toestand.niveau] : '—'}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>Urgentie</DataListKey>
            <DataListValue>{URGENTIE_LABEL[c.urgentie] ?? c.urgentie}</DataListValue>
          </DataListItem>
        </DataList>
      </section>

      <section aria-labelledby="kop-gegevens" className="dossier-deel">
        <Heading2 id="kop-gegevens">Gegevens en woonwensen</Heading2>
        {wijzigen ? (
          <GegevensWijzigen c={c} klaar={() => zetWijzigen(false)} />
        ) : (
          <>
            <div data-testid="gegevens">
            <DataList className="kenmerken">
              <DataListItem>
                <DataListKey>Geboortedatum</DataListKey>
                <DataListValue>
                  {nlDatum(c.geboortedatum)} ({c.leeftijd} jaar{c.jongere ? ', jongere 18–24' : ''})
                </DataListValue>
              </DataListItem>
              {/* a lezer gets no BSN from the server; the row is not shown then at all */}
              {!alleenLezen(ik) && (
                <DataListItem>
                  <DataListKey>BSN</DataListKey>
                  <DataListValue>{c.bsn ?? 'niet bekend'}</DataListValue>
                </DataListItem>
              )}
              <DataListItem>
                <DataListKey>Doelgroep</DataListKey>
                <DataListValue>{DOELGROEP_LABEL[c.doelgroep] ?? c.doelgroep}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>Herkomstgemeente</DataListKey>
                <DataListValue>{orgs.naam(c.herkomstgemeenteId)}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>Huidige gemeente</DataListKey>
                <DataListValue>{orgs.naam(c.huidigeGemeenteId)}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>Aanbieder</DataListKey>
                <DataListValue>{c.aanbiederId ? orgs.naam(c.aanbiederId) : 'nog geen'}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>Extern id</DataListKey>
                <DataListValue>{c.externId ?? '—'}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>Gewenste gemeenten</DataListKey>
                <DataListValue>{ww?.gemeenten?.length ? ww.gemeenten.map((g) => orgs.naam(g)).join(', ') : 'geen voorkeur'}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>Woning</DataListKey>
                <DataListValue>
                  {ww?.minKamers ? `minimaal ${ww.minKamers} kamer${ww.minKamers > 1 ? 's' : ''}` : 'geen eis aan kamers'}
                  {ww?.toegankelijk ? ', toegankelijk' : ''}
                </DataListValue>
              </DataListItem>
              {ww?.bijzonderheden && (
                <DataListItem>
                  <DataListKey>Bijzonderheden</DataListKey>
                  <DataListValue>{ww.bijzonderheden}</DataListValue>
                </DataListItem>
              )}
            </DataList>
            </div>
            {magSchrijven && (
              <Button appearance="secondary-action-button" onClick={() => zetWijzigen(true)}>
                Gegevens wijzigen
              </Button>
            )}
          </>
        )}
        {c.risicoNotities && (
          <div className="kaart">
            <Heading3>Risico-notities (alleen zorgrollen)</Heading3>
            <Paragraph>{c.risicoNotities}</Paragraph>
          </div>
        )}
      </section>

      <section aria-labelledby="kop-tijdlijn" className="dossier-deel">
        <Heading2 id="kop-tijdlijn">Tijdlijn</Heading2>
        <Tijdlijn c={c} magSchrijven={magSchrijven} />
        {magSchrijven && c.toegestaneEvents.length > 0 && <GebeurtenisVastleggen c={c} />}
      </section>

      {magSchrijven && (c.toestand.fase === 'uitstroomklaar' || c.toestand.fase === 'in_zorg') && <Plaatsen clientId={c.id} aanbiederId={c.aanbiederId} onGeplaatst={herlaad} />}
      {ik.soort !== 'woningcorporatie' && <Zrm clientId={c.id} magSchrijven={magSchrijven} organisatieId={ik.organisatieId} />}
      {ik.soort !== 'woningcorporatie' && <Begeleiding clientId={c.id} magSchrijven={magSchrijven} />}
      {ik.soort !== 'woningcorporatie' && <WaaromNiet clientId={c.id} />}

      {ik.soort !== 'woningcorporatie' && <ParkerenOpDossier clientId={c.id} pseudoniem={c.pseudoniem} ik={ik} />}
      <Schulden clientId={c.id} magSchrijven={magSchrijven} />
      <Grondslagen clientId={c.id} magSchrijven={magSchrijven} />
    </Pagina>
  );
}

function Tijdlijn({ c, magSchrijven }: { c: Dossier; magSchrijven: boolean }) {
  const orgs = useOrganisaties();
  if (c.events.length === 0) return <Paragraph className="leeg">Nog geen gebeurtenissen: leg hieronder de aanmelding vast.</Paragraph>;
  return (
    <ol className="tijdlijn" aria-label="Gebeurtenissen, oudste eerst">
      {c.events.map((e) =>
        e.soort === 'correctie' ? (
          <li key={e.id} className="correctie">
            <strong>{nlDatum(e.datum)}</strong> — Correctie:{' '}
            {((v) => (v ? `${EVENT_LABEL[v.soort] ?? v.soort} van ${nlDatum(v.datum)}` : 'gebeurtenis'))(c.events.find((x) => x.id === e.vervaltEventId))} vervallen
            {e.reden && ` (reden: ${e.reden})`}
          </li>
        ) : (
          <li key={e.id} className={e.geldig ? undefined : 'vervallen'}>
            <strong>{nlDatum(e.datum)}</strong> — {EVENT_LABEL[e.soort] ?? e.soort}
            {!e.geldig && <span className="label">vervallen</span>}
            {e.niveau && ` · ${NIVEAU_LABEL[e.niveau]}`}
            {e.bestemming && ` · ${BESTEMMING_LABEL[e.bestemming]}`}
            {e.woonsituatie && ` · woonde vóór aanmelding: ${WOONSITUATIE_LABEL[e.woonsituatie]}`}
            {e.urgentie !== null && e.urgentie !== undefined && ` · urgentie ${e.urgentie}`}
            {e.aanbiederId && (e.soort === 'instroom' || e.soort === 'doorstroom' || e.soort === 'terugval') && ` · ${orgs.naam(e.aanbiederId)}`}
            {e.toelichting && <div className="toelichting">{e.toelichting}</div>}
            {magSchrijven && e.geldig && <CorrectieKnoppen clientId={c.id} event={e} />}
          </li>
        ),
      )}
    </ol>
  );
}

/**
 * The next event of the trajectory. It asks only what the chosen kind needs (EVENT_VRAAGT), asks for a
 * confirmation, and after saving starts empty again (its key changes): the Toelichting of one event is never
 * sent along with the next.
 */
function GebeurtenisVastleggen({ c }: { c: Dossier }) {
  const [versie, zetVersie] = useState(0);
  return <GebeurtenisFormulier key={versie} c={c} opgeslagen={() => zetVersie((v) => v + 1)} />;
}

function GebeurtenisFormulier({ c, opgeslagen }: { c: Dossier; opgeslagen: () => void }) {
  const meld = useMeld();
  const [dialoog, vraag] = useBevestiging();
  const [gebeurtenis, zetGebeurtenis] = useState<GebeurtenisInvoer>({ soort: c.toegestaneEvents[0]!, datum: vandaagIso(), niveau: '', urgentie: '0', bestemming: '', woonsituatie: '', aanbiederId: c.aanbiederId ?? '' });
  const wijzig = (deel: Partial<GebeurtenisInvoer>) => zetGebeurtenis((g) => ({ ...g, ...deel }));
  const { soort, datum, niveau, urgentie, bestemming } = gebeurtenis;
  const [toelichting, zetToelichting] = useState('');
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const vraagt = gebeurtenisVraagt(soort);
  const vastleggen = useWijziging(
    (body: Record<string, unknown>) => api<{ toestand: { fase: string } }>(`/api/clienten/${c.id}/events`, { method: 'POST', body }),
    DOSSIER_PREFIXEN,
  );
  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    zetFouten({});
    zetAlgemeen(null);
    const eigen = gebeurtenisFouten(gebeurtenis);
    if (Object.keys(eigen).length) return zetFouten(eigen);
    const label = EVENT_LABEL[soort] ?? soort;
    const details = [vraagt.includes('niveau') && NIVEAU_LABEL[niveau], vraagt.includes('urgentie') && `urgentie ${urgentie}`, vraagt.includes('bestemming') && BESTEMMING_LABEL[bestemming]].filter(Boolean).join(', ');
    const ja = await vraag({
      titel: `${label} vastleggen?`,
      tekst: `${label} op ${nlDatum(datum)}${details ? ` (${details})` : ''} komt in de tijdlijn van ${c.naam}. Een vergissing herstelt u daarna met Corrigeren of Ongedaan maken.`,
      bevestig: `${label} vastleggen`,
    });
    if (!ja) return;
    try {
      const r = await vastleggen.mutateAsync({ ...gebeurtenisBody(gebeurtenis), toelichting: toelichting.trim() || null });
      meld(`${label} vastgelegd op ${nlDatum(datum)}. Fase nu: ${FASE_LABEL[r.toestand.fase] ?? r.toestand.fase}.`);
      opgeslagen();
    } catch (err) {
      const f = verdeelFout(err);
      zetFouten(f.velden);
      zetAlgemeen(f.algemeen);
    }
  };
  return (
    <>
    <form className="kaart geen-print gebeurtenis" onSubmit={(e) => void verstuur(e)} noValidate aria-labelledby="kop-gebeurtenis">
      <Heading3 id="kop-gebeurtenis">Gebeurtenis vastleggen</Heading3>
      <GebeurtenisVelden waarde={gebeurtenis} wijzig={wijzig} soorten={c.toegestaneEvents} fouten={fouten} huidigeAanbiederId={c.aanbiederId ?? null} metUitleg />
      <Veld label="Toelichting" naam="toelichting" fout={fouten.toelichting} beschrijving="Optioneel; alleen zichtbaar voor toegang en zorg, niet voor corporaties.">
        {(p) => <Textarea {...p} rows={2} value={toelichting} onChange={(e) => zetToelichting(e.target.value)} />}
      </Veld>
      <FormulierVoet knop="Vastleggen" bezig={vastleggen.isPending} fout={algemeen} />
    </form>
    {dialoog}
    </>
  );
}

/** The edit form of the client's data: sends only what changed. */
function GegevensWijzigen({ c, klaar }: { c: Dossier; klaar: () => void }) {
  const meld = useMeld();
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const begin: ClientGegevens = {
    naam: c.naam,
    bsn: c.bsn,
    geboortedatum: c.geboortedatum,
    doelgroep: c.doelgroep,
    herkomstgemeenteId: c.herkomstgemeenteId,
    huidigeGemeenteId: c.huidigeGemeenteId,
    aanbiederId: c.aanbiederId,
    externId: c.externId,
    woonwensen: c.woonwensen,
  };
  const opslaan = useWijziging((body: Record<string, unknown>) => api<{ gewijzigd: string[] }>(`/api/clienten/${c.id}`, { method: 'PATCH', body }), DOSSIER_PREFIXEN);
  const verstuur = async (g: ClientGegevens) => {
    zetFouten({});
    zetAlgemeen(null);
    const nieuw = alsInvoer(g);
    const oud = alsInvoer(begin);
    const wijziging = Object.fromEntries(
      Object.entries(nieuw).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(oud[k as keyof typeof oud]) && !(k === 'huidigeGemeenteId' && v === null)),
    );
    if (Object.keys(wijziging).length === 0) {
      meld('Er was niets gewijzigd.');
      return klaar();
    }
    try {
      const r = await opslaan.mutateAsync(wijziging);
      meld(`Gegevens opgeslagen (${r.gewijzigd.length} ${r.gewijzigd.length === 1 ? 'gegeven' : 'gegevens'} gewijzigd).`);
      klaar();
    } catch (e) {
      const f = verdeelFout(e);
      zetFouten(f.velden);
      zetAlgemeen(f.algemeen);
    }
  };
  return <ClientFormulier begin={begin} knop="Opslaan" fouten={fouten} algemeneFout={algemeen} bezig={opslaan.isPending} onVerstuur={(g) => void verstuur(g)} onAnnuleer={klaar} />;
}

