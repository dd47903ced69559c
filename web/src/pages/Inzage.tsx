import { Link as RouterLink } from 'react-router';
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useApi, useOrganisaties } from '../hooks';
import { euroUitCenten, getal, nlDatum, nlTijdstip } from '../format';
import { BESTEMMING_LABEL, DOELGROEP_LABEL, EVENT_LABEL, HUURCONSTRUCTIE_LABEL, NIVEAU_LABEL } from '../labels';
import { REIKWIJDTE_LABEL, WETTELIJKE_GRONDSLAGEN } from '../../../src/domain/grondslagen';
import { ZRM_DOMEIN_LABEL, ZRM_DOMEINEN } from '../../../src/domain/zrm';
import { DOEL_STATUS_LABEL, domeinLabel, type Begeleiding } from '../../../src/domain/begeleiding';
import { AFWIJZING_LABEL, type AfwijzingsCode } from '../../../src/domain/matching/redenen';
import { VOORSTEL_STATUS_LABEL, type VoorstelStatus } from '../../../src/domain/matching/workflow';
import { Pagina } from '../ui/Pagina';
import { Tabel } from '../ui/Tabel';
import { Gegevens } from '../ui/Status';
import type { Woonwensen } from './NieuweClient';

interface InzageData {
  opgesteld: string;
  dossier: {
    pseudoniem: string;
    naam: string;
    bsn: string | null;
    externId: string | null;
    geboortedatum: string;
    doelgroep: string;
    herkomstgemeenteId: string;
    huidigeGemeenteId: string;
    aanbiederId: string | null;
    urgentie: number;
    woonwensen: Woonwensen | null;
    risicoNotities: string | null;
    events: { id: number; soort: string; datum: string; niveau: string | null; bestemming: string | null; toelichting: string | null; reden: string | null; geldig: boolean; vervaltEventId: number | null }[];
  };
  plaatsingen: { id: string; adres: string; huurconstructie: string; startdatum: string; einddatum: string | null }[];
  signalen: { id: string; soort: string; status: string; aangemaakt: string; stappen: { status: string; tijdstip: string; toelichting: string | null }[] }[];
  schulden: { id: string; schuldeiser: string; bedragCenten: number; regeling: string; status: string }[];
  voorstellen: { id: string; status: VoorstelStatus; afwijzingsreden: string | null; afwijzingCode?: string | null; aangemaakt: string }[];
  parkeringen?: { id: string; redenLabel: string; toelichting: string | null; vanaf: string; tot: string; beeindigdOp: string | null; doorOrganisatie: string }[];
  zrm?: { id: string; datum: string; organisatie: string; scores: Record<string, number | null>; toelichting: string | null; ingetrokkenOp: string | null; intrekkingsreden: string | null }[];
  begeleidingen?: Begeleiding[];
  grondslagen: { id: string; reikwijdte: string; soort: string; wettelijkeGrondslag: string | null; ingangsdatum: string; einddatum: string | null; ingetrokkenOp: string | null }[];
  toegang: { tijdstip: string; actie: string; gebruiker: string | null; organisatie: string | null; details: unknown }[];
}

const ACTIE: Record<string, string> = { lezen: 'ingezien', zoeken: 'gevonden bij zoeken', wijzigen: 'gewijzigd', aanmaken: 'aangemaakt', exporteren: 'inzage opgesteld', vernietigen: 'geanonimiseerd' };
const SCHULD_STATUS: Record<string, string> = { open: 'Open', regeling_getroffen: 'Regeling getroffen', afgelost: 'Afgelost' };
const REIKWIJDTE: Readonly<Record<string, string>> = REIKWIJDTE_LABEL;
const WETTELIJK: Readonly<Record<string, string>> = WETTELIJKE_GRONDSLAGEN;

/** AVG art. 15: everything held about one client, as a page to print or save as PDF for the client. */
export function Inzage({ id }: { id: string }) {
  const orgs = useOrganisaties();
  const { data, fout } = useApi<InzageData>(`/api/clienten/${id}/inzage`);
  return (
    <Pagina
      titel="Inzage in persoonsgegevens (AVG artikel 15)"
      acties={
        <>
          <RouterLink className="utrecht-link" to={`/clienten/${id}`}>
            ← Terug naar het dossier
          </RouterLink>
          <Button appearance="primary-action-button" onClick={() => window.print()}>
            Afdrukken / PDF
          </Button>
          <a className="utrecht-link" href={`/api/clienten/${id}/inzage`} download>
            JSON downloaden
          </a>
        </>
      }
    >
      <Gegevens data={data} fout={fout}>
        {(d) => {
          const c = d.dossier;
          const ww = c.woonwensen;
          return (
            <div data-testid="inzage">
              <Paragraph>
                Opgesteld op {nlTijdstip(d.opgesteld)} voor {c.naam} ({c.pseudoniem}). Dit overzicht bevat alles wat Doorstroom over deze persoon bewaart.
              </Paragraph>
              <Heading2>Persoonsgegevens</Heading2>
              <DataList className="kenmerken">
                {(
                  [
                    ['Naam', c.naam],
                    ['BSN', c.bsn ?? '—'],
                    ['Extern id', c.externId ?? '—'],
                    ['Geboortedatum', nlDatum(c.geboortedatum)],
                    ['Doelgroep', DOELGROEP_LABEL[c.doelgroep] ?? c.doelgroep],
                    ['Herkomstgemeente', orgs.naam(c.herkomstgemeenteId)],
                    ['Huidige gemeente', orgs.naam(c.huidigeGemeenteId)],
                    ['Aanbieder', c.aanbiederId ? orgs.naam(c.aanbiederId) : '—'],
                    ['Urgentie', String(c.urgentie)],
                    [
                      'Woonwensen',
                      ww
                        ? [
                            ww.gemeenten?.length ? `gemeenten: ${ww.gemeenten.map((g) => orgs.naam(g)).join(', ')}` : null,
                            ww.minKamers ? `minimaal ${ww.minKamers} kamers` : null,
                            ww.toegankelijk ? 'toegankelijke woning' : null,
                            ww.bijzonderheden ? `bijzonderheden: ${ww.bijzonderheden}` : null,
                          ]
                            .filter(Boolean)
                            .join('; ') || '—'
                        : '—',
                    ],
                    ...(c.risicoNotities ? [['Risico-notities', c.risicoNotities]] : []),
                  ] as [string, string][]
                ).map(([k, v]) => (
                  <DataListItem key={k}>
                    <DataListKey>{k}</DataListKey>
                    <DataListValue>{v}</DataListValue>
                  </DataListItem>
                ))}
              </DataList>
              <Heading2>Traject</Heading2>
              <Tabel
                bijschrift="Gebeurtenissen in het traject"
                eenheid="gebeurtenissen"
                rijen={c.events}
                sleutel={(e) => String(e.id)}
                kolommen={[
                  { kop: 'Datum', cel: (e) => nlDatum(e.datum) },
                  {
                    kop: 'Gebeurtenis',
                    cel: (e) =>
                      e.soort === 'correctie'
                        ? `Correctie: ${((v) => (v ? `${EVENT_LABEL[v.soort] ?? v.soort} van ${nlDatum(v.datum)}` : 'gebeurtenis'))(c.events.find((x) => x.id === e.vervaltEventId))} vervallen`
                        : EVENT_LABEL[e.soort] ?? e.soort,
                  },
                  { kop: 'Details', cel: (e) => [e.niveau && NIVEAU_LABEL[e.niveau], e.bestemming && BESTEMMING_LABEL[e.bestemming], e.toelichting, e.reden && `reden: ${e.reden}`].filter(Boolean).join(' · ') || '—' },
                  { kop: 'Geldig', cel: (e) => (e.soort === 'correctie' ? '—' : e.geldig ? 'ja' : 'vervallen') },
                ]}
              />
              <Heading2>Plaatsingen</Heading2>
              {d.plaatsingen.length === 0 ? (
                <Paragraph>Geen plaatsingen.</Paragraph>
              ) : (
                <Tabel
                  bijschrift="Plaatsingen"
                  eenheid="plaatsingen"
                  rijen={d.plaatsingen}
                  sleutel={(p) => p.id}
                  kolommen={[
                    { kop: 'Adres', cel: (p) => p.adres },
                    { kop: 'Huurconstructie', cel: (p) => HUURCONSTRUCTIE_LABEL[p.huurconstructie] ?? p.huurconstructie },
                    { kop: 'Start', cel: (p) => nlDatum(p.startdatum) },
                    { kop: 'Einde', cel: (p) => nlDatum(p.einddatum) },
                  ]}
                />
              )}
              <Heading2>Signalen</Heading2>
              {d.signalen.length === 0 ? (
                <Paragraph>Geen signalen.</Paragraph>
              ) : (
                d.signalen.map((x) => (
                  <div key={x.id}>
                    <Paragraph>
                      <strong>{x.soort}</strong> ({x.status}), gemeld {nlTijdstip(x.aangemaakt)}
                    </Paragraph>
                    <UnorderedList>
                      {x.stappen.map((st, i) => (
                        <UnorderedListItem key={i}>
                          {nlTijdstip(st.tijdstip)}: {st.status}
                          {st.toelichting && ` — ${st.toelichting}`}
                        </UnorderedListItem>
                      ))}
                    </UnorderedList>
                  </div>
                ))
              )}
              <Heading2>Schulden</Heading2>
              {d.schulden.length === 0 ? (
                <Paragraph>Geen schulden vastgelegd.</Paragraph>
              ) : (
                <Tabel
                  bijschrift="Schulden"
                  eenheid="schulden"
                  rijen={d.schulden}
                  sleutel={(x) => x.id}
                  kolommen={[
                    { kop: 'Schuldeiser', cel: (x) => x.schuldeiser },
                    { kop: 'Bedrag', getal: true, cel: (x) => euroUitCenten(x.bedragCenten) },
                    { kop: 'Regeling', cel: (x) => x.regeling },
                    { kop: 'Status', cel: (x) => SCHULD_STATUS[x.status] ?? x.status },
                  ]}
                />
              )}
              <Heading2>Zelfredzaamheid (ZRM)</Heading2>
              {!d.zrm?.length ? (
                <Paragraph>Geen ZRM-beoordelingen vastgelegd.</Paragraph>
              ) : (
                d.zrm.map((z) => (
                  <div key={z.id}>
                    <Paragraph>
                      <strong>{nlDatum(z.datum)}</strong>, {z.organisatie}
                      {z.ingetrokkenOp && ` — ingetrokken op ${nlTijdstip(z.ingetrokkenOp)}${z.intrekkingsreden ? `: ${z.intrekkingsreden}` : ''}`}
                      {z.toelichting && ` — toelichting: ${z.toelichting}`}
                    </Paragraph>
                    <Paragraph>{ZRM_DOMEINEN.map((dm) => `${ZRM_DOMEIN_LABEL[dm]} ${z.scores[dm] ?? 'n.v.t.'}`).join(' · ')}</Paragraph>
                  </div>
                ))
              )}
              <Heading2>Begeleiding per plaatsing</Heading2>
              {!d.begeleidingen?.length ? (
                <Paragraph>Geen begeleiding vastgelegd.</Paragraph>
              ) : (
                d.begeleidingen.map((b) => (
                  <div key={b.id}>
                    <Paragraph>
                      <strong>
                        {nlDatum(b.van)} tot en met {nlDatum(b.tot)}
                      </strong>
                      , {b.aanbieder}, {getal(b.urenPerWeek, 1)} uur per week, contact {b.contactpersoon}
                    </Paragraph>
                    <Paragraph>
                      Doelen: {b.plan.flatMap((p) => p.doelen.map((x) => `${domeinLabel(p.domein)}: ${x.omschrijving} (${DOEL_STATUS_LABEL[x.status]})`)).join(' · ') || 'geen'}
                    </Paragraph>
                    <Paragraph>Evaluaties: {b.evaluaties.map((e) => `${nlDatum(e.datum)}${e.gehoudenOp ? ` (gehouden ${nlDatum(e.gehoudenOp)})` : ''}`).join(', ')}</Paragraph>
                  </div>
                ))
              )}
              <Heading2>Woningvoorstellen</Heading2>
              {d.voorstellen.length === 0 ? (
                <Paragraph>Geen woningvoorstellen.</Paragraph>
              ) : (
                <UnorderedList>
                  {d.voorstellen.map((v) => (
                    <UnorderedListItem key={v.id}>
                      {nlTijdstip(v.aangemaakt)}: {VOORSTEL_STATUS_LABEL[v.status] ?? v.status}
                      {v.afwijzingCode && ` — ${AFWIJZING_LABEL[v.afwijzingCode as AfwijzingsCode] ?? v.afwijzingCode}`}
                      {v.afwijzingsreden && ` — ${v.afwijzingsreden}`}
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              )}
              <Heading2>Geparkeerd (tijdelijk buiten de matching)</Heading2>
              {!d.parkeringen?.length ? (
                <Paragraph>Nooit geparkeerd.</Paragraph>
              ) : (
                <UnorderedList>
                  {d.parkeringen.map((p) => (
                    <UnorderedListItem key={p.id}>
                      {nlDatum(p.vanaf)} tot {nlDatum(p.beeindigdOp ?? p.tot)}
                      {p.beeindigdOp && ' (eerder beëindigd)'}: {p.redenLabel}
                      {p.toelichting && ` — ${p.toelichting}`} · door {p.doorOrganisatie}
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              )}
              <Heading2>Grondslagen en toestemmingen</Heading2>
              {d.grondslagen.length === 0 ? (
                <Paragraph>Geen grondslagen vastgelegd.</Paragraph>
              ) : (
                <UnorderedList>
                  {d.grondslagen.map((g) => (
                    <UnorderedListItem key={g.id}>
                      {REIKWIJDTE[g.reikwijdte] ?? g.reikwijdte}: {g.soort === 'toestemming' ? 'toestemming van de cliënt' : (WETTELIJK[g.wettelijkeGrondslag ?? ''] ?? g.wettelijkeGrondslag)}, vanaf {nlDatum(g.ingangsdatum)}
                      {g.einddatum && ` tot en met ${nlDatum(g.einddatum)}`}
                      {g.ingetrokkenOp && `, ingetrokken op ${nlDatum(g.ingetrokkenOp)}`}
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              )}
              <Heading2>Wie heeft het dossier ingezien of gewijzigd</Heading2>
              <Tabel
                bijschrift="Toegang tot het dossier"
                eenheid="regels"
                rijen={d.toegang.map((a, i) => ({ ...a, i }))}
                sleutel={(a) => String(a.i)}
                kolommen={[
                  { kop: 'Tijdstip', cel: (a) => nlTijdstip(a.tijdstip) },
                  { kop: 'Handeling', cel: (a) => ACTIE[a.actie] ?? a.actie },
                  { kop: 'Medewerker', cel: (a) => a.gebruiker ?? 'systeem' },
                  { kop: 'Organisatie', cel: (a) => a.organisatie ?? '—' },
                ]}
              />
            </div>
          );
        }}
      </Gegevens>
    </Pagina>
  );
}
