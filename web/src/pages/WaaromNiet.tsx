import { useState } from 'react';
import { Button, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useApi } from '../hooks';
import { Fout, Laden } from '../ui/Status';

interface WaaromNietAntwoord {
  doetMee: boolean;
  beleidVersie: number | null;
  deelname: { reden: string; tekst: string }[];
  samenvatting: { reden: string; tekst: string }[];
  labels: Record<string, string>;
}

/**
 * "Waarom niet gematcht?" on the dossier (issue 14 item 8): computed on request, because it runs the round's
 * calculation for the whole region. Compact: one line per gemeente or type with the same reason.
 */
export function WaaromNiet({ clientId }: { clientId: string }) {
  const [open, zetOpen] = useState(false);
  return (
    <section aria-labelledby="kop-waarom-niet" className="dossier-deel waarom-niet" data-testid="waarom-niet">
      <Heading2 id="kop-waarom-niet">Waarom niet gematcht?</Heading2>
      {!open ? (
        <>
          <Paragraph>Per woningtype en gemeente de regel die deze cliënt nu uitsluit, berekend zoals een matchingronde van vandaag. Er wordt niets opgeslagen.</Paragraph>
          <Button appearance="secondary-action-button" data-leesactie onClick={() => zetOpen(true)}>
            Bereken waarom niet
          </Button>
        </>
      ) : (
        <Uitleg clientId={clientId} />
      )}
    </section>
  );
}

function Uitleg({ clientId }: { clientId: string }) {
  const { data, fout, laden } = useApi<WaaromNietAntwoord>(`/api/clienten/${clientId}/waarom-niet`);
  if (laden) return <Laden tekst="Ronde doorrekenen…" />;
  if (fout || !data) return <Fout>{fout ?? 'Geen gegevens'}</Fout>;
  const geplaatst = data.samenvatting.find((s) => s.reden === 'geplaatst');
  return (
    <>
      <Paragraph>
        Onder {data.beleidVersie ? `prioriteringsbeleid versie ${data.beleidVersie}` : 'het standaardbeleid'}.{' '}
        {geplaatst ? 'In een ronde van vandaag krijgt deze cliënt een voorstel.' : data.doetMee ? 'Deze cliënt doet mee, maar krijgt in een ronde van vandaag geen voorstel.' : 'Deze cliënt doet nu niet mee aan een ronde:'}
      </Paragraph>
      {data.deelname.length > 0 && (
        <UnorderedList data-testid="waarom-niet-deelname">
          {data.deelname.map((d) => (
            <UnorderedListItem key={d.reden}>{d.tekst}</UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      <UnorderedList className="waarom-niet-lijst" data-testid="waarom-niet-lijst">
        {data.samenvatting.map((s, i) => (
          <UnorderedListItem key={i}>
            <strong>{data.labels[s.reden] ?? s.reden}:</strong> {s.tekst}
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </>
  );
}
