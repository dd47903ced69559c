/** Verdeelmodel Beschermd Wonen: objectieve verdeling, ingroeipad, what-if en CSV-invoer (pure functies). */
export * from './types.js';
export * from './afronding.js';
export * from './objectief.js';
export * from './ingroeipad.js';
export * from './vergelijk.js';
export * from './csv.js';
