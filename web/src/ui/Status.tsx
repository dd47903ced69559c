import type { ReactNode } from 'react';
import { Alert, Paragraph } from '@utrecht/component-library-react';

/** The three states every list and dossier has besides its data: loading, error and empty. */
export function Laden({ tekst = 'Laden…' }: { tekst?: string }) {
  return (
    <p role="status" className="laden">
      {tekst}
    </p>
  );
}

export function Fout({ children }: { children: ReactNode }) {
  return (
    <Alert type="error" role="alert">
      <Paragraph>{children}</Paragraph>
    </Alert>
  );
}

export function Gelukt({ children }: { children: ReactNode }) {
  return (
    <Alert type="ok" role="status">
      <Paragraph>{children}</Paragraph>
    </Alert>
  );
}

/**
 * Renders `children(data)` once data is there; until then loading, or the error. With `leeg` and an empty answer
 * (`isLeeg`), that text instead of an empty table.
 */
export function Gegevens<T>({
  data,
  fout,
  leeg,
  isLeeg,
  children,
}: {
  data: T | null | undefined;
  fout: string | null | undefined;
  leeg?: string;
  isLeeg?: (d: T) => boolean;
  children: (d: T) => ReactNode;
}) {
  if (fout) return <Fout>{fout}</Fout>;
  if (data == null) return <Laden />;
  if (leeg && isLeeg?.(data)) return <Paragraph className="leeg">{leeg}</Paragraph>;
  return <>{children(data)}</>;
}
