export interface Ik {
  gebruikerId: string;
  organisatieId: string;
  regioId: string;
  soort: 'centrumgemeente' | 'regiogemeente' | 'woningcorporatie' | 'aanbieder' | 'landelijk';
  rol: 'beheerder' | 'medewerker_toegang' | 'consulent' | 'alleen_lezen';
  naam: string;
  email: string;
  organisatie: string;
  regio: string;
  csrfToken: string;
  /** MFA step still due for this session; null = complete */
  mfa: 'code' | 'inschrijven' | null;
}
export interface Organisatie {
  id: string;
  naam: string;
  soort: string;
  gemeenteCode: string | null;
}
