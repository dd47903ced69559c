import { useState, type FormEvent } from 'react';
import { Alert, Button, ButtonGroup, Fieldset, FieldsetLegend, Heading2, Heading3, Paragraph, Select, SelectOption, Textarea, Textbox } from '@utrecht/component-library-react';
import { api, ApiFout } from '../api';
import { useApi, useWijziging } from '../hooks';
import { getal, leesGetal, nlDatum, nlTijdstip } from '../format';
import { Pagina } from '../ui/Pagina';
import { Pager, Tabel } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { Fout, Laden } from '../ui/Status';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';

type GewichtSleutel = 'basis' | 'perWachtdag' | 'maxWachtdagen' | 'perUrgentie' | 'rangStraf' | 'spreidingsBonus' | 'perZrm';
type Gewichten = Record<GewichtSleutel, number>;
interface Versie {
  id: string;
  versie: number;
  gewichten: Gewichten;
  volgorde: string[];
  toelichting: string;
  auteur: string | null;
  aangemaakt: string;
  inWoorden: string;
}
interface Overzicht {
  huidig: Versie | null;
  standaard: { gewichten: Gewichten; volgorde: string[] };
  geschiedenis: { totaal: number; versies: Versie[] };
  rondes: { id: string; peildatum: string; voorstellen: number; aangemaakt: string; beleidVersie: number | null }[];
  termen: { term: string; label: string }[];
  gewichtLabels: Record<GewichtSleutel, string>;
  grens: number;
}
interface VergelijkRij {
  id: string;
  naam: string;
  a: number;
  b: number;
  verschil: number;
}
interface WatAls {
  a: { versie: number | null; inWoorden: string; geplaatst: number };
  b: { inWoorden: string; geplaatst: number; aantallenGewijzigd: number };
  kandidaten: number;
  woningen: number;
  perGemeente: VergelijkRij[];
  perCorporatie: VergelijkRij[];
  perHerkomstgemeente: VergelijkRij[];
  totaal: { a: number; b: number; verschil: number };
  andersUitgevallen: number;
}
interface Afspraak {
  gemeenteId: string;
  corporatieId: string;
  gemeente: string;
  corporatie: string;
  aantal: number;
}

const SLEUTELS: GewichtSleutel[] = ['basis', 'perWachtdag', 'maxWachtdagen', 'perUrgentie', 'rangStraf', 'spreidingsBonus', 'perZrm'];
const UITLEG: Record<GewichtSleutel, string> = {
  basis: 'Waarde van elke plaatsing; groot genoeg dat zoveel mogelijk mensen een woning krijgen.',
  perWachtdag: 'Punten per dag sinds uitstroomklaar.',
  maxWachtdagen: 'Wachtdagen boven dit aantal tellen niet meer mee.',
  perUrgentie: 'Punten per urgentieniveau (0 tot en met 3).',
  rangStraf: 'Aftrek per plaats lager in de lijst van gewenste gemeenten.',
  spreidingsBonus: 'Extra per plaatsing zolang een herkomstgemeente onder haar eerlijk aandeel blijft.',
  perZrm: 'Punten per punt ZRM-gereedheid (som van de zes uitstroomdomeinen, 0 tot en met 30). 0 = telt niet mee.',
};
const PLAATSEN = 5;

/** The difference in words too, not only in colour. */
function Verschil({ n }: { n: number }) {
  if (n === 0) return <span>0</span>;
  return <strong className={n > 0 ? 'verschil-meer' : 'verschil-minder'}>{n > 0 ? `+${getal(n)} (meer)` : `−${getal(-n)} (minder)`}</strong>;
}

function VergelijkTabel({ titel, rijen, eenheid }: { titel: string; rijen: VergelijkRij[]; eenheid: string }) {
  return (
    <Tabel<VergelijkRij>
      bijschrift={titel}
      eenheid={eenheid}
      sleutel={(r) => r.id}
      rijen={rijen}
      kolommen={[
        { kop: 'Naam', cel: (r) => r.naam },
        { kop: 'A: plaatsingen', cel: (r) => getal(r.a), getal: true },
        { kop: 'B: plaatsingen', cel: (r) => getal(r.b), getal: true },
        { kop: 'Verschil (B − A)', cel: (r) => <Verschil n={r.verschil} />, getal: true },
      ]}
    />
  );
}

function WatAlsUitkomst({ w }: { w: WatAls }) {
  return (
    <section aria-labelledby="watals-uitkomst" data-testid="wat-als-uitkomst" className="beleid-uitkomst">
      <Heading3 id="watals-uitkomst">Uitkomst van de vergelijking (niets opgeslagen)</Heading3>
      <Paragraph>
        A: {w.a.versie ? `beleid versie ${w.a.versie}` : 'standaardbeleid'} — {w.a.inWoorden} B: {w.b.inWoorden}
        {w.b.aantallenGewijzigd > 0 && ` Met ${getal(w.b.aantallenGewijzigd)} gewijzigde aantallen in de reserveringsafspraken.`}
      </Paragraph>
      <Paragraph>
        {getal(w.kandidaten)} kandidaten en {getal(w.woningen)} woningen. A plaatst er {getal(w.totaal.a)}, B plaatst er {getal(w.totaal.b)} (<Verschil n={w.totaal.verschil} />);{' '}
        {getal(w.andersUitgevallen)} kandidaten krijgen onder B een andere uitkomst.
      </Paragraph>
      <VergelijkTabel titel="Plaatsingen per gemeente van de woning" rijen={w.perGemeente} eenheid="gemeenten" />
      <VergelijkTabel titel="Plaatsingen per woningcorporatie" rijen={w.perCorporatie} eenheid="corporaties" />
      <VergelijkTabel titel="Plaatsingen per herkomstgemeente" rijen={w.perHerkomstgemeente} eenheid="gemeenten" />
    </section>
  );
}

export function Beleid() {
  const [offset, zetOffset] = useState(0);
  const limiet = 10;
  const { data, fout, laden } = useApi<Overzicht>(`/api/beleid?limiet=${limiet}&offset=${offset}`);
  if (laden) return <Pagina titel="Prioriteringsbeleid"><Laden /></Pagina>;
  if (fout || !data) return <Pagina titel="Prioriteringsbeleid"><Fout>{fout ?? 'Geen gegevens'}</Fout></Pagina>;
  const huidig = data.huidig;
  return (
    <Pagina titel="Prioriteringsbeleid">
      <Paragraph>
        Hoe de matching kiest wie een woning krijgt. Elke wijziging wordt een nieuwe versie met uw naam, het tijdstip en de reden; een oude versie verandert nooit. Elke vastgelegde ronde
        onthoudt de versie die zij gebruikte.
      </Paragraph>
      <section aria-labelledby="huidig-kop">
        <Heading2 id="huidig-kop">Huidig beleid{huidig ? `: versie ${huidig.versie}` : ''}</Heading2>
        {huidig ? (
          <>
            <Paragraph data-testid="huidig-beleid">
              {huidig.inWoorden} Vastgelegd {nlTijdstip(huidig.aangemaakt)}
              {huidig.auteur ? ` door ${huidig.auteur}` : ''}: “{huidig.toelichting}”
            </Paragraph>
            <Tabel<GewichtSleutel>
              bijschrift={`Gewichten van versie ${huidig.versie}`}
              eenheid="gewichten"
              sleutel={(k) => k}
              rijen={SLEUTELS}
              kolommen={[
                { kop: 'Gewicht', cel: (k) => data.gewichtLabels[k] },
                { kop: 'Waarde', cel: (k) => getal(huidig.gewichten[k]), getal: true },
                { kop: 'In de volgorde', cel: (k) => (huidig.volgorde.length && telOpVolgorde(k, huidig.volgorde) ? 'ja: telt op volgorde' : '—') },
              ]}
            />
          </>
        ) : (
          <Paragraph>Deze regio heeft nog geen eigen beleid: de standaardgewichten gelden.</Paragraph>
        )}
      </section>
      <Formulier key={huidig?.id ?? 'standaard'} overzicht={data} />
      <section aria-labelledby="geschiedenis-kop">
        <Heading2 id="geschiedenis-kop">Versiegeschiedenis</Heading2>
        <Tabel<Versie>
          bijschrift="Alle versies, nieuwste eerst"
          eenheid="versies"
          sleutel={(v) => v.id}
          rijen={data.geschiedenis.versies}
          kolommen={[
            { kop: 'Versie', cel: (v) => getal(v.versie), getal: true },
            { kop: 'Vastgelegd', cel: (v) => nlTijdstip(v.aangemaakt) },
            { kop: 'Door', cel: (v) => v.auteur ?? 'bij de start' },
            { kop: 'Beleid', cel: (v) => v.inWoorden },
            { kop: 'Waarom', cel: (v) => v.toelichting },
          ]}
        />
        {data.geschiedenis.totaal > limiet && <Pager offset={offset} limiet={limiet} totaal={data.geschiedenis.totaal} onOffset={zetOffset} eenheid="versies" />}
      </section>
      <section aria-labelledby="rondes-kop">
        <Heading2 id="rondes-kop">Laatste vastgelegde rondes</Heading2>
        {data.rondes.length === 0 ? (
          <Paragraph>Er is nog geen ronde vastgelegd met een bekende beleidsversie.</Paragraph>
        ) : (
          <Tabel
            bijschrift="Rondes met de beleidsversie die zij gebruikten"
            eenheid="rondes"
            sleutel={(r) => r.id}
            rijen={data.rondes}
            kolommen={[
              { kop: 'Vastgelegd', cel: (r) => nlTijdstip(r.aangemaakt) },
              { kop: 'Peildatum', cel: (r) => nlDatum(r.peildatum) },
              { kop: 'Voorstellen', cel: (r) => getal(r.voorstellen), getal: true },
              { kop: 'Beleidsversie', cel: (r) => (r.beleidVersie ? `versie ${r.beleidVersie}` : 'standaard'), getal: true },
            ]}
          />
        )}
      </section>
    </Pagina>
  );
}

const TERM_VAN: Record<GewichtSleutel, string | null> = { basis: null, perWachtdag: 'wachttijd', maxWachtdagen: null, perUrgentie: 'urgentie', rangStraf: 'voorkeur', spreidingsBonus: 'spreiding', perZrm: 'zrm' };
const telOpVolgorde = (k: GewichtSleutel, volgorde: string[]) => !!TERM_VAN[k] && volgorde.includes(TERM_VAN[k]!);

function Formulier({ overzicht }: { overzicht: Overzicht }) {
  const start = overzicht.huidig ?? { ...overzicht.standaard, versie: 0 };
  const [tekst, zetTekst] = useState<Record<GewichtSleutel, string>>(() => Object.fromEntries(SLEUTELS.map((k) => [k, getal(start.gewichten[k])])) as Record<GewichtSleutel, string>);
  const [volgorde, zetVolgorde] = useState<string[]>(() => Array.from({ length: PLAATSEN }, (_, i) => start.volgorde[i] ?? ''));
  const [toelichting, zetToelichting] = useState('');
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const [watAls, zetWatAls] = useState<WatAls | null>(null);
  const [rekent, zetRekent] = useState(false);
  const [dialoog, vraag] = useBevestiging();
  const meld = useMeld();
  const vastleggen = useWijziging((body: unknown) => api<Versie>('/api/beleid/versies', { method: 'POST', body }), ['/api/beleid']);

  // what is typed, read the Dutch way ("1.095"); unreadable stays as typed so the server names the field
  const gewichten = () => Object.fromEntries(SLEUTELS.map((k) => [k, leesGetal(tekst[k]) ?? (tekst[k].trim() === '' ? null : tekst[k])]));
  const gekozen = () => volgorde.filter((t) => t !== '');
  const toonFouten = (err: unknown, voorvoegsel = '') => {
    const perVeld = err instanceof ApiFout ? err.veldFouten : {};
    const eigen: Record<string, string> = {};
    for (const [pad, m] of Object.entries(perVeld)) eigen[pad.startsWith(voorvoegsel) ? pad.slice(voorvoegsel.length) : pad] = m;
    zetFouten(eigen);
    zetAlgemeen(Object.keys(eigen).length ? 'Verbeter de velden met een melding.' : (err as Error).message);
  };

  const vergelijk = async (aantallenB: { gemeenteId: string; corporatieId: string; aantal: number }[] | null) => {
    zetRekent(true);
    zetAlgemeen(null);
    try {
      const body = aantallenB ? { aantallenB } : { beleidB: { gewichten: gewichten(), volgorde: gekozen() } };
      zetWatAls(await api<WatAls>('/api/beleid/wat-als', { method: 'POST', body }));
      zetFouten({});
    } catch (err) {
      zetWatAls(null);
      toonFouten(err, 'beleidB.');
    } finally {
      zetRekent(false);
    }
  };

  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    zetAlgemeen(null);
    const body = { gewichten: gewichten(), volgorde: gekozen(), toelichting };
    const nieuwNummer = (overzicht.huidig?.versie ?? 0) + 1;
    const ja = await vraag({
      titel: `Beleid versie ${nieuwNummer} vastleggen?`,
      tekst: 'Vanaf nu gebruikt elke matchingronde dit beleid. De huidige versie blijft in de geschiedenis bewaard en verandert niet.',
      bevestig: 'Vastleggen',
    });
    if (!ja) return;
    try {
      const v = await vastleggen.mutateAsync(body);
      zetFouten({});
      meld(`Beleid versie ${v.versie} vastgelegd. ${v.inWoorden}`);
    } catch (err) {
      toonFouten(err);
    }
  };

  return (
    <section aria-labelledby="wijzigen-kop">
      {dialoog}
      <Heading2 id="wijzigen-kop">Beleid wijzigen of vergelijken</Heading2>
      <form onSubmit={verstuur} noValidate className="formulier-breed" aria-labelledby="wijzigen-kop">
        <Fieldset invalid={!!fouten.volgorde} aria-describedby="volgorde-uitleg">
          <FieldsetLegend>Volgorde van voorrang</FieldsetLegend>
          <Paragraph id="volgorde-uitleg" className="beleid-uitleg">
            Laat alles op "geen" voor gewogen: alle termen tellen op met hun gewicht. Kiest u een volgorde, dan beslist de eerste term; bij gelijkheid de tweede, enzovoort. Een term in de
            volgorde telt in zijn eigen eenheid (zijn gewicht doet er niet toe); de termen die er niet in staan beslissen daarna, met hun gewicht. Houd die gewichten klein: een te groot
            getal wordt geweigerd.
          </Paragraph>
          {fouten.volgorde && (
            <Alert type="error">
              <Paragraph>{fouten.volgorde}</Paragraph>
            </Alert>
          )}
          <div className="beleid-volgorde">
            {volgorde.map((t, i) => (
              <Veld key={i} label={`${i + 1}e term`} naam={`volgorde-${i}`} fout={fouten[`volgorde.${i}`]}>
                {(p) => (
                  <Select {...p} value={t} onChange={(e) => zetVolgorde((v) => v.map((x, j) => (j === i ? e.target.value : x)))}>
                    <SelectOption value="">geen</SelectOption>
                    {overzicht.termen.map((o) => (
                      <SelectOption key={o.term} value={o.term}>
                        {o.label}
                      </SelectOption>
                    ))}
                  </Select>
                )}
              </Veld>
            ))}
          </div>
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>Gewichten (gehele getallen)</FieldsetLegend>
          <div className="beleid-gewichten">
            {SLEUTELS.map((k) => (
              <Veld key={k} label={overzicht.gewichtLabels[k]} naam={k} fout={fouten[`gewichten.${k}`]} beschrijving={telOpVolgorde(k, gekozen()) ? `${UITLEG[k]} Staat in de volgorde: telt op volgorde.` : UITLEG[k]}>
                {(p) => <Textbox {...p} inputMode="numeric" value={tekst[k]} onChange={(e) => zetTekst((x) => ({ ...x, [k]: e.target.value }))} />}
              </Veld>
            ))}
          </div>
        </Fieldset>
        <Veld label="Toelichting" naam="toelichting" fout={fouten.toelichting} beschrijving="Waarom verandert het beleid? Bijvoorbeeld het besluit van het regionaal overleg. Verplicht bij vastleggen.">
          {(p) => <Textarea {...p} rows={3} value={toelichting} onChange={(e) => zetToelichting(e.target.value)} />}
        </Veld>
        {algemeen && (
          <Alert type="error" role="alert">
            <Paragraph>{algemeen}</Paragraph>
          </Alert>
        )}
        <ButtonGroup>
          <Button appearance="secondary-action-button" type="button" data-leesactie busy={rekent} onClick={() => void vergelijk(null)}>
            Vergelijk met het huidige beleid (wat als)
          </Button>
          <Button appearance="primary-action-button" type="submit" busy={vastleggen.isPending} data-actie>
            Nieuwe versie vastleggen
          </Button>
        </ButtonGroup>
      </form>
      <AfsprakenWatAls bezig={rekent} onVergelijk={(a) => void vergelijk(a)} />
      {rekent && <Laden tekst="Twee rondes doorrekenen…" />}
      {watAls && !rekent && <WatAlsUitkomst w={watAls} />}
    </section>
  );
}

/** What if this year's agreements had other aantallen: the current policy on both sides, only the quota differ. */
function AfsprakenWatAls({ bezig, onVergelijk }: { bezig: boolean; onVergelijk: (a: { gemeenteId: string; corporatieId: string; aantal: number }[]) => void }) {
  const { data, fout } = useApi<Afspraak[]>('/api/beleid/afspraken');
  const [tekst, zetTekst] = useState<Record<string, string>>({});
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  if (fout) return <Fout>{fout}</Fout>;
  if (!data) return null;
  const sleutel = (a: Afspraak) => `${a.gemeenteId}|${a.corporatieId}`;
  const verstuur = (e: FormEvent) => {
    e.preventDefault();
    const nieuw: Record<string, string> = {};
    const aantallen = data.map((a) => {
      const t = tekst[sleutel(a)];
      const n = t === undefined ? a.aantal : leesGetal(t);
      if (n === null || !Number.isInteger(n) || n < 0) nieuw[sleutel(a)] = `Aantal voor ${a.corporatie} in ${a.gemeente} moet een geheel getal van 0 of meer zijn`;
      return { gemeenteId: a.gemeenteId, corporatieId: a.corporatieId, aantal: n ?? 0 };
    });
    zetFouten(nieuw);
    if (!Object.keys(nieuw).length) onVergelijk(aantallen);
  };
  return (
    <form onSubmit={verstuur} noValidate className="formulier beleid-afspraken-form" aria-labelledby="afspraken-kop">
      <Heading3 id="afspraken-kop">Of: andere aantallen in de reserveringsafspraken van dit jaar</Heading3>
      <Paragraph>Beide kanten gebruiken het huidige beleid; alleen de aantallen hieronder verschillen. Er wordt niets opgeslagen.</Paragraph>
      <Tabel<Afspraak>
        bijschrift="Reserveringsafspraken van dit jaar: aantal voor kant B"
        eenheid="afspraken"
        sleutel={sleutel}
        rijen={data}
        kolommen={[
          { kop: 'Gemeente', cel: (a) => a.gemeente },
          { kop: 'Corporatie', cel: (a) => a.corporatie },
          { kop: 'Nu afgesproken', cel: (a) => getal(a.aantal), getal: true },
          {
            kop: 'Aantal voor B',
            cel: (a) => (
              <>
                <Textbox
                  className="beleid-aantal"
                  inputMode="numeric"
                  aria-label={`Aantal voor B: ${a.corporatie} in ${a.gemeente}`}
                  aria-invalid={!!fouten[sleutel(a)]}
                  invalid={!!fouten[sleutel(a)]}
                  value={tekst[sleutel(a)] ?? getal(a.aantal)}
                  onChange={(e) => zetTekst((x) => ({ ...x, [sleutel(a)]: e.target.value }))}
                />
                {fouten[sleutel(a)] && <span className="beleid-celfout">{fouten[sleutel(a)]}</span>}
              </>
            ),
          },
        ]}
      />
      <Button appearance="secondary-action-button" type="submit" data-leesactie busy={bezig}>
        Vergelijk met deze aantallen (wat als)
      </Button>
    </form>
  );
}
