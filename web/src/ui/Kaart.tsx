import { useId, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { Paragraph } from '@utrecht/component-library-react';
import '@utrecht/card-css/dist/index.css';

/**
 * A landing-page card (NL Design System card): the heading is one link whose accessible name is the title and
 * whose description is the figure and its explanation, so a screen reader says "Open signalen, link, 3, waarvan
 * 1 over de termijn". The whole card is clickable through the link (no nested interactive elements).
 */
export function Kaart({ titel, getal, onder, naar, kopniveau = 2 }: { titel: string; getal: ReactNode; onder?: ReactNode; naar: string; kopniveau?: 2 | 3 }) {
  const id = useId();
  const Kop = kopniveau === 2 ? 'h2' : 'h3';
  return (
    <article className="utrecht-card utrecht-card--link kaart-link">
      <div className="utrecht-card__content">
        <Kop className={`utrecht-card__heading utrecht-heading-${kopniveau}`}>
          <RouterLink to={naar} className="utrecht-link utrecht-link--html-a kaart-link__link" aria-describedby={`${id}-getal ${id}-onder`}>
            {titel}
          </RouterLink>
        </Kop>
        <div className="utrecht-card__body">
          <Paragraph className="kaart-getal" id={`${id}-getal`}>
            {getal}
          </Paragraph>
          <Paragraph id={`${id}-onder`} className="kaart-onder">
            {onder}
          </Paragraph>
        </div>
      </div>
    </article>
  );
}
