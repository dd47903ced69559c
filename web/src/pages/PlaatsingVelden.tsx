import { Select, Textarea, Textbox } from '@utrecht/component-library-react';
import { HUURCONSTRUCTIE_LABEL, HUURCONSTRUCTIE_REGELS } from '../labels';
import { Veld } from '../ui/Veld';
import { ApiFout } from '../api';
import { scharnierLabel, VOORWAARDE_UITLEG, voorwaardeLabel, type HuurconstructieSoort } from '../../../src/domain/woningen';
import { LabelOpties } from '../ui/LabelOpties';
import { DatumInvoer } from '../ui/DatumInvoer';
import { AanbiederOpties } from '../ui/AanbiederOpties';

export interface PlaatsingWaarde {
  huurconstructie: HuurconstructieSoort;
  startdatum: string;
  omklapdatum: string;
  aanbiederId: string;
  voorwaarden: Record<string, string>;
  contactpersoon: string;
  contactTelefoon: string;
}

export const vandaagIso = () => new Date().toISOString().slice(0, 10);

export const legePlaatsing = (aanbiederId: string | null): PlaatsingWaarde => ({
  huurconstructie: 'direct',
  startdatum: vandaagIso(),
  omklapdatum: '',
  aanbiederId: aanbiederId ?? '',
  voorwaarden: {},
  contactpersoon: '',
  contactTelefoon: '',
});

/** The body the API expects: only what the chosen construction asks for. */
export function plaatsingBody(w: PlaatsingWaarde) {
  const r = HUURCONSTRUCTIE_REGELS[w.huurconstructie];
  const metAanbieder = r.aanbiederVerplicht;
  return {
    huurconstructie: w.huurconstructie,
    startdatum: w.startdatum,
    omklapdatum: r.scharnier ? w.omklapdatum || null : null,
    aanbiederId: metAanbieder ? w.aanbiederId || null : null,
    voorwaarden: Object.fromEntries(r.verplichteVoorwaarden.map((v) => [v, w.voorwaarden[v] ?? ''])),
    contactpersoon: metAanbieder ? w.contactpersoon || null : null,
    contactTelefoon: metAanbieder ? w.contactTelefoon || null : null,
  };
}

/** Field refusals by form key; the sleuteloverdracht nests the placement under `plaatsing.`. */
export function plaatsingFouten(e: unknown): Record<string, string> {
  if (!(e instanceof ApiFout)) return {};
  return Object.fromEntries(Object.entries(e.veldFouten).map(([pad, m]) => [pad.replace(/^plaatsing\./, ''), m]));
}

const HUURDER_UITLEG = (s: HuurconstructieSoort) => {
  const r = HUURCONSTRUCTIE_REGELS[s];
  const delen = [r.huurder === 'aanbieder' ? 'De zorgaanbieder huurt de woning (hoofdhuurder); de cliënt woont er als onderhuurder.' : 'De cliënt huurt de woning zelf.'];
  if (r.scharnier) delen.push(`Vraagt een ${scharnierLabel(r.scharnier.soort).toLowerCase()} ${r.scharnier.minMaanden} tot ${r.scharnier.maxMaanden} maanden na de start.`);
  if (r.verplichteVoorwaarden.length) delen.push(`Leg vast: ${r.verplichteVoorwaarden.map((v) => voorwaardeLabel(v).toLowerCase()).join(', ')}.`);
  return delen.join(' ');
};

/**
 * The fields of a placement, asking exactly what the chosen huurconstructie requires (from the domain's rules,
 * the same the server checks): a scharnierdatum, the hoofdhuurder or involved zorgaanbieder, the agreed
 * conditions and a contact person for the corporatie. Each refusal shows at its own field.
 */
export function PlaatsingVelden({ waarde, zet, fouten }: { waarde: PlaatsingWaarde; zet: (w: PlaatsingWaarde) => void; fouten: Record<string, string> }) {
  const r = HUURCONSTRUCTIE_REGELS[waarde.huurconstructie];
  const wijzig = (deel: Partial<PlaatsingWaarde>) => zet({ ...waarde, ...deel });
  return (
    <>
      <Veld label="Huurconstructie" naam="huurconstructie" fout={fouten.huurconstructie} beschrijving={HUURDER_UITLEG(waarde.huurconstructie)}>
        {(p) => (
          <Select {...p} value={waarde.huurconstructie} onChange={(e) => wijzig({ huurconstructie: e.target.value as HuurconstructieSoort })}>
            <LabelOpties labels={HUURCONSTRUCTIE_LABEL} />
          </Select>
        )}
      </Veld>
      <Veld label="Startdatum (sleuteloverdracht)" naam="startdatum" fout={fouten.startdatum}>
        {(p) => <DatumInvoer {...p} value={waarde.startdatum} onChange={(d) => wijzig({ startdatum: d })} />}
      </Veld>
      {r.scharnier && (
        <Veld
          label={scharnierLabel(r.scharnier.soort)}
          naam="omklapdatum"
          fout={fouten.omklapdatum}
          beschrijving={`${r.scharnier.minMaanden} tot ${r.scharnier.maxMaanden} maanden na de startdatum. ${r.scharnier.soort === 'omklap' ? 'Op deze dag komt het huurcontract op naam van de cliënt.' : 'Daarna wordt het huurcontract definitief.'}`}
        >
          {(p) => <DatumInvoer {...p} value={waarde.omklapdatum} onChange={(d) => wijzig({ omklapdatum: d })} />}
        </Veld>
      )}
      {r.aanbiederVerplicht && (
        <Veld
          label={r.huurder === 'aanbieder' ? 'Hoofdhuurder (zorgaanbieder)' : 'Betrokken zorgaanbieder'}
          naam="aanbiederId"
          fout={fouten.aanbiederId}
          beschrijving="De woningcorporatie ziet alleen 'zorgaanbieder' en de contactpersoon, niet de naam van de aanbieder."
        >
          {(p) => (
            <Select {...p} value={waarde.aanbiederId} onChange={(e) => wijzig({ aanbiederId: e.target.value })}>
              <AanbiederOpties leeg="Kies een zorgaanbieder" />
            </Select>
          )}
        </Veld>
      )}
      {r.verplichteVoorwaarden.map((v) => (
        <Veld key={v} label={voorwaardeLabel(v)} naam={`voorwaarden.${v}`} fout={fouten[`voorwaarden.${v}`]} beschrijving={`${VOORWAARDE_UITLEG[v] ?? ''} Deze tekst ziet ook de woningcorporatie.`}>
          {(p) => <Textarea {...p} rows={2} value={waarde.voorwaarden[v] ?? ''} onChange={(e) => wijzig({ voorwaarden: { ...waarde.voorwaarden, [v]: e.target.value } })} />}
        </Veld>
      ))}
      {r.aanbiederVerplicht && (
        <>
          <Veld label="Contactpersoon voor de corporatie" naam="contactpersoon" fout={fouten.contactpersoon} beschrijving="Naam van de begeleider die de corporatie kan bellen. De corporatie ziet deze naam.">
            {(p) => <Textbox {...p} value={waarde.contactpersoon} autoComplete="off" onChange={(e) => wijzig({ contactpersoon: e.target.value })} />}
          </Veld>
          <Veld label="Telefoon contactpersoon" naam="contactTelefoon" fout={fouten.contactTelefoon}>
            {(p) => <Textbox {...p} type="tel" value={waarde.contactTelefoon} autoComplete="off" onChange={(e) => wijzig({ contactTelefoon: e.target.value })} />}
          </Veld>
        </>
      )}
    </>
  );
}
