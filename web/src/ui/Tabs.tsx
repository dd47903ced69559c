import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface Tab<K extends string> {
  sleutel: K;
  label: ReactNode;
}

/**
 * Real tabs (WAI-ARIA tabs pattern): a tablist of role=tab buttons, one tabpanel labelled by the selected tab.
 * Only the selected tab is in the tab order; arrow keys (and Home/End) move between tabs and select them at once,
 * which suits tabs that are filters on one list.
 */
export function Tabs<K extends string>({
  label,
  tabs,
  gekozen,
  onKies,
  children,
}: {
  /** the tablist's accessible name ("Status") */
  label: string;
  tabs: Tab<K>[];
  gekozen: K;
  onKies: (k: K) => void;
  children: ReactNode;
}) {
  const id = useId();
  const knoppen = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(0, tabs.findIndex((t) => t.sleutel === gekozen));
  const ga = (i: number) => {
    const n = (i + tabs.length) % tabs.length;
    onKies(tabs[n]!.sleutel);
    knoppen.current[n]?.focus();
  };
  const toets = (e: KeyboardEvent) => {
    const stap: Record<string, () => void> = {
      ArrowRight: () => ga(index + 1),
      ArrowLeft: () => ga(index - 1),
      Home: () => ga(0),
      End: () => ga(tabs.length - 1),
    };
    const f = stap[e.key];
    if (f) {
      e.preventDefault();
      f();
    }
  };
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
            aria-selected={i === index}
            aria-controls={`${id}-paneel`}
            tabIndex={i === index ? 0 : -1}
            className={`tab${i === index ? ' tab--gekozen' : ''}`}
            onClick={() => onKies(t.sleutel)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-paneel`} aria-labelledby={`${id}-tab-${tabs[index]?.sleutel}`} className="tabs-paneel">
        {children}
      </div>
    </div>
  );
}
