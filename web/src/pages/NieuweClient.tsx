import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { api, ApiFout, type VeldFout } from '../api';
import { useOrganisaties, useWijziging } from '../hooks';
import { DOELGROEP_LABEL } from '../labels';
import { Pagina } from '../ui/Pagina';
import { Veld } from '../ui/Veld';
import { useBevestiging } from '../ui/Bevestig';
import { nlDatum } from '../format';
import { LabelOpties } from '../ui/LabelOpties';
import { DatumInvoer } from '../ui/DatumInvoer';
import { WoonsituatieVeld } from './GebeurtenisVelden';
import { FormulierVoet } from '../ui/FormulierVoet';
import { AanbiederOpties } from '../ui/AanbiederOpties';

/** A client's own data as the server stores it; what the aanmelding and the edit form send. */
export interface ClientGegevens {
  naam: string;
  bsn: string | null;
  geboortedatum: string;
  doelgroep: string;
  herkomstgemeenteId: string;
  huidigeGemeenteId: string | null;
  aanbiederId: string | null;
  externId: string | null;
  woonwensen: Woonwensen | null;
}

export interface Woonwensen {
  gemeenten?: string[];
  minKamers?: number | null;
  toegankelijk?: boolean;
  bijzonderheden?: string | null;
}

const LEEG: ClientGegevens = {
  naam: '',
  bsn: null,
  geboortedatum: '',
  doelgroep: '',
  herkomstgemeenteId: '',
  huidigeGemeenteId: null,
  aanbiederId: null,
  externId: null,
  woonwensen: null,
};

export const vandaagIso = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());

/** The field error for a key, also when the server names an element of it ("woonwensen.gemeenten.0"). */
const foutBij = (fouten: Record<string, string>, pad: string) => fouten[pad] ?? Object.entries(fouten).find(([k]) => k.startsWith(`${pad}.`))?.[1];

/**
 * The form of a client's own data and woonwensen: the aanmelding and the edit in the dossier. Every error of the
 * server appears at its own field (ApiFout.veldFouten); what does not belong to one field appears above the button.
 */
export function ClientFormulier({
  begin,
  knop,
  extra,
  fouten,
  algemeneFout,
  bezig,
  onVerstuur,
  onAnnuleer,
}: {
  begin?: ClientGegevens;
  knop: string;
  extra?: React.ReactNode;
  fouten: Record<string, string>;
  algemeneFout: string | null;
  bezig: boolean;
  onVerstuur: (g: ClientGegevens) => void;
  onAnnuleer?: () => void;
}) {
  const orgs = useOrganisaties();
  const [g, zetG] = useState<ClientGegevens>(begin ?? LEEG);
  const ww = g.woonwensen ?? {};
  const zet = <K extends keyof ClientGegevens>(k: K, v: ClientGegevens[K]) => zetG((x) => ({ ...x, [k]: v }));
  const zetWens = (w: Partial<Woonwensen>) => zetG((x) => ({ ...x, woonwensen: { ...(x.woonwensen ?? {}), ...w } }));
  const verstuur = (e: FormEvent) => {
    e.preventDefault();
    onVerstuur(g);
  };
  const gemeenteKeuze = (waarde: string, onKies: (v: string) => void, invoer: object, leeg: string) => (
    <Select {...invoer} value={waarde} onChange={(e) => onKies(e.target.value)}>
      <SelectOption value="">{leeg}</SelectOption>
      {orgs.gemeenten.map((o) => (
        <SelectOption key={o.id} value={o.id}>
          {o.naam}
        </SelectOption>
      ))}
    </Select>
  );
  return (
    <form onSubmit={verstuur} noValidate className="formulier-breed">
      <Fieldset>
        <FieldsetLegend>Persoon</FieldsetLegend>
        <Veld label="Naam" naam="naam" fout={fouten.naam}>
          {(p) => <Textbox {...p} autoComplete="off" value={g.naam} onChange={(e) => zet('naam', e.target.value)} />}
        </Veld>
        <Veld label="Geboortedatum" naam="geboortedatum" fout={fouten.geboortedatum} beschrijving="Niet in de toekomst en niet vóór 1900.">
          {(p) => <DatumInvoer {...p} autoComplete="bday" value={g.geboortedatum} onChange={(d) => zet('geboortedatum', d)} />}
        </Veld>
        <Veld label="BSN" naam="bsn" fout={fouten.bsn} beschrijving="9 cijfers; wordt gecontroleerd met de elfproef. Leeg laten als het (nog) niet bekend is.">
          {(p) => <Textbox {...p} inputMode="numeric" autoComplete="off" value={g.bsn ?? ''} onChange={(e) => zet('bsn', e.target.value.trim() || null)} />}
        </Veld>
        <Veld label="Doelgroep" naam="doelgroep" fout={fouten.doelgroep}>
          {(p) => (
            <Select {...p} value={g.doelgroep} onChange={(e) => zet('doelgroep', e.target.value)}>
              <SelectOption value="">Kies een doelgroep</SelectOption>
              <LabelOpties labels={DOELGROEP_LABEL} />
            </Select>
          )}
        </Veld>
        <Veld label="Extern id" naam="externId" fout={fouten.externId} beschrijving="Het nummer van de cliënt in het systeem van de toegang (optioneel).">
          {(p) => <Textbox {...p} autoComplete="off" value={g.externId ?? ''} onChange={(e) => zet('externId', e.target.value.trim() || null)} />}
        </Veld>
      </Fieldset>
      <Fieldset>
        <FieldsetLegend>Gemeenten en aanbieder</FieldsetLegend>
        <Veld label="Herkomstgemeente" naam="herkomstgemeenteId" fout={fouten.herkomstgemeenteId} beschrijving="De gemeente waar de cliënt vandaan komt.">
          {(p) => gemeenteKeuze(g.herkomstgemeenteId, (v) => zet('herkomstgemeenteId', v), p, 'Kies een gemeente')}
        </Veld>
        <Veld label="Huidige gemeente" naam="huidigeGemeenteId" fout={fouten.huidigeGemeenteId} beschrijving="Waar de cliënt nu verblijft.">
          {(p) => gemeenteKeuze(g.huidigeGemeenteId ?? '', (v) => zet('huidigeGemeenteId', v || null), p, 'Dezelfde als de herkomstgemeente')}
        </Veld>
        <Veld label="Aanbieder" naam="aanbiederId" fout={fouten.aanbiederId} beschrijving="De zorg- of opvangaanbieder die de begeleiding geeft.">
          {(p) => (
            <Select {...p} value={g.aanbiederId ?? ''} onChange={(e) => zet('aanbiederId', e.target.value || null)}>
              <AanbiederOpties leeg="Nog geen aanbieder" />
            </Select>
          )}
        </Veld>
      </Fieldset>
      <Fieldset aria-describedby="woonwensen-uitleg">
        <FieldsetLegend>Woonwensen</FieldsetLegend>
        <Paragraph id="woonwensen-uitleg" className="beschrijving">
          Gemeenten, kamers en toegankelijkheid gebruikt de matching; een woningcorporatie ziet ze bij de gepseudonimiseerde kandidaat.
        </Paragraph>
        <FormField invalid={!!foutBij(fouten, 'woonwensen.gemeenten')} className="veld">
          <fieldset className="keuzelijst" aria-describedby={foutBij(fouten, 'woonwensen.gemeenten') ? 'wens-gemeenten-fout' : undefined}>
            <legend className="utrecht-form-label">Gewenste gemeenten</legend>
            {foutBij(fouten, 'woonwensen.gemeenten') && (
              <p id="wens-gemeenten-fout" className="utrecht-form-field-error-message">
                {foutBij(fouten, 'woonwensen.gemeenten')}
              </p>
            )}
            {orgs.gemeenten.map((o) => {
              const gekozen = (ww.gemeenten ?? []).includes(o.id);
              return (
                <div key={o.id} className="keuze">
                  <Checkbox
                    id={`wens-${o.id}`}
                    name="wensGemeenten"
                    checked={gekozen}
                    onChange={() => zetWens({ gemeenten: gekozen ? (ww.gemeenten ?? []).filter((x) => x !== o.id) : [...(ww.gemeenten ?? []), o.id] })}
                  />
                  <FormLabel htmlFor={`wens-${o.id}`} type="checkbox">
                    {o.naam}
                  </FormLabel>
                </div>
              );
            })}
          </fieldset>
        </FormField>
        <Veld label="Minimaal aantal kamers" naam="minKamers" fout={foutBij(fouten, 'woonwensen.minKamers')}>
          {(p) => (
            <Select {...p} value={ww.minKamers == null ? '' : String(ww.minKamers)} onChange={(e) => zetWens({ minKamers: e.target.value ? Number(e.target.value) : null })}>
              <SelectOption value="">Geen voorkeur</SelectOption>
              {[1, 2, 3, 4, 5, 6].map((n) => (
                <SelectOption key={n} value={String(n)}>
                  {n}
                </SelectOption>
              ))}
            </Select>
          )}
        </Veld>
        <div className="keuze veld">
          <Checkbox id="wens-toegankelijk" name="toegankelijk" checked={!!ww.toegankelijk} onChange={(e) => zetWens({ toegankelijk: e.target.checked })} />
          <FormLabel htmlFor="wens-toegankelijk" type="checkbox">
            Toegankelijke woning nodig (rolstoel, geen trappen)
          </FormLabel>
        </div>
        <Veld
          label="Bijzonderheden"
          naam="bijzonderheden"
          fout={foutBij(fouten, 'woonwensen.bijzonderheden')}
          beschrijving="Alleen voor toegang en zorg: een woningcorporatie ziet deze tekst niet. Hoogstens 500 tekens."
        >
          {(p) => <Textarea {...p} rows={3} value={ww.bijzonderheden ?? ''} onChange={(e) => zetWens({ bijzonderheden: e.target.value || null })} />}
        </Veld>
      </Fieldset>
      {extra}
      <FormulierVoet knop={knop} bezig={bezig} fout={algemeneFout} onAnnuleer={onAnnuleer} />
    </form>
  );
}

/** The body the server expects: empty optional fields as null, no empty woonwensen object. */
export function alsInvoer(g: ClientGegevens) {
  const ww = g.woonwensen;
  const wensen = ww && (ww.gemeenten?.length || ww.minKamers || ww.toegankelijk || ww.bijzonderheden) ? ww : null;
  return { ...g, huidigeGemeenteId: g.huidigeGemeenteId || null, woonwensen: wensen };
}

/** Messages at the fields, and the rest for above the button. */
export function verdeelFout(e: unknown): { velden: Record<string, string>; algemeen: string | null } {
  const velden: Record<string, string> = {};
  // a phrase ("ligt in de toekomst") becomes a sentence with the field's label: "Geboortedatum ligt in de toekomst"
  if (e instanceof ApiFout && Array.isArray(e.details))
    for (const d of e.details as VeldFout[]) {
      if (!d || typeof d.pad !== 'string' || d.pad in velden) continue;
      velden[d.pad] = /^[a-zà-ÿ]/.test(d.melding) && d.veld && !d.melding.toLowerCase().startsWith(d.veld.toLowerCase()) ? `${d.veld} ${d.melding}` : d.melding;
    }
  return { velden, algemeen: Object.keys(velden).length ? 'Controleer de gemarkeerde velden.' : (e as Error).message };
}

/** Aanmelding of a new client: the client's data, then the aanmelding as the first event of the trajectory. */
export function NieuweClient() {
  const navigate = useNavigate();
  const [dialoog, vraag] = useBevestiging();
  const [datum, zetDatum] = useState(vandaagIso());
  const [woonsituatie, zetWoonsituatie] = useState('');
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const aanmelden = useWijziging(
    async ({ g }: { g: ClientGegevens }) => {
      const client = await api<{ id: string; pseudoniem: string }>('/api/clienten', { method: 'POST', body: alsInvoer(g) });
      try {
        await api(`/api/clienten/${client.id}/events`, { method: 'POST', body: { soort: 'aanmelding', datum, woonsituatie: woonsituatie || null } });
        return { ...client, melding: `Aanmelding van ${g.naam} vastgelegd (${client.pseudoniem}).` };
      } catch (e) {
        // the client exists now: never a second one by submitting again; the dossier offers the aanmelding
        return { ...client, melding: `${g.naam} is vastgelegd (${client.pseudoniem}), maar de aanmelding niet: ${(e as Error).message} Leg de aanmelding hieronder vast.` };
      }
    },
    ['/api/clienten', '/api/wachtlijsten'],
  );
  const verstuur = async (g: ClientGegevens) => {
    zetFouten({});
    zetAlgemeen(null);
    if (!(await vraag({ titel: 'Aanmelding vastleggen?', tekst: `${g.naam || 'De cliënt'} wordt aangemeld per ${nlDatum(datum)}. Daarna volgt de beoordeling in het dossier.`, bevestig: 'Aanmelden' }))) return;
    try {
      const client = await aanmelden.mutateAsync({ g });
      navigate(`/clienten/${client.id}`, { state: { melding: client.melding } });
    } catch (e) {
      const f = verdeelFout(e);
      zetFouten(f.velden);
      zetAlgemeen(f.algemeen);
    }
  };
  return (
    <Pagina titel="Nieuwe aanmelding">
      <Paragraph>Velden met een beschrijving zijn optioneel; naam, geboortedatum, doelgroep en herkomstgemeente zijn nodig.</Paragraph>
      <ClientFormulier
        knop="Aanmelden"
        fouten={fouten}
        algemeneFout={algemeen}
        bezig={aanmelden.isPending}
        onVerstuur={(g) => void verstuur(g)}
        onAnnuleer={() => navigate('/clienten')}
        extra={
          <>
            <Veld label="Datum aanmelding" naam="datum" fout={fouten.datum}>
              {(p) => <DatumInvoer {...p} value={datum} onChange={zetDatum} />}
            </Veld>
            <WoonsituatieVeld waarde={woonsituatie} wijzig={zetWoonsituatie} fout={fouten.woonsituatie} />
          </>
        }
      />
      {dialoog}
    </Pagina>
  );
}
