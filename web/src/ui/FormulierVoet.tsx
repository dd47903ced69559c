import type { ReactNode } from 'react';
import { Button, ButtonGroup } from '@utrecht/component-library-react';
import { Fout } from './Status';

/**
 * The foot of a form: the error that belongs to no field (the fields show their own), the submit button and, where
 * the form can be left without saving, Annuleren. The button is busy and disabled while the request runs, so a
 * second click does not send it twice.
 */
export function FormulierVoet({ knop, bezig, fout, onAnnuleer }: { knop: ReactNode; bezig: boolean; fout?: string | null; onAnnuleer?: () => void }) {
  return (
    <>
      {fout && <Fout>{fout}</Fout>}
      <ButtonGroup>
        <Button appearance="primary-action-button" type="submit" busy={bezig} disabled={bezig}>
          {knop}
        </Button>
        {onAnnuleer && (
          <Button appearance="secondary-action-button" type="button" onClick={onAnnuleer}>
            Annuleren
          </Button>
        )}
      </ButtonGroup>
    </>
  );
}
