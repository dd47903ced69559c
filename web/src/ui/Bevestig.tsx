import { useCallback, useRef, useState, type ReactNode } from 'react';
import { AlertDialog, Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';

interface Vraag {
  titel: string;
  tekst: ReactNode;
  /** the button's verb: "Vastleggen", "Akkoord geven" */
  bevestig: string;
}

/**
 * A confirmation before an irreversible step, as a modal `<dialog>` (the browser traps focus and Escape cancels).
 * `const [dialoog, vraag] = useBevestiging(); if (await vraag({...})) doIt();` and render `dialoog` once, outside any
 * form (its own form's submit must not reach the page's form: React bubbles it through the component tree).
 */
export function useBevestiging(): [ReactNode, (v: Vraag) => Promise<boolean>] {
  const ref = useRef<HTMLDialogElement>(null);
  const [vraag, zetVraag] = useState<Vraag | null>(null);
  const antwoord = useRef<(ja: boolean) => void>(() => {});
  const stel = useCallback((v: Vraag) => {
    zetVraag(v);
    return new Promise<boolean>((klaar) => {
      antwoord.current = klaar;
      // the dialog element exists after this render; open it on the next frame
      requestAnimationFrame(() => ref.current?.showModal());
    });
  }, []);
  const sluit = (ja: boolean) => {
    ref.current?.close();
    antwoord.current(ja);
    antwoord.current = () => {};
    zetVraag(null);
  };
  const dialoog = (
    <AlertDialog ref={ref} type="warning" aria-labelledby="bevestig-titel" onCancel={() => sluit(false)} className="bevestiging">
      {vraag && (
        <form
          method="dialog"
          onSubmit={(e) => {
            // React bubbles submit through the component tree: a dialog rendered inside a form must not submit that form too
            e.preventDefault();
            e.stopPropagation();
            sluit(true);
          }}
        >
          <Heading2 id="bevestig-titel">{vraag.titel}</Heading2>
          <Paragraph>{vraag.tekst}</Paragraph>
          <ButtonGroup>
            <Button appearance="primary-action-button" type="submit">
              {vraag.bevestig}
            </Button>
            <Button appearance="secondary-action-button" type="button" onClick={() => sluit(false)}>
              Annuleren
            </Button>
          </ButtonGroup>
        </form>
      )}
    </AlertDialog>
  );
  return [dialoog, stel];
}
