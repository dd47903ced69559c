import { Select, SelectOption } from '@utrecht/component-library-react';
import { useOrganisaties } from '../hooks';
import { BESTEMMING_LABEL, EVENT_LABEL, EVENT_VRAAGT, NIVEAU_LABEL, URGENTIE_LABEL, WOONSITUATIE_LABEL } from '../labels';
import { Veld } from '../ui/Veld';
import { LabelOpties } from '../ui/LabelOpties';
import { DatumInvoer } from '../ui/DatumInvoer';
import { AanbiederOpties } from '../ui/AanbiederOpties';

/** What one trajectgebeurtenis asks, as typed: a new one on the dossier or the replacement in a correction. */
export interface GebeurtenisInvoer {
  soort: string;
  datum: string;
  niveau: string;
  urgentie: string;
  bestemming: string;
  /** aanmelding: woonsituatie vóór aanmelding ('' = niet ingevuld) */
  woonsituatie: string;
  aanbiederId: string;
}

export const gebeurtenisVraagt = (soort: string) => EVENT_VRAAGT[soort] ?? [];

/** The API's fields of an event: only those its kind asks for, the rest null. */
export function gebeurtenisBody(g: GebeurtenisInvoer) {
  const vraagt = gebeurtenisVraagt(g.soort);
  return {
    soort: g.soort,
    datum: g.datum,
    niveau: vraagt.includes('niveau') ? g.niveau || null : null,
    urgentie: vraagt.includes('urgentie') ? Number(g.urgentie) : null,
    bestemming: vraagt.includes('bestemming') ? g.bestemming || null : null,
    woonsituatie: vraagt.includes('woonsituatie') ? g.woonsituatie || null : null,
    aanbiederId: vraagt.includes('aanbieder') && g.aanbiederId ? g.aanbiederId : null,
  };
}

/** Fields the form itself checks before asking the server: a kind that asks a niveau or bestemming needs one. */
export function gebeurtenisFouten(g: GebeurtenisInvoer): Record<string, string> {
  const vraagt = gebeurtenisVraagt(g.soort);
  const fouten: Record<string, string> = {};
  if (vraagt.includes('niveau') && !g.niveau) fouten.niveau = 'Kies een niveau';
  if (vraagt.includes('bestemming') && !g.bestemming) fouten.bestemming = 'Kies een bestemming';
  return fouten;
}

/**
 * The fields of one event, showing only what its kind asks for. `huidigeAanbiederId` given: the kinds that change
 * the aanbieder offer that choice ("Ongewijzigd" keeps the present one).
 */
export function GebeurtenisVelden({
  waarde,
  wijzig,
  soorten,
  fouten,
  huidigeAanbiederId,
  metUitleg = false,
}: {
  waarde: GebeurtenisInvoer;
  wijzig: (deel: Partial<GebeurtenisInvoer>) => void;
  soorten: readonly string[];
  fouten: Record<string, string>;
  huidigeAanbiederId?: string | null;
  /** descriptions for a new event (date bounds, which way the niveau goes) */
  metUitleg?: boolean;
}) {
  const orgs = useOrganisaties();
  const vraagt = gebeurtenisVraagt(waarde.soort);
  const niveauUitleg = !metUitleg ? undefined : waarde.soort === 'doorstroom' ? 'Een lichter niveau dan nu.' : waarde.soort === 'terugval' ? 'Een zwaarder niveau dan nu.' : undefined;
  return (
    <div className="velden">
      <Veld label="Gebeurtenis" naam="soort" fout={fouten.soort}>
        {(p) => (
          <Select {...p} value={waarde.soort} onChange={(e) => wijzig({ soort: e.target.value })}>
            {soorten.map((s) => (
              <SelectOption key={s} value={s}>
                {EVENT_LABEL[s] ?? s}
              </SelectOption>
            ))}
          </Select>
        )}
      </Veld>
      <Veld label="Datum" naam="datum" fout={fouten.datum} beschrijving={metUitleg ? 'Niet vóór 1900 en hoogstens een jaar vooruit.' : undefined}>
        {(p) => <DatumInvoer {...p} value={waarde.datum} onChange={(datum) => wijzig({ datum })} />}
      </Veld>
      {vraagt.includes('urgentie') && (
        <Veld label="Urgentie" naam="urgentie" fout={fouten.urgentie}>
          {(p) => (
            <Select {...p} value={waarde.urgentie} onChange={(e) => wijzig({ urgentie: e.target.value })}>
              <LabelOpties labels={URGENTIE_LABEL} />
            </Select>
          )}
        </Veld>
      )}
      {vraagt.includes('niveau') && (
        <Veld label="Niveau" naam="niveau" fout={fouten.niveau} beschrijving={niveauUitleg}>
          {(p) => (
            <Select {...p} value={waarde.niveau} onChange={(e) => wijzig({ niveau: e.target.value })}>
              <SelectOption value="">Kies een niveau</SelectOption>
              <LabelOpties labels={NIVEAU_LABEL} />
            </Select>
          )}
        </Veld>
      )}
      {vraagt.includes('aanbieder') && huidigeAanbiederId !== undefined && (
        <Veld label="Aanbieder" naam="aanbiederId" fout={fouten.aanbiederId} beschrijving="Wie de begeleiding vanaf nu geeft.">
          {(p) => (
            <Select {...p} value={waarde.aanbiederId} onChange={(e) => wijzig({ aanbiederId: e.target.value })}>
              <AanbiederOpties leeg={`Ongewijzigd${huidigeAanbiederId ? ` (${orgs.naam(huidigeAanbiederId)})` : ''}`} />
            </Select>
          )}
        </Veld>
      )}
      {vraagt.includes('woonsituatie') && <WoonsituatieVeld waarde={waarde.woonsituatie} wijzig={(woonsituatie) => wijzig({ woonsituatie })} fout={fouten.woonsituatie} />}
      {vraagt.includes('bestemming') && (
        <Veld label="Bestemming" naam="bestemming" fout={fouten.bestemming}>
          {(p) => (
            <Select {...p} value={waarde.bestemming} onChange={(e) => wijzig({ bestemming: e.target.value })}>
              <SelectOption value="">Kies een bestemming</SelectOption>
              <LabelOpties labels={BESTEMMING_LABEL} />
            </Select>
          )}
        </Veld>
      )}
    </div>
  );
}

/** Woonsituatie vóór aanmelding: where the person lived before (the aanmelding form and a new aanmelding in the dossier). */
export function WoonsituatieVeld({ waarde, wijzig, fout }: { waarde: string; wijzig: (w: string) => void; fout?: string }) {
  return (
    <Veld label="Woonsituatie vóór aanmelding" naam="woonsituatie" fout={fout} beschrijving="Waar de cliënt woonde of verbleef vlak voor de aanmelding.">
      {(p) => (
        <Select {...p} value={waarde} onChange={(e) => wijzig(e.target.value)}>
          <SelectOption value="">Niet ingevuld</SelectOption>
          <LabelOpties labels={WOONSITUATIE_LABEL} />
        </Select>
      )}
    </Veld>
  );
}
