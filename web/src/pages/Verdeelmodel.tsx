import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Heading2, Paragraph, Select, SelectOption, Textbox, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { api, ApiFout, queryString } from '../api';
import { useApi, useWijziging } from '../hooks';
import { downloadCsv, downloadXlsx, euro, Grafiek } from '../grafiek';
import { getal, leesDecimaal, leesGetal, procent } from '../format';
import { centenUitEuro, fractieUitProcent } from '../../../src/domain/verdeelmodel/invoer';
import { alsDecimaal, uitDecimaal } from '../../../src/domain/verdeelmodel/breuk';
import { alsBase64 } from '../bestand';
import { Pagina } from '../ui/Pagina';
import { Tabel, sorteerLokaal, type Sortering } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { Fout, Laden } from '../ui/Status';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';
import type { Ik } from '../types';

interface Indicator {
  code: string;
  naam: string;
  gewicht: number;
}
interface Set {
  id: string;
  naam: string;
  indicatoren: Indicator[];
}
interface Gemeenten {
  bron: string | null;
  synthetisch: boolean;
  totaalHistorischCenten: number;
  gemeenten: { gemeenteCode: string; naam: string }[];
}
type VerdelingRegel = { gemeenteCode: string; naam: string; aandeel: number; budgetCenten: number; historischCenten: number; verschilCenten: number };
interface Verdeling {
  totaalCenten: number;
  regels: VerdelingRegel[];
}
type PadGemeente = { gemeenteCode: string; naam: string; historisch: number; objectief: number; budgetten: number[]; bereikt: boolean };
interface Pad {
  jaren: number;
  allesBereikt: boolean;
  knelpunten: string[];
  gemeenten: PadGemeente[];
}
type VergelijkRegel = { gemeenteCode: string; naam: string; budgetA: number; budgetB: number; verschil: number; verschilProcent: number | null };
interface Vergelijking {
  totaalVerschil: number;
  regels: VergelijkRegel[];
}

const miljoen = (centen: number) => `€ ${(centen / 1e8).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} mln`;

/** What people type, read the Dutch way, with the refusal said at the field in the field's own words. */
function leesInvoer(tekst: string, veld: string, o: { min?: number; max?: number; geheel?: boolean; voorbeeld: string }): { waarde: number | null; fout: string | null } {
  if (!tekst.trim()) return { waarde: null, fout: null };
  const n = leesGetal(tekst);
  if (n === null) return { waarde: null, fout: `${veld}: vul een getal in, bijvoorbeeld ${o.voorbeeld}.` };
  if (o.geheel && !Number.isInteger(n)) return { waarde: null, fout: `${veld}: vul een heel getal in.` };
  if (o.min !== undefined && n < o.min) return { waarde: null, fout: o.min === 0 ? `${veld} mag niet negatief zijn.` : `${veld} moet minstens ${getal(o.min)} zijn.` };
  if (o.max !== undefined && n > o.max) return { waarde: null, fout: `${veld} mag hoogstens ${getal(o.max)} zijn.` };
  return { waarde: n, fout: null };
}

export function Verdeelmodel({ ik }: { ik: Ik }) {
  const beheerder = ik.soort === 'centrumgemeente' && ik.rol === 'beheerder';
  const gemeenten = useApi<Gemeenten>('/api/verdeelmodel/gemeenten');
  const sets = useApi<Set[]>('/api/verdeelmodel/gewichtensets');
  const [setId, zetSetId] = useState('');
  const [totaalTekst, zetTotaalTekst] = useState('');
  const [jarenTekst, zetJarenTekst] = useState('5');
  const [maxTekst, zetMaxTekst] = useState('5');
  const [gewichten, zetGewichten] = useState<(Indicator & { tekst: string })[]>([]);
  const [sorteringV, zetSorteringV] = useState<Sortering>({ sorteer: 'naam', richting: 'op' });

  const totaalGelezen = leesInvoer(totaalTekst, 'Totaalbudget', { min: 0, max: 90_000_000_000_000, voorbeeld: '1.250.000,00' });
  // cents and the cap's fraction from the typed decimal itself, not from the nearest double (2,9 % / 100 as a double
  // is 0.028999…, which lowered the cap by a cent)
  const totaalCenten = totaalGelezen.waarde === null ? undefined : centenUitEuro(leesDecimaal(totaalTekst)!);
  const totaal = totaalCenten === null ? { waarde: null, fout: 'Totaalbudget: vul hoogstens twee decimalen in (hele centen), bijvoorbeeld 1.250.000,00.' } : totaalGelezen;
  const jaren = leesInvoer(jarenTekst, 'Ingroeijaren', { min: 1, max: 30, geheel: true, voorbeeld: '5' });
  const maxWijziging = leesInvoer(maxTekst, 'Maximale wijziging per jaar', { min: 0, max: 100, voorbeeld: '5 of 2,5' });
  const jarenFout = jaren.fout ?? (jaren.waarde === null ? 'Vul het aantal ingroeijaren in.' : null);
  const maxFout = maxWijziging.fout ?? (maxWijziging.waarde === null ? 'Vul de maximale wijziging per jaar in.' : null);

  const gekozen = sets.data?.find((s) => s.id === setId) ?? sets.data?.[0];
  const heeftData = (gemeenten.data?.gemeenten.length ?? 0) > 0;
  const basis = { setId: gekozen?.id, totaalCenten: totaalCenten ?? undefined };
  const verdeling = useApi<Verdeling>(heeftData && gekozen && !totaal.fout ? `/api/verdeelmodel/verdeling${queryString(basis)}` : null);
  const pad = useApi<Pad>(
    heeftData && gekozen && !totaal.fout && !jarenFout && !maxFout
      ? `/api/verdeelmodel/ingroeipad${queryString({ ...basis, jaren: jaren.waarde, maxWijzigingPerJaar: fractieUitProcent(leesDecimaal(maxTekst)!) })}`
      : null,
  );
  useEffect(() => {
    if (gekozen) zetGewichten(gekozen.indicatoren.map((i) => ({ ...i, tekst: getal(i.gewicht, 6) })));
  }, [gekozen?.id]);

  // every weight read the Dutch way; a refusal stands at its own field and the comparison waits for valid input
  const gelezen = gewichten.map((g) => ({ ...g, ...leesInvoer(g.tekst, `Gewicht ${g.naam}`, { min: 0, max: 1e6, voorbeeld: '0,25' }) }));
  const gewichtFouten = gelezen.map((g) => g.fout ?? (g.waarde === null ? `Vul een gewicht in voor ${g.naam} (0 als het niet meetelt).` : null));
  const geenPositief = gelezen.every((g) => !g.waarde) && !gewichtFouten.some(Boolean);
  const gewichtenGeldig = gelezen.length > 0 && !gewichtFouten.some(Boolean) && !geenPositief;
  const gewichtenB = gewichtenGeldig
    ? gelezen
        .filter((g) => g.waarde! > 0)
        .map((g) => `${g.code}:${alsDecimaal(uitDecimaal(leesDecimaal(g.tekst)!)!)}`)
        .join(',')
    : '';
  const vergelijking = useApi<Vergelijking>(
    heeftData && gewichtenB && gekozen && !totaal.fout ? `/api/verdeelmodel/vergelijk${queryString({ setA: gekozen.id, gewichtenB, totaalCenten: totaalCenten ?? undefined })}` : null,
  );

  return (
    <Pagina titel="Verdeelmodel Beschermd Wonen">
      {gemeenten.data?.synthetisch && (
        <Alert type="warning" data-testid="synthetisch">
          <Paragraph>
            <strong>Synthetische demodata</strong> — geen echte CBS-cijfers en geen vastgesteld verdeelmodel. Bron: {gemeenten.data.bron}
          </Paragraph>
        </Alert>
      )}
      {[gemeenten, sets].map((x) => x.fout).filter(Boolean).map((f) => <Fout key={f}>{f}</Fout>)}
      {(gemeenten.laden || sets.laden) && <Laden />}
      {gemeenten.data && !heeftData && (
        <Paragraph>Er zijn nog geen indicatoren voor deze regio. {beheerder ? 'Importeer hieronder een CSV-bestand.' : 'De beheerder van de centrumgemeente kan een CSV-bestand importeren.'}</Paragraph>
      )}

      {heeftData && (
        <div role="search" aria-label="Uitgangspunten van de berekening" className="filters">
          <Veld label="Gewichtenset" naam="setId">
            {(p) => (
              <Select {...p} value={gekozen?.id ?? ''} onChange={(e) => zetSetId(e.target.value)}>
                {(sets.data ?? []).map((s) => (
                  <SelectOption key={s.id} value={s.id}>
                    {s.naam}
                  </SelectOption>
                ))}
              </Select>
            )}
          </Veld>
          <Veld
            label="Totaalbudget in euro"
            naam="totaal"
            fout={totaal.fout}
            beschrijving={`Leeg = het historische totaal${gemeenten.data ? ` (${euro(gemeenten.data.totaalHistorischCenten)})` : ''}. Bijvoorbeeld 1.250.000,00.`}
          >
            {(p) => <Textbox {...p} inputMode="decimal" value={totaalTekst} onChange={(e) => zetTotaalTekst(e.target.value)} />}
          </Veld>
          <Veld label="Ingroeijaren" naam="jaren" fout={jarenFout} beschrijving="1 tot en met 30.">
            {(p) => <Textbox {...p} inputMode="numeric" value={jarenTekst} onChange={(e) => zetJarenTekst(e.target.value)} />}
          </Veld>
          <Veld label="Maximale wijziging per jaar (%)" naam="maxWijziging" fout={maxFout} beschrijving="Bijvoorbeeld 5 of 2,5.">
            {(p) => <Textbox {...p} inputMode="decimal" value={maxTekst} onChange={(e) => zetMaxTekst(e.target.value)} />}
          </Veld>
        </div>
      )}

      {verdeling.fout && <Fout>{verdeling.fout}</Fout>}
      {verdeling.data && (
        <section aria-labelledby="verdeling-kop" className="monitor-sectie">
          <div className="sectie-kop">
            <Heading2 id="verdeling-kop">Historisch tegenover objectief budget</Heading2>
            <Button
              appearance="subtle-button"
              className="geen-print"
              data-leesactie
              onClick={() =>
                downloadCsv(
                  'verdeelmodel-verdeling.csv',
                  ['gemeentecode', 'gemeente', 'aandeel', 'historisch (EUR)', 'objectief (EUR)'],
                  verdeling.data!.regels.map((r) => [r.gemeenteCode, r.naam, r.aandeel, r.historischCenten / 100, r.budgetCenten / 100]),
                )
              }
            >
              CSV<span className="visueel-verborgen"> van de verdeling</span>
            </Button>
            <Button
              appearance="subtle-button"
              className="geen-print"
              data-leesactie
              onClick={() =>
                void downloadXlsx(
                  'verdeelmodel-verdeling.xlsx',
                  ['gemeentecode', 'gemeente', 'aandeel', 'historisch (EUR)', 'objectief (EUR)'],
                  verdeling.data!.regels.map((r) => [r.gemeenteCode, r.naam, r.aandeel, r.historischCenten / 100, r.budgetCenten / 100]),
                  [undefined, undefined, undefined, 'euro', 'euro'],
                )
              }
            >
              Excel<span className="visueel-verborgen"> van de verdeling</span>
            </Button>
          </div>
          <Grafiek
            titel="Historisch en objectief budget per gemeente"
            optie={{
              xAxis: { type: 'category', data: verdeling.data.regels.map((r) => r.naam), axisLabel: { interval: 0, rotate: 30 } },
              yAxis: { type: 'value', axisLabel: { formatter: miljoen } },
              tooltip: { trigger: 'axis', valueFormatter: (v: number) => euro(v) },
              series: [
                { name: 'Historisch', type: 'bar', data: verdeling.data.regels.map((r) => r.historischCenten) },
                { name: 'Objectief', type: 'bar', data: verdeling.data.regels.map((r) => r.budgetCenten) },
              ],
            }}
          />
          <Tabel<VerdelingRegel>
            bijschrift={`Verdeling van ${euro(verdeling.data.totaalCenten)} (som tot op de cent: ${euro(verdeling.data.regels.reduce((a, r) => a + r.budgetCenten, 0))})`}
            eenheid="gemeenten"
            sleutel={(r) => r.gemeenteCode}
            sortering={sorteringV}
            onSorteer={zetSorteringV}
            rijen={sorteerLokaal(verdeling.data.regels, sorteringV, {
              code: (r) => r.gemeenteCode,
              naam: (r) => r.naam,
              aandeel: (r) => r.aandeel,
              historisch: (r) => r.historischCenten,
              objectief: (r) => r.budgetCenten,
              verschil: (r) => r.verschilCenten,
            })}
            kolommen={[
              { kop: 'Code', cel: (r) => r.gemeenteCode, sorteer: 'code' },
              { kop: 'Gemeente', cel: (r) => r.naam, sorteer: 'naam' },
              { kop: 'Aandeel', cel: (r) => procent(r.aandeel, 2), getal: true, sorteer: 'aandeel' },
              { kop: 'Historisch', cel: (r) => euro(r.historischCenten), getal: true, sorteer: 'historisch' },
              { kop: 'Objectief', cel: (r) => euro(r.budgetCenten), getal: true, sorteer: 'objectief' },
              { kop: 'Verschil', cel: (r) => euro(r.verschilCenten), getal: true, sorteer: 'verschil' },
            ]}
          />
        </section>
      )}

      {pad.fout && <Fout>{pad.fout}</Fout>}
      {pad.data && jaren.waarde !== null && maxWijziging.waarde !== null && <Ingroeipad pad={pad.data} maxProcent={maxWijziging.waarde} />}

      {gewichten.length > 0 && heeftData && (
        <section aria-labelledby="whatif-kop" className="monitor-sectie">
          <Heading2 id="whatif-kop">Wat als: andere gewichten</Heading2>
          <Paragraph>
            Pas de gewichten aan (bijvoorbeeld 0,25); de verdeling met deze gewichten wordt vergeleken met de gekozen set ({gekozen?.naam}). Gewichten tellen naar
            verhouding: 1 en 3 geeft hetzelfde als 0,25 en 0,75.
          </Paragraph>
          <div className="filters" data-leesactie>
            {gewichten.map((g, i) => (
              <Veld key={g.code} label={`Gewicht ${g.naam}`} naam={`gewicht-${g.code}`} fout={gewichtFouten[i]}>
                {(p) => <Textbox {...p} inputMode="decimal" value={g.tekst} onChange={(e) => zetGewichten(gewichten.map((x, j) => (j === i ? { ...x, tekst: e.target.value } : x)))} />}
              </Veld>
            ))}
          </div>
          {geenPositief && (
            <Alert type="error" role="alert">
              <Paragraph>Minstens één indicator moet een gewicht groter dan 0 hebben.</Paragraph>
            </Alert>
          )}
          {vergelijking.fout && <Fout>{vergelijking.fout}</Fout>}
          {gewichtenGeldig && vergelijking.laden && <Laden tekst="Vergelijking berekenen…" />}
          {gewichtenGeldig && vergelijking.data && (
            <Tabel<VergelijkRegel>
              bijschrift={`Gekozen set tegenover de nieuwe gewichten (totaal verschil ${euro(vergelijking.data.totaalVerschil)})`}
              eenheid="gemeenten"
              sleutel={(r) => r.gemeenteCode}
              rijen={vergelijking.data.regels}
              kolommen={[
                { kop: 'Gemeente', cel: (r) => r.naam },
                { kop: 'Budget gekozen set', cel: (r) => euro(r.budgetA), getal: true },
                { kop: 'Budget nieuwe gewichten', cel: (r) => euro(r.budgetB), getal: true },
                { kop: 'Verschil', cel: (r) => euro(r.verschil), getal: true },
                { kop: 'Verschil in procenten', cel: (r) => (r.verschilProcent === null ? '—' : procent(r.verschilProcent / 100, 2)), getal: true },
              ]}
            />
          )}
          {beheerder && <SetOpslaan indicatoren={gewichtenGeldig ? gelezen.map((g) => ({ code: g.code, naam: g.naam, gewicht: g.waarde! })) : null} onOpgeslagen={zetSetId} />}
        </section>
      )}

      {beheerder && <Importeren />}
    </Pagina>
  );
}

function Ingroeipad({ pad, maxProcent }: { pad: Pad; maxProcent: number }) {
  const jaarKoppen = Array.from({ length: pad.jaren }, (_, i) => `Jaar ${i + 1}`);
  return (
    <section aria-labelledby="pad-kop" className="monitor-sectie">
      <Heading2 id="pad-kop">
        Ingroeipad in {getal(pad.jaren)} jaar, hoogstens {getal(maxProcent, 2)}% wijziging per jaar
      </Heading2>
      {!pad.allesBereikt && <Paragraph>Niet elke gemeente bereikt haar objectieve budget binnen deze termijn.</Paragraph>}
      {pad.knelpunten.length > 0 && (
        <Alert type="info">
          <Paragraph>Waarom het objectief niet in {getal(pad.jaren)} jaar bereikt wordt:</Paragraph>
          <UnorderedList>
            {pad.knelpunten.map((k) => (
              <UnorderedListItem key={k}>{k}</UnorderedListItem>
            ))}
          </UnorderedList>
        </Alert>
      )}
      <Grafiek
        titel="Budget per gemeente van historisch naar objectief"
        hoogte={340}
        optie={{
          xAxis: { type: 'category', data: ['Historisch', ...jaarKoppen] },
          yAxis: { type: 'value', axisLabel: { formatter: miljoen } },
          tooltip: { trigger: 'axis', valueFormatter: (v: number) => euro(v) },
          series: pad.gemeenten.map((g) => ({ name: g.naam, type: 'line', data: [g.historisch, ...g.budgetten] })),
        }}
      />
      <Tabel<PadGemeente>
        bijschrift="Budget per gemeente per jaar van het ingroeipad"
        eenheid="gemeenten"
        sleutel={(g) => g.gemeenteCode}
        rijen={pad.gemeenten}
        kolommen={[
          { kop: 'Gemeente', cel: (g) => g.naam },
          { kop: 'Historisch', cel: (g) => euro(g.historisch), getal: true },
          ...jaarKoppen.map((kop, i) => ({ kop, cel: (g: PadGemeente) => euro(g.budgetten[i] ?? 0), getal: true })),
          { kop: 'Objectief', cel: (g) => euro(g.objectief), getal: true },
          { kop: 'Bereikt', cel: (g) => (g.bereikt ? 'ja' : 'nee') },
        ]}
      />
    </section>
  );
}

/** The what-if weights kept as a new set of the region (beheerder of the centrumgemeente only). */
function SetOpslaan({ indicatoren, onOpgeslagen }: { indicatoren: Indicator[] | null; onOpgeslagen: (id: string) => void }) {
  const [naam, zetNaam] = useState('');
  const [fout, zetFout] = useState<string | null>(null);
  const meld = useMeld();
  const opslaan = useWijziging((body: { naam: string; indicatoren: Indicator[] }) => api<{ id: string }>('/api/verdeelmodel/gewichtensets', { method: 'POST', body }), ['/api/verdeelmodel']);
  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    zetFout(null);
    if (naam.trim().length < 2) return zetFout('Geef de set een naam van minstens 2 tekens.');
    if (!indicatoren) return zetFout('Verbeter eerst de gewichten hierboven.');
    try {
      const r = await opslaan.mutateAsync({ naam: naam.trim(), indicatoren });
      meld(`Gewichtenset '${naam.trim()}' opgeslagen.`);
      zetNaam('');
      onOpgeslagen(r.id);
    } catch (err) {
      const perVeld = err instanceof ApiFout ? err.veldFouten : {};
      zetFout(perVeld.naam ?? (err as Error).message);
    }
  };
  return (
    <form onSubmit={verstuur} noValidate className="formulier geen-print" aria-labelledby="opslaan-kop">
      <Heading2 id="opslaan-kop">Deze gewichten bewaren</Heading2>
      <Veld label="Naam van de nieuwe gewichtenset" naam="naam" fout={fout}>
        {(p) => <Textbox {...p} value={naam} onChange={(e) => zetNaam(e.target.value)} data-actie />}
      </Veld>
      <Button appearance="primary-action-button" type="submit" busy={opslaan.isPending} data-actie>
        Opslaan als nieuwe gewichtenset
      </Button>
    </form>
  );
}

/** A CSV or Excel file of indicators replaces every municipality of the region: asked first, refused line by line. */
function Importeren() {
  const [dialoog, vraag] = useBevestiging();
  const meld = useMeld();
  const [fouten, zetFouten] = useState<{ algemeen: string; regels: string[] } | null>(null);
  const importeer = useWijziging(
    (b: { csv: string; bron: string } | { xlsx: string; bron: string }) =>
      api<{ aantal: number }>('xlsx' in b ? '/api/verdeelmodel/import/xlsx' : '/api/verdeelmodel/import', { method: 'POST', body: b }),
    ['/api/verdeelmodel'],
  );
  const kies = async (input: HTMLInputElement) => {
    const bestand = input.files?.[0];
    if (!bestand) return;
    zetFouten(null);
    const ja = await vraag({
      titel: 'Indicatoren vervangen?',
      tekst: `De indicatoren en historische budgetten van alle gemeenten van de regio worden vervangen door die uit ${bestand.name}.`,
      bevestig: 'Vervangen',
    });
    if (!ja) {
      input.value = '';
      return;
    }
    const excel = /\.xlsx$/i.test(bestand.name);
    try {
      const r = await importeer.mutateAsync(excel ? { xlsx: await alsBase64(bestand), bron: bestand.name } : { csv: await bestand.text(), bron: bestand.name });
      meld(`${getal(r.aantal)} gemeenten geïmporteerd uit ${bestand.name}.`);
    } catch (e) {
      // an Excel error names sheet, row and column in its own sentence (tekst); a CSV error its line
      const details = e instanceof ApiFout ? (e.details as { fouten?: { regel: number; melding: string; tekst?: string }[] } | null) : null;
      zetFouten({ algemeen: (e as Error).message.split('\n')[0]!, regels: (details?.fouten ?? []).map((f) => f.tekst ?? `Regel ${f.regel}: ${f.melding}`) });
    } finally {
      input.value = '';
    }
  };
  return (
    <section aria-labelledby="import-kop" className="geen-print">
      {dialoog}
      <Heading2 id="import-kop">Indicatoren importeren</Heading2>
      <Veld
        label="CSV- of Excel-bestand met indicatoren"
        naam="csv"
        fout={fouten ? fouten.algemeen : null}
        beschrijving="Eén regel per gemeente (in Excel: het blad indicatoren of het eerste blad); er verandert niets als één regel fout is."
      >
        {(p) => (
          <input
            {...p}
            type="file"
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="bestand"
            onChange={(e) => void kies(e.currentTarget)}
            data-actie
          />
        )}
      </Veld>
      {fouten && fouten.regels.length > 0 && (
        <UnorderedList aria-label="Fouten per regel">
          {fouten.regels.slice(0, 50).map((f) => (
            <UnorderedListItem key={f}>{f}</UnorderedListItem>
          ))}
        </UnorderedList>
      )}
    </section>
  );
}
