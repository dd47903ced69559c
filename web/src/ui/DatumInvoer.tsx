import { useEffect, useId, useState } from 'react';
import { Textbox } from '@utrecht/component-library-react';
import { datumInvoer, leesDatum } from '../format';
import type { VeldInvoer } from './Veld';

/**
 * A date typed the Dutch way (dd-mm-jjjj), whatever the language of the browser: a native date field shows
 * mm/dd/yyyy in an English browser. The value stays JJJJ-MM-DD for the API; text that is not a date is passed on
 * as typed, so the form's check (or the server) says so at the field instead of keeping the last good date.
 * Without `value` it keeps its own text and gives the date to a form through a hidden field named `name`.
 */
export function DatumInvoer({
  value,
  onChange,
  autoComplete = 'off',
  ...veld
}: Partial<VeldInvoer> & { value?: string; onChange?: (datum: string) => void; autoComplete?: string }) {
  const hintId = useId();
  const [tekst, zetTekst] = useState(value && leesDatum(value) ? datumInvoer(value) : (value ?? ''));
  useEffect(() => {
    if (value === undefined) return;
    if (value === '' ? tekst.trim() !== '' && leesDatum(tekst) !== null : leesDatum(value) !== null && leesDatum(tekst) !== value) {
      zetTekst(value === '' ? '' : datumInvoer(value));
    }
    // only a new value from outside (a reset, a loaded record) rewrites the text; typing does not
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const uitTekst = (t: string) => (t.trim() === '' ? '' : (leesDatum(t) ?? t));
  const { name, ...invoer } = veld;
  return (
    <>
      <Textbox
        {...invoer}
        aria-describedby={[veld['aria-describedby'], hintId].filter(Boolean).join(' ')}
        inputMode="numeric"
        autoComplete={autoComplete}
        className="datum-invoer"
        value={tekst}
        onChange={(e) => {
          zetTekst(e.target.value);
          onChange?.(uitTekst(e.target.value));
        }}
        onBlur={() => {
          const iso = leesDatum(tekst);
          if (iso) zetTekst(datumInvoer(iso));
        }}
      />
      <span id={hintId} className="klein datum-hint">
        dag-maand-jaar, bijvoorbeeld 02-04-2026
      </span>
      {name && <input type="hidden" name={name} value={uitTekst(tekst)} />}
    </>
  );
}
