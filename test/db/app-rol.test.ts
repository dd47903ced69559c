import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import { APP_ROL } from '../../src/db/app-rol.js';
import { backends, seedTestRegios, testDatabase, verwachtDbFout } from '../helpers.js';

const rijen = async <T>(database: Database, q: ReturnType<typeof sql>) => ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;

describe.each(backends)('databaserol van de app op %s', (backend) => {
  let app: Database;
  beforeAll(async () => {
    app = await testDatabase(backend);
    await seedTestRegios(app, 20);
  });
  afterAll(() => app.close());

  it('de app werkt als doorstroom_app, niet als eigenaar, ook op elke nieuwe verbinding', async () => {
    // several at once: on PostgreSQL the pool opens new connections for them, each must start as the app role
    const wie = await Promise.all(Array.from({ length: 6 }, () => rijen<{ rol: string }>(app, sql`select current_user as rol, pg_sleep(0.05)`)));
    for (const [r] of wie) expect(r!.rol).toBe(APP_ROL);
  });

  it('kan append-only tabellen niet legen, wijzigen, ontkoppelen van triggers of verwijderen', async () => {
    await verwachtDbFout(app.db.execute(sql`TRUNCATE traject_events`), /permission denied|append-only/);
    await verwachtDbFout(app.db.execute(sql`TRUNCATE audit_log`), /permission denied|append-only/);
    await verwachtDbFout(app.db.execute(sql`ALTER TABLE traject_events DISABLE TRIGGER ALL`), /must be owner/);
    await verwachtDbFout(app.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`), /must be owner/);
    await verwachtDbFout(app.db.execute(sql`DELETE FROM audit_log`), /permission denied/);
    await verwachtDbFout(app.db.execute(sql`UPDATE traject_events SET datum = datum`), /permission denied/);
    await verwachtDbFout(app.db.execute(sql`DELETE FROM signaal_stappen`), /permission denied/);
    await verwachtDbFout(app.db.execute(sql`DROP TABLE clienten CASCADE`), /must be owner/);
    const [{ n }] = (await rijen<{ n: number }>(app, sql`select count(*)::int as n from traject_events`)) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
  });

  it('leest en schrijft wat het werk vraagt: gewone tabellen volledig, append-only tabellen alleen aanvullen', async () => {
    const [regio] = await rijen<{ id: string }>(app, sql`insert into regios (naam) values ('Rolregio') returning id`);
    await app.db.execute(sql`update regios set naam = 'Rolregio 2' where id = ${regio!.id}`);
    await app.db.execute(sql`insert into audit_log (gebruiker_id, organisatie_id, regio_id, actie, entiteit, doel) values (gen_random_uuid(), gen_random_uuid(), ${regio!.id}, 'lezen', 'test', 'beheer')`);
    await app.db.execute(sql`delete from regios where id = ${regio!.id}`);
  });
});

describe.each(backends)('append-only als eigenaar op %s', (backend) => {
  let eigenaar: Database;
  beforeAll(async () => {
    eigenaar = await testDatabase(backend, { eigenaar: true });
    await seedTestRegios(eigenaar, 20);
  });
  afterAll(() => eigenaar.close());

  it('ook de eigenaar kan traject_events en audit_log niet legen (TRUNCATE-trigger)', async () => {
    await verwachtDbFout(eigenaar.db.execute(sql`TRUNCATE traject_events CASCADE`), /traject_events is append-only \(TRUNCATE geweigerd\)/);
    await verwachtDbFout(eigenaar.db.execute(sql`TRUNCATE audit_log`), /audit_log is append-only \(TRUNCATE geweigerd\)/);
    await verwachtDbFout(eigenaar.db.execute(sql`DELETE FROM traject_events`), /append-only/);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('productie-opzet op PostgreSQL: de app logt in als eigen LOGIN-rol', () => {
  const server = process.env.TEST_DATABASE_URL!;
  const rol = `doorstroom_web_${Math.random().toString(36).slice(2, 8)}`;
  const opServer = async (opdracht: string, url = server) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(opdracht);
    } finally {
      await c.end();
    }
  };
  let naam = '';
  let app: Database | null = null;
  beforeAll(async () => {
    naam = `doorstroom_test_${rol}`;
    await opServer(`CREATE DATABASE ${naam}`);
    // the roles exist cluster-wide; the app role itself comes from the migration
    await opServer(`DO $$ BEGIN CREATE ROLE doorstroom_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await opServer(`CREATE ROLE ${rol} LOGIN IN ROLE doorstroom_app`);
  });
  afterAll(async () => {
    await app?.close();
    await opServer(`DROP DATABASE IF EXISTS ${naam} WITH (FORCE)`);
    await opServer(`DROP ROLE IF EXISTS ${rol}`);
  });

  it('migraties over DATABASE_MIGRATIE_URL als eigenaar; de app kan ook na SET ROLE NONE niets legen of ontkoppelen', async () => {
    const eigenaar = new URL(server);
    eigenaar.pathname = `/${naam}`;
    const web = new URL(eigenaar);
    web.username = rol;
    app = await openDatabase({ url: web.toString(), migratieUrl: eigenaar.toString() });
    // RESET ROLE returns to the role of the startup option; SET ROLE NONE to the login role itself
    await app.db.execute(sql`RESET ROLE`);
    const [na] = await rijen<{ rol: string }>(app, sql`select current_user as rol`);
    expect(na!.rol).toBe('doorstroom_app');
    await app.db.execute(sql`SET ROLE NONE`);
    const [wie] = await rijen<{ rol: string }>(app, sql`select current_user as rol`);
    expect(wie!.rol).toBe(rol);
    await app.db.execute(sql`insert into regios (naam) values ('Webregio')`);
    await verwachtDbFout(app.db.execute(sql`TRUNCATE traject_events`), /permission denied/);
    await verwachtDbFout(app.db.execute(sql`ALTER TABLE traject_events DISABLE TRIGGER ALL`), /must be owner/);
    await verwachtDbFout(app.db.execute(sql`DELETE FROM audit_log`), /permission denied/);
  });
});
