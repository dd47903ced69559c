import { Link } from '@utrecht/component-library-react';

/**
 * A table's download links: CSV and Excel (.xlsx) from the same server export (`format=csv` / `format=xlsx`), both
 * formula-safe. Reading controls (data-leesactie): a lezer may use them. Hidden on paper.
 */
export function Bestanden({ csv, titel }: { csv: string; titel: string }) {
  return (
    <span className="geen-print bestanden">
      <Link href={csv} download data-leesactie>
        CSV<span className="visueel-verborgen"> van {titel}</span>
      </Link>{' '}
      <Link href={csv.replace('format=csv', 'format=xlsx')} download data-leesactie>
        Excel<span className="visueel-verborgen"> van {titel}</span>
      </Link>
    </span>
  );
}
