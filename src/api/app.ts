import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { authPlugin } from './auth.js';
import { mfaApi } from './mfa.js';
import type { ApiContext } from './context.js';
import { registreerFoutafhandeling } from './fouten.js';
import { registreerInvoercontrole } from './invoer.js';
import { veiligeLogger } from './logboek.js';
import type { Toegang } from './auth.js';
import { organisatiesApi } from './organisaties.js';
import { trajectenApi } from './trajecten.js';
import { signalenApi } from './signalen.js';
import { zrmApi } from './zrm.js';
import { begeleidingenApi } from './begeleidingen.js';
import { matchingApi } from './matching.js';
import { woningenApi } from './woningen.js';
import { monitorApi } from './monitor.js';
import { verdeelmodelApi } from './verdeelmodel.js';
import { grondslagenApi } from './grondslagen.js';
import { betrokkeneApi } from './betrokkene.js';
import { bewaartermijnenApi } from './bewaartermijnen.js';
import { gereedheidApi } from './gereedheid.js';
import { WEB_MAP } from '../paden.js';
import { pgRateLimitStore } from './rate-limit-store.js';
import { importApi } from './importeren.js';
import { landelijkApi } from './landelijk.js';

/** Whether the built web app is there (npm run build); without it / says how to build it instead of a bare 404. */
export const webAppGebouwd = (map = WEB_MAP) => existsSync(join(map, 'index.html'));

export async function bouwApp(ctx: ApiContext, opties: { logger?: FastifyServerOptions['logger']; sessieCacheMs?: number; /** the built web app (tests) */ webMap?: string } = {}) {
  const webDist = opties.webMap ?? WEB_MAP;
  const app = Fastify({ logger: veiligeLogger(opties.logger ?? false), bodyLimit: 5 * 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registreerFoutafhandeling(app);
  registreerInvoercontrole(app);

  // Special-category data: HSTS, no framing, no foreign code, no referrer; one CSP for the web app and /docs
  // (swagger-ui loads only its own scripts; both set inline styles).
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  // API answers are never cached (decided on the matched route, like access)
  app.addHook('onSend', async (req, reply) => {
    if (req.routeOptions.url?.startsWith('/api/') || req.routeOptions.url?.startsWith('/docs')) reply.header('cache-control', 'no-store');
  });

  await app.register(cookie);
  // counters in the database, so every app server on one database counts the same attempts (ADR 0020)
  await app.register(rateLimit, { global: false, store: pgRateLimitStore(ctx.db) });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Doorstroom API', description: 'In-, door- en uitstroom Beschermd Wonen en Maatschappelijke Opvang', version: '0.1.0' },
      components: { securitySchemes: { sessie: { type: 'apiKey', in: 'cookie', name: 'doorstroom_sessie' } } },
    },
    transform: jsonSchemaTransform,
  });
  // the API description (and its UI) is for logged-in users only
  await app.register(
    metToegang({ ingelogd: true }, async (docs) => {
      await docs.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
    }),
  );

  await app.register(authPlugin, { db: ctx.db, sessieCacheMs: opties.sessieCacheMs });
  await app.register(gereedheidApi, ctx);
  await app.register(mfaApi, ctx);
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
  await app.register(importApi, ctx);
  await app.register(zrmApi, ctx);
  await app.register(begeleidingenApi, ctx);
  await app.register(landelijkApi, ctx);

  if (webAppGebouwd(webDist)) {
    // the web app's files are public (the login page is one of them); data only comes through /api
    await app.register(
      metToegang({ publiek: true }, async (web) => {
        await web.register(fastifyStatic, { root: webDist, wildcard: false });
        // SPA: unknown non-API paths get index.html so deep links work
        web.get('/*', { schema: { hide: true } }, (req, reply) => {
          if (req.url.startsWith('/api/')) return reply.code(404).send({ fout: 'Route bestaat niet' });
          return reply.sendFile('index.html');
        });
      }),
    );
  } else {
    await app.register(
      metToegang({ publiek: true }, async (web) => {
        web.get('/', { schema: { hide: true } }, (_req, reply) =>
          reply
            .code(503)
            .type('text/html; charset=utf-8')
            .send(`<!doctype html><html lang="nl"><meta charset="utf-8"><title>Doorstroom</title><h1>De web-app is niet gebouwd</h1><p>De API draait (<code>/api/health</code>), maar <code>dist/web</code> ontbreekt. Bouw de web-app met <code>npm run build</code> en start de server opnieuw.</p></html>`),
        );
      }),
    );
  }
  return app;
}

/** Registers `plugin` in its own scope in which every route gets the access rule `toegang` (see auth.ts). */
function metToegang(toegang: Toegang, plugin: (app: FastifyInstance) => Promise<void>) {
  return async (scope: FastifyInstance) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, toegang };
    });
    await plugin(scope);
  };
}
