import { createContext, useContext } from 'react';
import type { Ik } from './types';

/** The signed-in user, for every page below the layout. */
export const IkContext = createContext<Ik | null>(null);
export function useIk(): Ik {
  const ik = useContext(IkContext);
  if (!ik) throw new Error('useIk buiten de ingelogde omgeving');
  return ik;
}

/** Roles that may only read: pages hide every control that acts. */
export const alleenLezen = (ik: Ik) => ik.rol === 'alleen_lezen';
export const isZorg = (ik: Ik) => ik.soort !== 'woningcorporatie' && ik.soort !== 'landelijk';
