import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface Tab {
  sleutel: string;
  titel: string;
  inhoud: () => ReactNode;
}

/**
 * Real tabs (WAI-ARIA tabs pattern): a tablist of tab buttons, one tabpanel; arrow keys, Home and End move
 * between tabs and activate them, only the active tab is in the tab order. Only the active panel renders, so
 * a tab loads its data when it is opened. The caller keeps the active key (e.g. in the URL).
 */
export function Tabs({ label, tabs, actief, onKies }: { label: string; tabs: Tab[]; actief: string; onKies: (sleutel: string) => void }) {
  const id = useId();
  const knoppen = useRef<(HTMLButtonElement | null)[]>([]);
  const huidige = Math.max(0, tabs.findIndex((t) => t.sleutel === actief));
  const ga = (i: number) => {
    const n = (i + tabs.length) % tabs.length;
    onKies(tabs[n]!.sleutel);
    knoppen.current[n]?.focus();
  };
  const toets = (e: KeyboardEvent) => {
    const naar = { ArrowRight: huidige + 1, ArrowLeft: huidige - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (naar === undefined) return;
    e.preventDefault();
    ga(naar);
  };
  const tab = tabs[huidige]!;
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tabs-lijst" onKeyDown={toets}>
        {tabs.map((t, i) => (
          <button
            key={t.sleutel}
            ref={(el) => {
              knoppen.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${t.sleutel}`}
            aria-selected={i === huidige}
            aria-controls={`${id}-paneel`}
            tabIndex={i === huidige ? 0 : -1}
            className="tabs-tab"
            onClick={() => onKies(t.sleutel)}
          >
            {t.titel}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-paneel`} aria-labelledby={`${id}-tab-${tab.sleutel}`} tabIndex={0} className="tabs-paneel">
        {tab.inhoud()}
      </div>
    </div>
  );
}
