import type { FastifyError, FastifyInstance } from 'fastify';
import { TrajectFout } from '../domain/trajecten.js';

/** Errors the domain and repositories throw; the handler below turns them into HTTP answers. */
export class HttpFout extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
export const nietGevonden = (wat: string) => new HttpFout(404, `${wat} niet gevonden`);
export const geweigerd = (waarom = 'Geen toegang') => new HttpFout(403, waarom);
export const conflict = (waarom: string, details?: unknown) => new HttpFout(409, waarom, details);
export const ongeldig = (waarom: string, details?: unknown) => new HttpFout(422, waarom, details);

export function registreerFoutafhandeling(app: FastifyInstance) {
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ fout: `Route ${req.method} ${req.url.split('?')[0]} bestaat niet` });
  });
  app.setErrorHandler((err: FastifyError & { details?: unknown }, req, reply) => {
    if (err instanceof HttpFout) {
      return reply.code(err.statusCode).send({ fout: err.message, ...(err.details ? { details: err.details } : {}) });
    }
    if (err instanceof TrajectFout) return reply.code(422).send({ fout: err.message });
    if (err.validation) {
      const details = err.validation.map((v) => ({
        veld: [err.validationContext, ...(((v as { instancePath?: string }).instancePath ?? '').split('/').filter(Boolean))].join('.'),
        melding: v.message,
      }));
      return reply.code(400).send({ fout: `Ongeldige invoer: ${details.map((d) => `${d.veld} ${d.melding}`).join('; ')}`, details });
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
