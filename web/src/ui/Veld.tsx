import { useId, type ReactNode } from 'react';
import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel } from '@utrecht/component-library-react';

export interface VeldInvoer {
  id: string;
  name: string;
  invalid: boolean;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/**
 * A labelled form field with its description and its own error message (WCAG 3.3.1: the error is next to the
 * field and named by it). `children` receives the props for the input so label, description and error are wired.
 */
export function Veld({
  label,
  naam,
  fout,
  beschrijving,
  meldDirect,
  children,
}: {
  label: ReactNode;
  naam: string;
  fout?: string | null;
  beschrijving?: ReactNode;
  /** a form with one field (a code): its error is also announced at once (role=alert) */
  meldDirect?: boolean;
  children: (invoer: VeldInvoer) => ReactNode;
}) {
  const id = useId();
  const beschrijvingId = beschrijving ? `${id}-beschrijving` : undefined;
  const foutId = fout ? `${id}-fout` : undefined;
  return (
    <FormField invalid={!!fout} className="veld">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {beschrijving && <FormFieldDescription id={beschrijvingId}>{beschrijving}</FormFieldDescription>}
      {fout && <FormFieldErrorMessage id={foutId} role={meldDirect ? 'alert' : undefined}>{fout}</FormFieldErrorMessage>}
      <div className="utrecht-form-field__input">
        {children({ id, name: naam, invalid: !!fout, 'aria-invalid': !!fout, 'aria-describedby': [foutId, beschrijvingId].filter(Boolean).join(' ') || undefined })}
      </div>
    </FormField>
  );
}
