import { useState, type FormEvent } from 'react';
import { Button, Heading2, Paragraph, Select, Textbox } from '@utrecht/component-library-react';
import { api } from '../api';
import { useApi, useWijziging } from '../hooks';
import { euroUitCenten, leesGetal } from '../format';
import { Tabel, type Kolom } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { Fout, Gegevens } from '../ui/Status';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';
import { verdeelFout } from './NieuweClient';
import { LabelOpties } from '../ui/LabelOpties';
import { FormulierVoet } from '../ui/FormulierVoet';

interface Schuld {
  id: string;
  schuldeiser: string;
  bedragCenten: number;
  regeling: string;
  status: string;
}

const STATUS: Record<string, string> = { open: 'Open', regeling_getroffen: 'Regeling getroffen', afgelost: 'Afgelost' };

/**
 * Old rent debts and other debts of one client. Corporations never see this list, only whether everything is
 * "geregeld" (see the candidates and matching views). Amounts are typed and shown in Dutch notation (1.250,50).
 */
export function Schulden({ clientId, magSchrijven }: { clientId: string; magSchrijven: boolean }) {
  const pad = `/api/clienten/${clientId}/schulden`;
  const { data, fout } = useApi<{ geregeld: boolean; schulden: Schuld[] }>(pad);
  const meld = useMeld();
  const [dialoog, vraag] = useBevestiging();
  const [statusFout, zetStatusFout] = useState<string | null>(null);
  const wijzig = useWijziging(({ id, body, method }: { id: string; body?: unknown; method: string }) => api(`/api/schulden/${id}`, { method, body }), [pad, '/api/kandidaten']);
  const zetStatus = async (s: Schuld, status: string) => {
    zetStatusFout(null);
    if (!(await vraag({ titel: 'Status wijzigen?', tekst: `De schuld bij ${s.schuldeiser} krijgt de status "${STATUS[status]}".`, bevestig: 'Status wijzigen' }))) return;
    try {
      await wijzig.mutateAsync({ id: s.id, method: 'PATCH', body: { status } });
      meld(`Schuld bij ${s.schuldeiser}: status is nu "${STATUS[status]}".`);
    } catch (e) {
      zetStatusFout((e as Error).message);
    }
  };
  const verwijder = async (s: Schuld) => {
    zetStatusFout(null);
    if (!(await vraag({ titel: 'Schuld verwijderen?', tekst: `De schuld bij ${s.schuldeiser} (${euroUitCenten(s.bedragCenten)}) wordt verwijderd. Doe dit alleen als ze verkeerd is ingevoerd.`, bevestig: 'Verwijderen' }))) return;
    try {
      await wijzig.mutateAsync({ id: s.id, method: 'DELETE' });
      meld(`Schuld bij ${s.schuldeiser} verwijderd.`);
    } catch (e) {
      zetStatusFout((e as Error).message);
    }
  };
  const kolommen: Kolom<Schuld>[] = [
    { kop: 'Schuldeiser', cel: (s) => s.schuldeiser },
    { kop: 'Bedrag', getal: true, cel: (s) => euroUitCenten(s.bedragCenten) },
    { kop: 'Regeling', cel: (s) => s.regeling },
    {
      kop: 'Status',
      cel: (s) =>
        magSchrijven ? (
          <Select aria-label={`Status van de schuld bij ${s.schuldeiser}`} value={s.status} onChange={(e) => void zetStatus(s, e.target.value)}>
            <LabelOpties labels={STATUS} />
          </Select>
        ) : (
          STATUS[s.status]
        ),
    },
    ...(magSchrijven
      ? [{ kop: <span className="visueel-verborgen">Acties</span>, cel: (s: Schuld) => <Button appearance="secondary-action-button" onClick={() => void verwijder(s)} aria-label={`Schuld bij ${s.schuldeiser} verwijderen`}>Verwijderen</Button> }]
      : []),
  ];
  return (
    <section aria-labelledby="kop-schulden" className="dossier-deel">
      <Heading2 id="kop-schulden">Oude huurschulden en andere schulden</Heading2>
      <Gegevens data={data} fout={fout}>
        {(d) => (
          <>
            <Paragraph>
              Alles geregeld: <strong>{d.geregeld ? 'ja, geregeld' : 'nee, niet geregeld'}</strong>. Een corporatie ziet alleen dit antwoord, niet de schulden.
            </Paragraph>
            {d.schulden.length === 0 ? (
              <Paragraph className="leeg">Geen schulden bekend.</Paragraph>
            ) : (
              <Tabel bijschrift="Schulden" kolommen={kolommen} rijen={d.schulden} sleutel={(s) => s.id} eenheid="schulden" />
            )}
            {statusFout && <Fout>{statusFout}</Fout>}
          </>
        )}
      </Gegevens>
      {magSchrijven && <NieuweSchuld pad={pad} />}
      {dialoog}
    </section>
  );
}

function NieuweSchuld({ pad }: { pad: string }) {
  const meld = useMeld();
  const [versie, zetVersie] = useState(0);
  const [schuldeiser, zetSchuldeiser] = useState('');
  const [bedrag, zetBedrag] = useState('');
  const [regeling, zetRegeling] = useState('');
  const [status, zetStatus] = useState('open');
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const vastleggen = useWijziging((body: unknown) => api(pad, { method: 'POST', body }), [pad, '/api/kandidaten']);
  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    zetFouten({});
    zetAlgemeen(null);
    const euro = leesGetal(bedrag);
    if (euro === null || euro < 0) return zetFouten({ bedrag: 'Bedrag is geen geldig bedrag; typ het zoals 1.250,50' });
    const centen = Math.round(euro * 100);
    if (Math.abs(euro * 100 - centen) > 1e-6) return zetFouten({ bedrag: 'Bedrag heeft hoogstens twee cijfers achter de komma' });
    try {
      await vastleggen.mutateAsync({ schuldeiser, bedragCenten: centen, regeling, status });
      meld(`Schuld bij ${schuldeiser.trim()} van ${euroUitCenten(centen)} vastgelegd.`);
      zetSchuldeiser('');
      zetBedrag('');
      zetRegeling('');
      zetStatus('open');
      zetVersie((v) => v + 1);
    } catch (err) {
      const f = verdeelFout(err);
      const { bedragCenten, ...rest } = f.velden;
      zetFouten(bedragCenten ? { ...rest, bedrag: bedragCenten } : rest);
      zetAlgemeen(f.algemeen);
    }
  };
  return (
    <form key={versie} className="kaart geen-print" onSubmit={(e) => void verstuur(e)} noValidate aria-label="Schuld vastleggen">
      <div className="velden">
        <Veld label="Schuldeiser" naam="schuldeiser" fout={fouten.schuldeiser}>
          {(p) => <Textbox {...p} value={schuldeiser} onChange={(e) => zetSchuldeiser(e.target.value)} />}
        </Veld>
        <Veld label="Bedrag (€)" naam="bedrag" fout={fouten.bedrag} beschrijving="Bijvoorbeeld 1.250,50">
          {(p) => <Textbox {...p} inputMode="decimal" value={bedrag} onChange={(e) => zetBedrag(e.target.value)} />}
        </Veld>
        <Veld label="Regeling" naam="regeling" fout={fouten.regeling}>
          {(p) => <Textbox {...p} value={regeling} onChange={(e) => zetRegeling(e.target.value)} />}
        </Veld>
        <Veld label="Status" naam="status" fout={fouten.status}>
          {(p) => (
            <Select {...p} value={status} onChange={(e) => zetStatus(e.target.value)}>
              <LabelOpties labels={STATUS} />
            </Select>
          )}
        </Veld>
      </div>
      <FormulierVoet knop="Schuld vastleggen" bezig={vastleggen.isPending} fout={algemeen} />
    </form>
  );
}
