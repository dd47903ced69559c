import { useEffect, type ReactNode } from 'react';
import { Heading1 } from '@utrecht/component-library-react';

/**
 * Every page: its `<title>` ("Cliënten · Doorstroom") and one h1 that receives focus after a navigation
 * (`Layout` moves it there), so screen-reader users hear where they landed.
 */
export function Pagina({ titel, acties, children }: { titel: string; acties?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${titel} · Doorstroom`;
  }, [titel]);
  return (
    <section className="pagina" aria-labelledby="pagina-titel">
      <div className="pagina-kop">
        <Heading1 id="pagina-titel" tabIndex={-1}>
          {titel}
        </Heading1>
        {acties && <div className="pagina-acties geen-print">{acties}</div>}
      </div>
      {children}
    </section>
  );
}
