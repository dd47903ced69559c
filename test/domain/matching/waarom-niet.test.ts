import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchOptimaal } from '../../../src/domain/matching/index.js';
import { waaromNiet, klasseSleutel, type WaaromNietInvoer } from '../../../src/domain/matching/waarom-niet.js';
import type { MatchInvoer, MatchKandidaat, MatchWoning } from '../../../src/domain/matching/types.js';
import { invoerArb } from './helpers.js';

const kandidaat = (id: string, x: Partial<MatchKandidaat> = {}): MatchKandidaat => ({
  id,
  herkomstgemeenteId: 'G1',
  gemeentePreferenties: ['G1'],
  leeftijd: 30,
  woningTypes: ['zelfstandig', 'onzelfstandig'],
  minKamers: 1,
  toegankelijkNodig: false,
  ondersteuning: 'ambulant',
  wachtdagen: 10,
  urgentie: 0,
  ...x,
});
const woning = (id: string, x: Partial<MatchWoning> = {}): MatchWoning => ({ id, corporatieId: 'C1', gemeenteId: 'G1', wijk: 'W1', complex: `c-${id}`, type: 'zelfstandig', kamers: 1, toegankelijk: false, ...x });

function uitleg(invoer: MatchInvoer, id: string, extra: Partial<WaaromNietInvoer> = {}) {
  const r = matchOptimaal(invoer);
  const perKlasse = new Map<string, number>();
  for (const w of invoer.woningen) perKlasse.set(klasseSleutel(w.gemeenteId, w.type), (perKlasse.get(klasseSleutel(w.gemeenteId, w.type)) ?? 0) + 1);
  return waaromNiet({
    invoer,
    kandidaat: invoer.kandidaten.find((k) => k.id === id)!,
    toewijzing: r.voorstellen,
    deelname: { uitstroomklaar: true, grondslag: true, openVoorstel: false },
    gemeenten: ['G1', 'G2'],
    woningenPerKlasse: perKlasse,
    volgorde: [],
    naam: (x) => ({ G1: 'Centrumstad', G2: 'Noorddorp', C1: 'Woonstede' })[x] ?? x,
    ...extra,
  });
}
const klasse = (u: ReturnType<typeof uitleg>, g: string, t: string) => u.klassen.find((k) => k.gemeenteId === g && k.type === t)!;

const basis = (kandidaten: MatchKandidaat[], woningen: MatchWoning[], extra: Partial<MatchInvoer> = {}): MatchInvoer => ({
  kandidaten,
  woningen,
  quota: [{ gemeenteId: 'G1', corporatieId: 'C1', resterend: 10 }],
  spreiding: { maxPerComplex: 5, maxPerWijk: 5, alGeplaatstPerComplex: {}, alGeplaatstPerWijk: {} },
  ...extra,
});

describe('waarom niet gematcht', () => {
  it('noemt per klasse de regel: woningtype, gemeente, kamers, toegankelijkheid', () => {
    const inv = basis([kandidaat('a', { minKamers: 3 }), kandidaat('b', { toegankelijkNodig: true })], [woning('w1', { kamers: 2 }), woning('w2', { type: 'onzelfstandig' })]);
    const a = uitleg(inv, 'a');
    expect(klasse(a, 'G1', 'prikkelarm')).toMatchObject({ reden: 'woningtype', tekst: 'Een prikkelarme woning past niet bij het niveau van de cliënt (ambulante begeleiding).' });
    expect(klasse(a, 'G1', 'jongeren_cluster').tekst).toBe('Een jongerencluster past niet bij het niveau van de cliënt (ambulante begeleiding).');
    expect(klasse(a, 'G2', 'zelfstandig')).toMatchObject({ reden: 'gemeente', tekst: 'Noorddorp staat niet bij de gewenste gemeenten.' });
    expect(klasse(a, 'G1', 'zelfstandig')).toMatchObject({ reden: 'kamers', tekst: 'Geen vrije zelfstandige woning in Centrumstad met minstens 3 kamers (de vrije hebben er hoogstens 2).' });
    const b = uitleg(inv, 'b');
    expect(klasse(b, 'G1', 'zelfstandig').reden).toBe('toegankelijk');
    expect(b.samenvatting.find((s) => s.reden === 'gemeente')!.tekst).toBe('Noorddorp: staat niet bij de gewenste gemeenten (alle woningtypes).');
  });

  it('jongerencluster en beschermd-thuiscluster: leeftijd en ondersteuning', () => {
    const inv = basis([kandidaat('a', { woningTypes: ['jongeren_cluster', 'beschermd_thuis_cluster', 'zelfstandig'], leeftijd: 40 })], [woning('w1')]);
    const a = uitleg(inv, 'a');
    expect(klasse(a, 'G1', 'jongeren_cluster').tekst).toBe('Een jongerencluster is alleen voor jongeren van 18 tot en met 24 jaar (leeftijd 40).');
    expect(klasse(a, 'G1', 'beschermd_thuis_cluster').tekst).toBe('Een beschermd-thuiscluster is alleen voor cliënten met beschermd thuis.');
  });

  it('quotum op, geen afspraak, complex vol, geen vrije woning', () => {
    const inv = basis(
      [kandidaat('a', { gemeentePreferenties: ['G1', 'G2'] })],
      [woning('w1'), woning('w2', { gemeenteId: 'G2', type: 'onzelfstandig' })],
      { quota: [{ gemeenteId: 'G1', corporatieId: 'C1', resterend: 0 }] },
    );
    const a = uitleg(inv, 'a', { woningenPerKlasse: new Map([['G1|zelfstandig', 1], ['G2|onzelfstandig', 1], ['G2|zelfstandig', 4]]) });
    expect(klasse(a, 'G1', 'zelfstandig')).toMatchObject({ reden: 'quotum_op', tekst: 'Het reserveringsquotum van Woonstede in Centrumstad is voor dit jaar op.' });
    expect(klasse(a, 'G2', 'onzelfstandig')).toMatchObject({ reden: 'geen_afspraak', tekst: 'Geen reserveringsafspraak dit jaar met Woonstede in Noorddorp.' });
    expect(klasse(a, 'G2', 'zelfstandig')).toMatchObject({ reden: 'geen_vrije_woning', tekst: 'Geen vrije zelfstandige woning in Noorddorp: 4 woningen zijn verhuurd, gereserveerd of komt pas na 30 dagen vrij.' });
    expect(klasse(a, 'G1', 'onzelfstandig').reden).toBe('geen_woning');
    const vol = uitleg({ ...inv, quota: [{ gemeenteId: 'G1', corporatieId: 'C1', resterend: 5 }], spreiding: { maxPerComplex: 1, maxPerWijk: 5, alGeplaatstPerComplex: { 'c-w1': 1 }, alGeplaatstPerWijk: {} } }, 'a');
    expect(klasse(vol, 'G1', 'zelfstandig')).toMatchObject({ reden: 'complex_vol', tekst: 'Het maximum aantal plaatsingen per complex is bereikt in c-w1.' });
  });

  it('voorrang: zegt door wat, onder het geldende beleid', () => {
    const inv = basis([kandidaat('a', { wachtdagen: 10 }), kandidaat('b', { wachtdagen: 300 }), kandidaat('c', { wachtdagen: 5, urgentie: 3 })], [woning('w1'), woning('w2')]);
    const a = uitleg(inv, 'a');
    expect(klasse(a, 'G1', 'zelfstandig')).toMatchObject({ reden: 'voorrang', tekst: 'Alle 2 passende vrije woningen gingen naar anderen met voorrang onder het beleid: 1 kandidaat met langere wachttijd, 1 kandidaat met hogere urgentie.' });
    const geplaatst = uitleg(inv, 'b');
    expect(klasse(geplaatst, 'G1', 'zelfstandig').reden).toBe('geplaatst');
  });

  it('zegt waarom een cliënt niet meedoet', () => {
    const inv = basis([kandidaat('b')], [woning('w1'), woning('w2')]);
    const r = waaromNiet({
      invoer: inv,
      kandidaat: kandidaat('a'),
      toewijzing: matchOptimaal(inv).voorstellen,
      deelname: { uitstroomklaar: false, grondslag: false, openVoorstel: false, faseLabel: 'In zorg' },
      gemeenten: ['G1'],
      woningenPerKlasse: new Map(),
      volgorde: [],
      naam: (x) => x,
    });
    expect(r.doetMee).toBe(false);
    expect(r.deelname.map((d) => d.reden)).toEqual(['niet_uitstroomklaar', 'geen_grondslag']);
    expect(r.deelname[0]!.tekst).toBe('Niet uitstroomklaar (fase: In zorg): alleen uitstroomklare cliënten doen mee aan een ronde.');
    expect(klasse(r as never, 'G1', 'zelfstandig').reden).toBe('doet_niet_mee');
  });

  it('eigenschap: wie de motor plaatst, wordt voor haar eigen klasse nooit als uitgesloten gemeld', () => {
    fc.assert(
      fc.property(invoerArb(6, 6), (invoer) => {
        const r = matchOptimaal(invoer);
        const perKlasse = new Map<string, number>();
        for (const w of invoer.woningen) perKlasse.set(klasseSleutel(w.gemeenteId, w.type), (perKlasse.get(klasseSleutel(w.gemeenteId, w.type)) ?? 0) + 1);
        const won = new Map(invoer.woningen.map((w) => [w.id, w]));
        for (const v of r.voorstellen) {
          const w = won.get(v.woningId)!;
          const u = waaromNiet({
            invoer,
            kandidaat: invoer.kandidaten.find((k) => k.id === v.kandidaatId)!,
            toewijzing: r.voorstellen,
            deelname: { uitstroomklaar: true, grondslag: true, openVoorstel: false },
            gemeenten: ['G1', 'G2'],
            woningenPerKlasse: perKlasse,
            volgorde: [],
            naam: (x) => x,
          });
          expect(u.klassen.find((k) => k.gemeenteId === w.gemeenteId && k.type === w.type)!.reden).toBe('geplaatst');
          // and no other class claims the client was placed there
          expect(u.klassen.filter((k) => k.reden === 'geplaatst')).toHaveLength(1);
        }
        // an unplaced candidate is never told she got a proposal
        for (const k of invoer.kandidaten) {
          if (r.voorstellen.some((v) => v.kandidaatId === k.id)) continue;
          const u = waaromNiet({ invoer, kandidaat: k, toewijzing: r.voorstellen, deelname: { uitstroomklaar: true, grondslag: true, openVoorstel: false }, gemeenten: ['G1', 'G2'], woningenPerKlasse: perKlasse, volgorde: [], naam: (x) => x });
          expect(u.klassen.some((x) => x.reden === 'geplaatst' || x.reden === 'elders_geplaatst')).toBe(false);
        }
      }),
      { numRuns: 300, seed: 8 },
    );
  });
});
