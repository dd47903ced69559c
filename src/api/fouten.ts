import type { FastifyError, FastifyInstance } from 'fastify';
import { DomeinFout, type FoutSoort } from '../domain/fouten.js';
import { veldLabel } from '../domain/invoer.js';

// handlers throw the same helpers as the domain and the repositories
export { conflict, geweigerd, nietGevonden, ongeldig } from '../domain/fouten.js';

const HTTP_STATUS: Record<FoutSoort, number> = { ongeldig: 422, geweigerd: 403, niet_gevonden: 404, conflict: 409 };

export function registreerFoutafhandeling(app: FastifyInstance) {
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ fout: `Route ${req.method} ${req.url.split('?')[0]} bestaat niet` });
  });
  app.setErrorHandler((err: FastifyError & { details?: unknown }, req, reply) => {
    if (err instanceof DomeinFout) {
      return reply.code(HTTP_STATUS[err.soort]).send({ fout: err.message, ...(err.details ? { details: err.details } : {}) });
    }
    if (err.validation) {
      // named as the form labels the field ("Geboortedatum"), never as `body.geboortedatum`
      const details = err.validation.map((v) => ({
        veld: veldLabel(((v as { instancePath?: string }).instancePath ?? '').split('/').filter(Boolean)),
        melding: v.message,
      }));
      // a value that is well-formed but out of bounds (a date in the future) is 422 like the domain's refusals
      const status = err.validation.every((v) => (v.params as { params?: { soort?: string } } | undefined)?.params?.soort === 'ongeldig') ? 422 : 400;
      return reply.code(status).send({ fout: `Ongeldige invoer: ${details.map((d) => `${d.veld}: ${d.melding}`).join('; ')}`, details });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
      return reply.code(400).send({ fout: 'Ongeldige JSON in de aanvraag' });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ fout: err.message });
    }
    req.log.error({ err }, 'onverwachte fout');
    return reply.code(500).send({ fout: 'Interne fout; de beheerder is op de hoogte gebracht' });
  });
}
