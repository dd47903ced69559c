import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { authPlugin } from './auth.js';
import type { ApiContext } from './context.js';
import { registreerFoutafhandeling } from './fouten.js';
import { organisatiesApi } from './organisaties.js';
import { trajectenApi } from './trajecten.js';
import { signalenApi } from './signalen.js';
import { matchingApi } from './matching.js';
import { woningenApi } from './woningen.js';
import { monitorApi } from './monitor.js';
import { verdeelmodelApi } from './verdeelmodel.js';
import { grondslagenApi } from './grondslagen.js';
import { betrokkeneApi } from './betrokkene.js';
import { bewaartermijnenApi } from './bewaartermijnen.js';

const webDist = fileURLToPath(new URL('../../dist/web', import.meta.url));

export async function bouwApp(ctx: ApiContext, opties: { logger?: FastifyServerOptions['logger'] } = {}) {
  const app = Fastify({ logger: opties.logger ?? false, bodyLimit: 5 * 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registreerFoutafhandeling(app);

  // Special-category data: API answers are never cached, and pages cannot be framed or load foreign code.
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    else if (!req.url.startsWith('/docs')) {
      reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'");
    }
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Doorstroom API', description: 'In-, door- en uitstroom Beschermd Wonen en Maatschappelijke Opvang', version: '0.1.0' },
      components: { securitySchemes: { sessie: { type: 'apiKey', in: 'cookie', name: 'doorstroom_sessie' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });

  await app.register(authPlugin, { db: ctx.db });
  app.get('/api/health', { config: { toegang: { publiek: true } }, schema: { hide: true } }, async () => ({ ok: true }));
  await app.register(organisatiesApi, ctx);
  await app.register(trajectenApi, ctx);
  await app.register(signalenApi, ctx);
  await app.register(matchingApi, ctx);
  await app.register(woningenApi, ctx);
  await app.register(monitorApi, ctx);
  await app.register(verdeelmodelApi, ctx);
  await app.register(grondslagenApi, ctx);
  await app.register(betrokkeneApi, ctx);
  await app.register(bewaartermijnenApi, ctx);

  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
    // SPA: unknown non-API paths get index.html so deep links work
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.code(404).send({ fout: 'Route bestaat niet' });
      return reply.sendFile('index.html');
    });
  }
  return app;
}
