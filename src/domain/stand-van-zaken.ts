/**
 * The register of uitvoeringsafspraken per region (issue 15): the themes of the national "stand van zaken"
 * report, each with a status, a date and a note. Kept by the centrumgemeente, read by the region and nationally.
 */
export const THEMAS = ['visie', 'samenwerking', 'zorglandschap', 'passende_huisvesting', 'verdeelmodel_ingroeipad'] as const;
export type Thema = (typeof THEMAS)[number];
export const THEMA_LABEL: Record<Thema, string> = {
  visie: 'Regionale visie',
  samenwerking: 'Samenwerking tussen gemeenten',
  zorglandschap: 'Zorglandschap',
  passende_huisvesting: 'Passende huisvesting',
  verdeelmodel_ingroeipad: 'Verdeelmodel en ingroeipad',
};

export const UITVOERINGS_STATUSSEN = ['niet_gestart', 'in_voorbereiding', 'vastgesteld', 'in_uitvoering', 'gerealiseerd'] as const;
export type UitvoeringsStatus = (typeof UITVOERINGS_STATUSSEN)[number];
export const STATUS_LABEL: Record<UitvoeringsStatus, string> = {
  niet_gestart: 'Niet gestart',
  in_voorbereiding: 'In voorbereiding',
  vastgesteld: 'Vastgesteld',
  in_uitvoering: 'In uitvoering',
  gerealiseerd: 'Gerealiseerd',
};

/** A note is a short remark for a national report, not a document. */
export const MAX_NOTITIE = 2000;
