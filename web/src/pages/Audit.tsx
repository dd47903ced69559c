import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Button, ButtonGroup, Link, Paragraph, Select, SelectOption, Textbox } from '@utrecht/component-library-react';
import { api, ApiFout, queryString } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import { getal, nlDatum, nlTijdstip } from '../format';
import { Pagina } from '../ui/Pagina';
import { Tabel, type Kolom, useBladeren } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { Fout, Gegevens } from '../ui/Status';
import { AUDIT_ACTIE_LABEL, AUDIT_ACTIES, DOEL_NAAM, DOELEN, type AuditActie } from '../../../src/domain/audit';
import { ROL_LABEL, type Rol } from '../../../src/domain/auth';
import { DatumInvoer } from '../ui/DatumInvoer';

interface AuditRegel {
  id: number;
  tijdstip: string;
  actie: string;
  entiteit: string;
  entiteitId: string | null;
  doel: string | null;
  doelNaam: string | null;
  resultaat: 'toegestaan' | 'geweigerd';
  ip: string | null;
  userAgent: string | null;
  uitvoerder: string | null;
  pseudoniemen: string[] | null;
  aantalClienten: number;
  gebruiker: string | null;
  gebruikerEmail: string | null;
  organisatie: string | null;
}

interface InzageRegel {
  tijdstip: string;
  actie: string;
  entiteit: string;
  resultaat: string;
  doelNaam: string | null;
  grondslag: string | null;
  uitvoerder: string | null;
  automatisch: boolean;
  gebruiker: string | null;
  gebruikerRol: string | null;
  organisatie: string | null;
}

const PER_PAGINA = 50;
const actieLabel = (a: string) => AUDIT_ACTIE_LABEL[a as AuditActie] ?? a;

/** What was acted on, in words; a kind not listed here reads as its code without underscores. */
const ENTITEIT_LABEL: Record<string, string> = {
  client: 'cliëntdossier',
  clientlijst: 'cliëntenlijst',
  gebruiker: 'gebruikersaccount',
  sessie: 'sessie',
  woning: 'woning',
  woningen: 'woningenlijst',
  reserveringsafspraak: 'reserveringsafspraak',
  plaatsing: 'plaatsing',
  plaatsingen: 'plaatsingen',
  plaatsinglijst: 'plaatsingenlijst',
  monitor: 'monitor',
  wachtlijst: 'wachtlijst',
  signaal: 'signaal',
  signaallijst: 'signalenlijst',
  meldingen: 'inbox',
  matchvoorstellen: 'matchvoorstellen',
  matchvoorstel: 'matchvoorstel',
  matchingronde: 'matchingronde',
  matching_proefdraai: 'proefberekening van de matching',
  kandidaten: 'kandidatenlijst',
  bt_capaciteit: 'Beschermd Thuis-capaciteit',
  verdeelmodel_gewichtenset: 'gewichtenset van het verdeelmodel',
  verdeelmodel_gemeenten: 'indicatoren van het verdeelmodel',
  auditlog: 'auditlog',
  auditlog_inzage: 'inzageoverzicht van een cliënt',
  procesafspraak: 'procesafspraak',
  bewaartermijn: 'bewaartermijn',
  grondslag: 'grondslag',
};
const entiteitLabel = (e: string) => ENTITEIT_LABEL[e] ?? e.replace(/_/g, ' ');
/** Where the act came from, without the browser's technical identification string. */
const herkomst = (r: AuditRegel) =>
  r.userAgent === 'cli' ? 'opdrachtregel' : r.userAgent === 'planner' ? 'automatisch (planner)' : r.ip ? `browser, adres ${r.ip}` : 'browser';

const LEEG = { pseudoniem: '', gebruiker: '', organisatieId: '', actie: '', doel: '', resultaat: '', van: '', tot: '' };
type Filters = typeof LEEG;

/** Checked before asking the server, in the words of the form's labels. */
function controleer(f: Filters): Partial<Record<keyof Filters, string>> {
  const fouten: Partial<Record<keyof Filters, string>> = {};
  if (f.pseudoniem && !/^C-[0-9A-Z]{4,12}$/.test(f.pseudoniem)) fouten.pseudoniem = 'Een pseudoniem heeft de vorm C- met 4 tot 12 letters of cijfers, bijvoorbeeld C-7K2M9Q.';
  if (f.gebruiker && !/^[^\s@]+@[^\s@]+$/.test(f.gebruiker)) fouten.gebruiker = 'Vul een volledig e-mailadres in, bijvoorbeeld naam@gemeente.nl.';
  if (f.van && f.tot && f.tot < f.van) fouten.tot = 'Tot en met ligt vóór Van. Kies een latere datum.';
  return fouten;
}

export function Audit() {
  const orgs = useOrganisaties();
  const [invoer, zetInvoer] = useState(LEEG);
  const [filters, zetFilters] = useState(LEEG);
  const [fouten, zetFouten] = useState<Partial<Record<keyof Filters, string>>>({});
  const blad = useBladeren({ sorteer: 'tijdstip', richting: 'af' }, PER_PAGINA);
  const [inzage, zetInzage] = useState<string | null>(null);
  // "tot en met" a day: the API's tot is exclusive
  const totExclusief = filters.tot ? new Date(new Date(`${filters.tot}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined;
  const pad = `/api/audit${queryString({
    ...filters,
    van: filters.van ? new Date(`${filters.van}T00:00:00`).toISOString() : undefined,
    tot: totExclusief,
    ...blad.query,
  })}`;
  const { data, fout, query } = useApi<{ totaal: number; regels: AuditRegel[] }>(pad);
  // a refusal of a filter by the server belongs at that filter's field
  const serverFouten = query.error instanceof ApiFout ? query.error.veldFouten : {};
  const veldFout = (k: keyof Filters) => fouten[k] ?? serverFouten[k];
  const zet = (k: keyof Filters) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => zetInvoer({ ...invoer, [k]: e.target.value });
  const zoek = (e: FormEvent) => {
    e.preventDefault();
    const schoon = { ...invoer, pseudoniem: invoer.pseudoniem.trim().toUpperCase(), gebruiker: invoer.gebruiker.trim().toLowerCase() };
    const f = controleer(schoon);
    zetFouten(f);
    if (Object.keys(f).length) return;
    blad.vanafBegin();
    zetFilters(schoon);
  };
  const wissen = () => {
    zetInvoer(LEEG);
    zetFilters(LEEG);
    zetFouten({});
    blad.vanafBegin();
  };

  if (inzage) return <Inzage pseudoniem={inzage} terug={() => zetInzage(null)} />;

  const kolommen: Kolom<AuditRegel>[] = [
    { kop: 'Tijdstip', cel: (r) => nlTijdstip(r.tijdstip), sorteer: 'tijdstip' },
    {
      kop: 'Gebruiker',
      sorteer: 'gebruiker',
      cel: (r) => (
        <>
          {r.gebruiker ?? (r.userAgent === 'planner' ? 'automatisch (planner)' : 'onbekend')}
          {r.gebruikerEmail && <span className="klein"> {r.gebruikerEmail}</span>}
        </>
      ),
    },
    { kop: 'Organisatie', cel: (r) => r.organisatie ?? '—', sorteer: 'organisatie' },
    { kop: 'Namens', cel: (r) => (r.uitvoerder ? `uitgevoerd door ${r.uitvoerder}` : '—') },
    { kop: 'Handeling', cel: (r) => actieLabel(r.actie), sorteer: 'actie' },
    { kop: 'Wat', cel: (r) => entiteitLabel(r.entiteit) },
    {
      kop: 'Cliënten',
      cel: (r) => (r.aantalClienten === 1 ? r.pseudoniemen?.[0] : r.aantalClienten > 1 ? `${getal(r.aantalClienten)} cliënten` : '—'),
    },
    { kop: 'Doel', cel: (r) => r.doelNaam ?? '—' },
    { kop: 'Resultaat', cel: (r) => (r.resultaat === 'geweigerd' ? <strong>geweigerd</strong> : 'toegestaan'), sorteer: 'resultaat' },
    { kop: 'Herkomst', cel: herkomst },
  ];

  const gefilterd = Object.values(filters).some(Boolean);
  return (
    <Pagina titel="Auditlog">
      <Paragraph>
        Wie las, zocht, exporteerde, drukte af of wijzigde welk cliëntdossier, wanneer, vanuit welke organisatie, namens wie en met welk doel — ook geweigerde
        pogingen en in- en uitloggen. Het log kan niet worden gewijzigd of verwijderd en elke regel is met een hash aan de vorige geketend. Uw eigen inzage in dit log
        wordt ook vastgelegd.
      </Paragraph>
      <form role="search" aria-label="Auditlog doorzoeken" className="filters geen-print" onSubmit={zoek} noValidate>
        <Veld label="Cliënt (pseudoniem)" naam="pseudoniem" fout={veldFout('pseudoniem')} beschrijving="Bijvoorbeeld C-7K2M9Q.">
          {(p) => <Textbox {...p} value={invoer.pseudoniem} onChange={zet('pseudoniem')} autoComplete="off" />}
        </Veld>
        <Veld label="Gebruiker (e-mailadres)" naam="gebruiker" fout={veldFout('gebruiker')}>
          {(p) => <Textbox {...p} type="email" value={invoer.gebruiker} onChange={zet('gebruiker')} autoComplete="off" />}
        </Veld>
        <Veld label="Organisatie" naam="organisatieId">
          {(p) => (
            <Select {...p} value={invoer.organisatieId} onChange={zet('organisatieId')}>
              <SelectOption value="">Alle organisaties</SelectOption>
              {orgs.lijst.map((o) => (
                <SelectOption key={o.id} value={o.id}>
                  {o.naam}
                </SelectOption>
              ))}
            </Select>
          )}
        </Veld>
        <Veld label="Handeling" naam="actie">
          {(p) => (
            <Select {...p} value={invoer.actie} onChange={zet('actie')}>
              <SelectOption value="">Alle handelingen</SelectOption>
              {AUDIT_ACTIES.map((a) => (
                <SelectOption key={a} value={a}>
                  {AUDIT_ACTIE_LABEL[a]}
                </SelectOption>
              ))}
            </Select>
          )}
        </Veld>
        <Veld label="Doel" naam="doel">
          {(p) => (
            <Select {...p} value={invoer.doel} onChange={zet('doel')}>
              <SelectOption value="">Alle doelen</SelectOption>
              {DOELEN.map((d) => (
                <SelectOption key={d} value={d}>
                  {DOEL_NAAM[d]}
                </SelectOption>
              ))}
            </Select>
          )}
        </Veld>
        <Veld label="Resultaat" naam="resultaat">
          {(p) => (
            <Select {...p} value={invoer.resultaat} onChange={zet('resultaat')}>
              <SelectOption value="">Toegestaan en geweigerd</SelectOption>
              <SelectOption value="toegestaan">Toegestaan</SelectOption>
              <SelectOption value="geweigerd">Geweigerd</SelectOption>
            </Select>
          )}
        </Veld>
        <Veld label="Van" naam="van" fout={veldFout('van')}>
          {(p) => <DatumInvoer {...p} value={invoer.van} onChange={(d) => zetInvoer({ ...invoer, van: d })} />}
        </Veld>
        <Veld label="Tot en met" naam="tot" fout={veldFout('tot')}>
          {(p) => <DatumInvoer {...p} value={invoer.tot} onChange={(d) => zetInvoer({ ...invoer, tot: d })} />}
        </Veld>
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit">
            Zoeken
          </Button>
          <Button appearance="secondary-action-button" type="button" onClick={wissen}>
            Filters wissen
          </Button>
        </ButtonGroup>
      </form>
      {filters.pseudoniem && (
        <Paragraph className="geen-print">
          <Button appearance="secondary-action-button" onClick={() => zetInzage(filters.pseudoniem)} data-leesactie>
            Wie zag dossier {filters.pseudoniem}? (overzicht voor de cliënt)
          </Button>
        </Paragraph>
      )}
      <Gegevens data={data} fout={Object.keys(serverFouten).length ? null : fout}>
        {(d) =>
          d.totaal === 0 ? (
            <Paragraph className="leeg">Geen regels{gefilterd ? ' die aan deze filters voldoen' : ''}.</Paragraph>
          ) : (
            <Tabel<AuditRegel>
              bijschrift={gefilterd ? 'Auditregels die aan de filters voldoen' : 'Auditregels'}
              eenheid="regels"
              kolommen={kolommen}
              rijen={d.regels}
              sleutel={(r) => String(r.id)}
              {...blad.tabel(d.totaal)}
            />
          )
        }
      </Gegevens>
    </Pagina>
  );
}

/** "Who saw this dossier": every access to one client, oldest first, printable and as CSV, to hand to the client. */
function Inzage({ pseudoniem, terug }: { pseudoniem: string; terug: () => void }) {
  const { data, fout } = useApi<{ pseudoniem: string; volledig: boolean; regels: InzageRegel[] }>(`/api/audit/inzage/${encodeURIComponent(pseudoniem)}`);
  const [printFout, zetPrintFout] = useState<string | null>(null);
  const afdrukken = async () => {
    try {
      // printing is logged first: no paper copy without its audit row
      await api(`/api/audit/inzage/${encodeURIComponent(pseudoniem)}/afdrukken`, { method: 'POST' });
      window.print();
    } catch (e) {
      zetPrintFout((e as Error).message);
    }
  };
  return (
    <Pagina
      titel={`Wie zag dossier ${pseudoniem}?`}
      acties={
        <ButtonGroup>
          <Button appearance="secondary-action-button" onClick={terug} data-leesactie>
            Terug naar het auditlog
          </Button>
          <Button appearance="secondary-action-button" onClick={() => void afdrukken()} data-leesactie>
            Afdrukken / PDF
          </Button>
          <Link href={`/api/audit/inzage/${encodeURIComponent(pseudoniem)}?format=csv`} download data-leesactie>
            CSV
          </Link>
          <Link href={`/api/audit/inzage/${encodeURIComponent(pseudoniem)}?format=xlsx`} download data-leesactie>
            Excel
          </Link>
        </ButtonGroup>
      }
    >
      <Paragraph>
        Elke inzage, zoekopdracht, export, afdruk en wijziging van dit dossier, ook geweigerde pogingen: wie (naam, rol, organisatie), wanneer, namens wie en met welk
        doel en welke grondslag. Opgesteld op {nlDatum(new Date().toISOString())}.
      </Paragraph>
      {printFout && <Fout>{printFout}</Fout>}
      {data && !data.volledig && <Fout>Dit overzicht is ingekort; vraag een kortere periode op via de CSV-export.</Fout>}
      <Gegevens data={data} fout={fout} leeg="Er is (nog) niets vastgelegd over dit dossier." isLeeg={(d) => d.regels.length === 0}>
        {(d) => (
          <Tabel<InzageRegel & { i: number }>
            bijschrift={`Toegang tot dossier ${pseudoniem}, oudste eerst`}
            eenheid="regels"
            sleutel={(r) => String(r.i)}
            rijen={d.regels.map((r, i) => ({ ...r, i }))}
            kolommen={[
              { kop: 'Tijdstip', cel: (r) => nlTijdstip(r.tijdstip) },
              { kop: 'Gebruiker', cel: (r) => r.gebruiker ?? (r.automatisch ? 'automatisch (planner)' : 'onbekend') },
              { kop: 'Rol', cel: (r) => (r.gebruikerRol ? ROL_LABEL[r.gebruikerRol as Rol] : '—') },
              { kop: 'Organisatie', cel: (r) => r.organisatie ?? '—' },
              { kop: 'Namens', cel: (r) => (r.uitvoerder ? `uitgevoerd door ${r.uitvoerder}` : '—') },
              { kop: 'Handeling', cel: (r) => `${actieLabel(r.actie)} (${entiteitLabel(r.entiteit)})` },
              { kop: 'Doel', cel: (r) => r.doelNaam ?? 'niet vastgelegd' },
              { kop: 'Grondslag', cel: (r) => r.grondslag ?? '—' },
              { kop: 'Resultaat', cel: (r) => r.resultaat },
            ]}
          />
        )}
      </Gegevens>
    </Pagina>
  );
}
