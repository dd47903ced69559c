import type { FastifyInstance } from 'fastify';
import { ONGELDIG_TEKEN_MELDING, veldLabel, zoekOngeldigTeken } from '../domain/invoer.js';
import { ongeldig } from './fouten.js';

/**
 * One check for every route, before its schema runs: no string in the body, query or path parameters may hold
 * a NUL character or a lone surrogate (see domain/invoer). A hook instead of a check per schema, so that a new
 * route or a raw text body (verdeelmodel CSV) cannot miss it; refused with 422 naming the field as the form does.
 */
export function registreerInvoercontrole(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    for (const deel of [req.params, req.query, req.body]) {
      const pad = zoekOngeldigTeken(deel);
      if (pad) throw ongeldig(`${veldLabel(pad)} ${ONGELDIG_TEKEN_MELDING}`, [{ veld: veldLabel(pad), melding: ONGELDIG_TEKEN_MELDING }]);
    }
  });
}
