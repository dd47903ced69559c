/** 2026-12-01 → 1-12-2026: the Dutch notation people read and type. */
export const nlDatum = (iso: string | null | undefined) => {
  if (!iso) return '—';
  const [j, m, d] = iso.slice(0, 10).split('-');
  return `${Number(d)}-${Number(m)}-${j}`;
};
