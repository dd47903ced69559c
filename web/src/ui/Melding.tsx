import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { Alert, Paragraph } from '@utrecht/component-library-react';

type Meld = (tekst: string) => void;
const MeldContext = createContext<Meld>(() => {});

/**
 * The visible result of a step ("Sleuteloverdracht vastgelegd"): one live region at the top of the content, so
 * screen readers announce it too. It stays until the next message or the next page.
 */
export function MeldingGebied({ children }: { children: ReactNode }) {
  const [tekst, zetTekst] = useState<string | null>(null);
  const [teller, zetTeller] = useState(0);
  const { pathname } = useLocation();
  const vorigPad = useRef(pathname);
  useEffect(() => {
    if (vorigPad.current !== pathname) zetTekst(null);
    vorigPad.current = pathname;
  }, [pathname]);
  const meld = useCallback<Meld>((t) => {
    zetTekst(t);
    zetTeller((n) => n + 1);
  }, []);
  return (
    <MeldContext.Provider value={meld}>
      <div aria-live="polite" className="melding-gebied">
        {tekst && (
          <Alert type="ok" key={teller} data-testid="melding">
            <Paragraph>{tekst}</Paragraph>
          </Alert>
        )}
      </div>
      {children}
    </MeldContext.Provider>
  );
}

export const useMeld = () => useContext(MeldContext);
