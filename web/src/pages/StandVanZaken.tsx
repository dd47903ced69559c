import { useState } from 'react';
import { Button, Heading2, Paragraph, Select, SelectOption, Textarea, Textbox } from '@utrecht/component-library-react';
import { api, ApiFout } from '../api';
import { useApi, useWijziging } from '../hooks';
import { nlDatum } from '../format';
import { Bestanden } from '../ui/Bestanden';
import { Pagina } from '../ui/Pagina';
import { Gegevens, Fout } from '../ui/Status';
import { Tabel } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { useMeld } from '../ui/Melding';
import type { Ik } from '../types';
import { STATUS_LABEL, THEMA_LABEL, UITVOERINGS_STATUSSEN, type Thema, type UitvoeringsStatus } from '../../../src/domain/stand-van-zaken';

interface ThemaRegel {
  thema: Thema;
  status: UitvoeringsStatus | null;
  datum: string | null;
  notitie: string;
}

/** The register of uitvoeringsafspraken of the own region; the centrumgemeente's beheerder keeps it. */
export function StandVanZaken({ ik }: { ik: Ik }) {
  const stand = useApi<{ regio: string; themas: ThemaRegel[] }>('/api/stand-van-zaken');
  const magBijwerken = ik.soort === 'centrumgemeente' && ik.rol === 'beheerder';
  const [bewerk, zetBewerk] = useState<Thema | null>(null);
  return (
    <Pagina titel="Stand van zaken">
      <Paragraph>
        De uitvoeringsafspraken van de regio per thema, zoals ze in de landelijke stand van zaken komen.{' '}
        <Bestanden csv="/api/stand-van-zaken?format=csv" titel="de uitvoeringsafspraken" />
      </Paragraph>
      <Gegevens data={stand.data} fout={stand.fout}>
        {(d) => (
          <>
            <Tabel
              bijschrift={`Uitvoeringsafspraken ${d.regio}`}
              kolommen={[
                { kop: 'Thema', cel: (r: ThemaRegel) => THEMA_LABEL[r.thema] },
                { kop: 'Status', cel: (r: ThemaRegel) => (r.status ? STATUS_LABEL[r.status] : 'Niet ingevuld') },
                { kop: 'Datum', cel: (r: ThemaRegel) => nlDatum(r.datum) },
                { kop: 'Notitie', cel: (r: ThemaRegel) => r.notitie || '—' },
                ...(magBijwerken
                  ? [{ kop: 'Bijwerken', cel: (r: ThemaRegel) => <Button appearance="secondary-action-button" data-actie onClick={() => zetBewerk(r.thema)} aria-label={`${THEMA_LABEL[r.thema]} bijwerken`}>Bijwerken</Button> }]
                  : []),
              ]}
              rijen={d.themas}
              sleutel={(r) => r.thema}
              eenheid="thema's"
            />
            {bewerk && <Bewerk key={bewerk} regel={d.themas.find((t) => t.thema === bewerk)!} klaar={() => zetBewerk(null)} />}
          </>
        )}
      </Gegevens>
    </Pagina>
  );
}

function Bewerk({ regel, klaar }: { regel: ThemaRegel; klaar: () => void }) {
  const meld = useMeld();
  const [status, zetStatus] = useState<UitvoeringsStatus>(regel.status ?? 'in_voorbereiding');
  const [datum, zetDatum] = useState(regel.datum ?? new Date().toISOString().slice(0, 10));
  const [notitie, zetNotitie] = useState(regel.notitie);
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [fout, zetFout] = useState<string | null>(null);
  const opslaan = useWijziging((body: { status: string; datum: string; notitie: string }) => api(`/api/stand-van-zaken/${regel.thema}`, { method: 'PUT', body }), ['/api/stand-van-zaken']);
  return (
    <form
      className="formulier"
      onSubmit={(e) => {
        e.preventDefault();
        zetFout(null);
        opslaan.mutate(
          { status, datum, notitie },
          {
            onSuccess: () => {
              meld(`${THEMA_LABEL[regel.thema]}: status ${STATUS_LABEL[status]} per ${nlDatum(datum)} vastgelegd`);
              klaar();
            },
            onError: (err) => {
              zetFouten(err instanceof ApiFout ? err.veldFouten : {});
              zetFout(err.message);
            },
          },
        );
      }}
    >
      <Heading2>{THEMA_LABEL[regel.thema]} bijwerken</Heading2>
      {fout && <Fout>{fout}</Fout>}
      <Veld label="Status" naam="status" fout={fouten.status}>
        {(invoer) => (
          <Select {...invoer} value={status} onChange={(e) => zetStatus(e.target.value as UitvoeringsStatus)}>
            {UITVOERINGS_STATUSSEN.map((s) => (
              <SelectOption key={s} value={s}>
                {STATUS_LABEL[s]}
              </SelectOption>
            ))}
          </Select>
        )}
      </Veld>
      <Veld label="Datum" naam="datum" fout={fouten.datum} beschrijving="Datum van het besluit of de laatste stap">
        {(invoer) => <Textbox {...invoer} type="date" value={datum} onChange={(e) => zetDatum(e.target.value)} />}
      </Veld>
      <Veld label="Notitie" naam="notitie" fout={fouten.notitie}>
        {(invoer) => <Textarea {...invoer} value={notitie} maxLength={2000} onChange={(e) => zetNotitie(e.target.value)} />}
      </Veld>
      <Button type="submit" appearance="primary-action-button" disabled={opslaan.isPending} data-actie>
        Opslaan
      </Button>{' '}
      <Button appearance="secondary-action-button" onClick={klaar}>
        Annuleren
      </Button>
    </form>
  );
}
