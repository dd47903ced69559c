import { SelectOption } from '@utrecht/component-library-react';
import { useOrganisaties } from '../hooks';

/** The gemeenten of the region as options of a Select; `alle` adds a first option without a choice ("Hele regio"). */
export function GemeenteOpties({ alle }: { alle?: string }) {
  const { gemeenten } = useOrganisaties();
  return (
    <>
      {alle !== undefined && <SelectOption value="">{alle}</SelectOption>}
      {gemeenten.map((g) => (
        <SelectOption key={g.id} value={g.id}>
          {g.naam}
        </SelectOption>
      ))}
    </>
  );
}
