import type { ReactNode } from 'react';
import { SelectOption } from '@utrecht/component-library-react';
import { useOrganisaties } from '../hooks';

/** The zorgaanbieders of the region as options of a Select, after a first option without a choice (`leeg`). */
export function AanbiederOpties({ leeg }: { leeg: ReactNode }) {
  const { lijst } = useOrganisaties();
  return (
    <>
      <SelectOption value="">{leeg}</SelectOption>
      {lijst
        .filter((o) => o.soort === 'aanbieder')
        .map((o) => (
          <SelectOption key={o.id} value={o.id}>
            {o.naam}
          </SelectOption>
        ))}
    </>
  );
}
