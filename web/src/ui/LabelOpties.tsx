import { SelectOption } from '@utrecht/component-library-react';

/** One option per entry of a label map (value → the word people read), in the map's order. */
export function LabelOpties({ labels }: { labels: Readonly<Record<string, string>> }) {
  return (
    <>
      {Object.entries(labels).map(([w, l]) => (
        <SelectOption key={w} value={w}>
          {l}
        </SelectOption>
      ))}
    </>
  );
}
