/** Previous / next for a list the server pages: shows "a–b van totaal". */
export function Bladeren({ offset, limiet, totaal, zet }: { offset: number; limiet: number; totaal: number; zet: (offset: number) => void }) {
  if (totaal <= limiet && offset === 0) return null;
  return (
    <p className="geen-print">
      <button className="secundair" disabled={offset === 0} onClick={() => zet(Math.max(0, offset - limiet))}>
        Vorige
      </button>{' '}
      {Math.min(offset + 1, totaal)}–{Math.min(offset + limiet, totaal)} van {totaal}{' '}
      <button className="secundair" disabled={offset + limiet >= totaal} onClick={() => zet(offset + limiet)}>
        Volgende
      </button>
    </p>
  );
}
