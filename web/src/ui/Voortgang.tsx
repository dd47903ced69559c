import { getal } from '../format';

/**
 * Realised against promised as a progress bar with an accessible name ("Gerealiseerd: 7 van 12"). A count
 * the server suppressed (null, 1–4 for a woningcorporatie) shows as "<5" without a bar: a bar would reveal it.
 */
export function Voortgang({ gerealiseerd, beloofd, wat = 'Gerealiseerd' }: { gerealiseerd: number | null; beloofd: number; wat?: string }) {
  if (gerealiseerd === null) {
    return (
      <span className="voortgang">
        <span>
          &lt;5 van {getal(beloofd)}
          <span className="visueel-verborgen"> (minder dan vijf; kleine aantallen worden niet getoond)</span>
        </span>
      </span>
    );
  }
  const pct = beloofd > 0 ? Math.min(100, Math.round((gerealiseerd / beloofd) * 100)) : 100;
  const kleur = gerealiseerd >= beloofd ? 'var(--groen)' : pct >= 50 ? 'var(--blauw)' : 'var(--rood)';
  const naam = `${wat}: ${getal(gerealiseerd)} van ${getal(beloofd)}`;
  return (
    <span className="voortgang">
      <span
        className="voortgang-balk"
        role="progressbar"
        aria-label={naam}
        aria-valuemin={0}
        aria-valuemax={Math.max(beloofd, gerealiseerd)}
        aria-valuenow={gerealiseerd}
        aria-valuetext={`${getal(gerealiseerd)} van ${getal(beloofd)}`}
      >
        <span style={{ width: `${pct}%`, background: kleur }} />
      </span>
      <span aria-hidden="true">
        {getal(gerealiseerd)}/{getal(beloofd)}
      </span>
    </span>
  );
}
