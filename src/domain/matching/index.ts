/**
 * Publieke ingang van de plaatsingsmotor (puur, synchroon). `exact-highs.ts` staat hier bewust níet in:
 * importeer die los (`./exact-highs.js`) — hij laadt WebAssembly en is asynchroon.
 */
export * from './types.js';
export { matchOptimaal, match, resultaatVoorToewijzing, metLuiVeld, type MotorOpties } from './engine.js';
export { matchGreedy, greedyToewijzing } from './greedy.js';
export {
  objectiefWaarde,
  controleerToewijzing,
  past,
  pastWoningKenmerken,
  gemeenteRang,
  plaatsingsWaarde,
  eerlijkeAandelen,
  STANDAARD_GEWICHTEN,
} from './objectief.js';
export { NetwerkSimplex } from './netwerk-simplex.js';
