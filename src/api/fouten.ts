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
      // named as the form labels the field ("Geboortedatum ligt in de toekomst"), never as `body.geboortedatum`
      const issues = err.validation.map((v) => {
        const delen = ((v as { instancePath?: string }).instancePath ?? '').split('/').filter(Boolean);
        const veld = veldLabel(delen);
        const extra = (v.params as { params?: { soort?: string; zin?: boolean } } | undefined)?.params;
        // `pad` (the field's key, e.g. "bsn" or "woonwensen.0") lets a form show the message at its own field
        return { veld, pad: delen.join('.'), melding: v.message ?? 'ongeldig', ongeldig: extra?.soort === 'ongeldig', zin: !!extra?.zin };
      });
      const details = issues.map(({ veld, pad, melding }) => ({ veld, pad, melding }));
      const zinnen = issues.map(({ veld, melding, zin }) =>
        zin ? `${veld} ${melding}` : melding.toLowerCase().startsWith(veld.toLowerCase()) ? melding : `${veld}: ${melding}`,
      );
      // a well-formed value out of bounds (a date in the future) is 422, like the domain's refusals
      const status = issues.every((i) => i.ongeldig) ? 422 : 400;
      return reply.code(status).send({ fout: status === 422 ? zinnen.join('; ') : `Ongeldige invoer: ${zinnen.join('; ')}`, details });
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
