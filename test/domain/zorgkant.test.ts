import { describe, expect, it } from 'vitest';
import { aanbiederZichtbaar, doorTekst, verbergtAanbieder, ZORGAANBIEDER } from '../../src/domain/zorgkant.js';

const SOORTEN = ['centrumgemeente', 'regiogemeente', 'aanbieder', 'woningcorporatie', 'landelijk'] as const;

describe('wat een woningcorporatie van de zorgkant ziet', () => {
  it('alleen een woningcorporatie ziet "Zorgaanbieder" in plaats van de naam', () => {
    for (const soort of SOORTEN) {
      const kijker = { soort } as Parameters<typeof verbergtAanbieder>[0];
      expect(verbergtAanbieder(kijker)).toBe(soort === 'woningcorporatie');
      expect(aanbiederZichtbaar(kijker, 'Kompas Verslavingszorg')).toBe(soort === 'woningcorporatie' ? ZORGAANBIEDER : 'Kompas Verslavingszorg');
    }
  });

  it('een stap van een aanbiedermedewerker noemt voor een corporatie de persoon en "zorgaanbieder"', () => {
    const corporatie = { soort: 'woningcorporatie' } as const;
    const gemeente = { soort: 'centrumgemeente' } as const;
    const kompas = { naam: 'Kompas Verslavingszorg', soort: 'aanbieder' };
    expect(doorTekst(corporatie, 'Bregje Groen', kompas)).toBe('Bregje Groen (zorgaanbieder)');
    expect(doorTekst(gemeente, 'Bregje Groen', kompas)).toBe('Bregje Groen (Kompas Verslavingszorg)');
    // the corporatie's own people and the gemeente keep their organisation's name
    expect(doorTekst(corporatie, 'Karim van den Berg', { naam: 'De Woonkring', soort: 'woningcorporatie' })).toBe('Karim van den Berg (De Woonkring)');
    expect(doorTekst(corporatie, null, null)).toBe('Systeem (automatische bewaking termijnen)');
  });
});
