/**
 * Exacte referentie met HiGHS (npm `highs`, WebAssembly). Asynchroon en bewust buiten de hoofd-importketen
 * van de motor gehouden (`index.ts` exporteert dit bestand niet).
 *
 * MIP op het geaggregeerde model (zie `model.ts`), zonder Lagrange-relaxatie: alle wijk-, complex- en
 * quotumrestricties zijn expliciete rijen.
 *
 *   max  Σ_{p,j} v_pj·y_pj − Σ_{p,r} R·r·x_pr + S·Σ_g f_g
 *   z.t. Σ_j y_pj = Σ_r x_pr                       (profiel p; y_pj ∈ [0,1] voor de j-de beste kandidaat)
 *        f_g ≤ Σ_{p∈g,j} y_pj,  0 ≤ f_g ≤ a_g        (concave spreidingsterm)
 *        Σ_{(p,r)→e} x_pr = Σ_s z_es                 (eis e = behoefte × gemeente)
 *        Σ_e z_es = Σ_{c∈s} u_c                      (soort s)
 *        0 ≤ u_c ≤ #woningen in klasse c, geheel
 *        Σ_{c∈complex} u_c ≤ ruimte complex;  Σ_{c∈wijk} u_c ≤ ruimte wijk;  Σ_{c∈quotum} u_c ≤ resterend quotum
 */
import { resultaatVoorToewijzing } from './engine.js';
import { bereikbaar, bouwModel } from './model.js';
import { objectiefWaarde } from './objectief.js';
import type { MatchInvoer, MatchResultaat, Toewijzing } from './types.js';

export interface ExactOpties {
  /** Tijdslimiet in seconden (standaard 60). */
  tijdslimiet?: number;
  /** Relatieve MIP-gap (standaard 1e-7: praktisch exact). */
  mipGap?: number;
}

export interface ExactResultaat {
  status: string;
  /** true als HiGHS optimaliteit bewees binnen de tijdslimiet. */
  optimaal: boolean;
  resultaat: MatchResultaat | null;
  /** HiGHS-doelwaarde (gelijk aan resultaat.objectief als optimaal). */
  objectief: number | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let highsPromise: Promise<any> | null = null;
async function laadHighs() {
  highsPromise ??= import('highs').then((m) => m.default());
  return highsPromise;
}

export function bouwLp(invoer: MatchInvoer) {
  const model = bouwModel(invoer);
  const g = model.gewichten;
  const obj: string[] = [];
  const rijen: string[] = [];
  const bounds: string[] = [];
  const gehelen: string[] = [];
  const yNaam = (p: number, j: number) => `y${p}_${j}`;
  const eisIn: string[][] = model.eisen.map(() => []);
  const herkomstTermen = new Map<string, string[]>();
  const R = model.profielen.map((p) => bereikbaar(model, p));
  model.profielen.forEach((p, pi) => {
    if (R[pi] === 0) return;
    const ys: string[] = [];
    for (let j = 0; j < R[pi]; j++) {
      const y = yNaam(pi, j);
      obj.push(`+ ${p.waarden[j]} ${y}`);
      bounds.push(`0 <= ${y} <= 1`);
      ys.push(y);
    }
    const xs: string[] = [];
    p.eisen.forEach((e, r) => {
      if (model.eisen[e].capaciteit === 0) return;
      const x = `x${pi}_${r}`;
      if (r > 0 && g.rangStraf !== 0) obj.push(`- ${g.rangStraf * r} ${x}`);
      xs.push(x);
      eisIn[e].push(x);
      gehelen.push(x);
    });
    rijen.push(` p${pi}: ${ys.map((y) => `+ ${y}`).join(' ')} ${xs.map((x) => `- ${x}`).join(' ')} = 0`);
    const l = herkomstTermen.get(p.herkomst) ?? [];
    l.push(...ys);
    herkomstTermen.set(p.herkomst, l);
  });
  model.herkomsten.forEach((h, hi) => {
    const termen = herkomstTermen.get(h);
    const a = model.aandeel.get(h) ?? 0;
    if (!termen || a === 0 || g.spreidingsBonus === 0) return;
    obj.push(`+ ${g.spreidingsBonus} f${hi}`);
    bounds.push(`0 <= f${hi} <= ${a}`);
    rijen.push(` h${hi}: f${hi} ${termen.map((y) => `- ${y}`).join(' ')} <= 0`);
  });
  const soortIn: string[][] = model.soorten.map(() => []);
  model.eisen.forEach((e, ei) => {
    if (eisIn[ei].length === 0) return;
    const zs = e.soorten.map((s) => {
      const z = `z${ei}_${s}`;
      soortIn[s].push(z);
      gehelen.push(z);
      return z;
    });
    rijen.push(` e${ei}: ${eisIn[ei].map((x) => `+ ${x}`).join(' ')} ${zs.map((z) => `- ${z}`).join(' ')} = 0`);
  });
  const complexT = new Map<string, string[]>();
  const wijkT = new Map<string, string[]>();
  const quotumT = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, v: string) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
  model.soorten.forEach((s, si) => {
    if (soortIn[si].length === 0) return;
    const us: string[] = [];
    for (const c of s.klassen) {
      const kl = model.klassen[c];
      const b = model.blokken[kl.blok];
      if (!b.heeftQuotum) continue;
      const u = `u${c}`;
      us.push(u);
      bounds.push(`0 <= ${u} <= ${kl.woningen.length}`);
      gehelen.push(u);
      push(complexT, b.complexKey, u);
      push(wijkT, b.wijkKey, u);
      push(quotumT, b.quotumKey, u);
    }
    rijen.push(` s${si}: ${soortIn[si].map((z) => `+ ${z}`).join(' ')} ${us.map((u) => `- ${u}`).join(' ')} = 0`);
  });
  let i = 0;
  for (const [c, us] of complexT) rijen.push(` c${i++}: ${us.map((u) => `+ ${u}`).join(' ')} <= ${model.complexRest.get(c)}`);
  for (const [w, us] of wijkT) rijen.push(` w${i++}: ${us.map((u) => `+ ${u}`).join(' ')} <= ${model.wijkRest.get(w)}`);
  for (const [q, us] of quotumT) rijen.push(` q${i++}: ${us.map((u) => `+ ${u}`).join(' ')} <= ${model.quotumRest.get(q)}`);
  // LP-formaat: lange regels afbreken
  const breek = (s: string) => s.replace(/((?:\S+\s+){40})/g, '$1\n  ');
  const lp = [
    'Maximize',
    ` obj: ${obj.length ? breek(obj.join(' ')) : '0 dummy'}`,
    'Subject To',
    ...rijen.map(breek),
    ...(rijen.length ? [] : [' dummyrij: dummy >= 0']),
    'Bounds',
    ...bounds,
    ...(obj.length ? [] : ['0 <= dummy <= 0']),
    ...(gehelen.length ? ['General', ...gehelen.map(breek)] : []),
    'End',
  ].join('\n');
  return { lp, model, R };
}

/** Exact optimum via HiGHS (of null na de tijdslimiet). */
export async function matchExact(invoer: MatchInvoer, opties: ExactOpties = {}): Promise<ExactResultaat> {
  const highs = await laadHighs();
  const { lp, model, R } = bouwLp(invoer);
  const sol = highs.solve(lp, {
    time_limit: opties.tijdslimiet ?? 60,
    mip_rel_gap: opties.mipGap ?? 1e-7,
    mip_abs_gap: 0.5,
    output_flag: false,
  });
  const status: string = sol.Status;
  if (status !== 'Optimal') return { status, optimaal: false, resultaat: null, objectief: null };
  const waarde = (naam: string): number => Math.round(sol.Columns[naam]?.Primal ?? 0);
  // terugvertalen: profiel → eis → soort → klasse (zelfde wachtrijlogica als de motor)
  const eisRij: { k: number; r: number }[][] = model.eisen.map(() => []);
  model.profielen.forEach((p, pi) => {
    if (R[pi] === 0) return;
    let idx = 0;
    p.eisen.forEach((e, r) => {
      const f = waarde(`x${pi}_${r}`);
      for (let t = 0; t < f; t++) eisRij[e].push({ k: p.kandidaten[idx++], r });
    });
  });
  const soortRij: { k: number; r: number }[][] = model.soorten.map(() => []);
  model.eisen.forEach((e, ei) => {
    let idx = 0;
    for (const s of e.soorten) {
      const f = waarde(`z${ei}_${s}`);
      for (let t = 0; t < f; t++) soortRij[s].push(eisRij[ei][idx++]);
    }
  });
  const toewijzing: Toewijzing[] = [];
  model.soorten.forEach((s, si) => {
    let idx = 0;
    for (const c of s.klassen) {
      const f = waarde(`u${c}`);
      for (let t = 0; t < f; t++) {
        const x = soortRij[si][idx++];
        if (x) toewijzing.push({ kandidaatId: invoer.kandidaten[x.k].id, woningId: model.klassen[c].woningen[t] });
      }
    }
  });
  const resultaat = resultaatVoorToewijzing(invoer, toewijzing, 'highs-exact');
  resultaat.statistiek.optimaalBewezen = true;
  resultaat.statistiek.bovengrens = sol.ObjectiveValue;
  return { status, optimaal: true, resultaat, objectief: objectiefWaarde(invoer, toewijzing) };
}
