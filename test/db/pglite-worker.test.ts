import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, openWegwerpDatabase, type Database } from '../../src/db/client.js';
import { startPgliteWorker } from '../../src/db/pglite-worker-verbinding.js';
import { backends, testDatabase, verwachtDbFout } from '../helpers.js';

const rijen = async <T>(p: Promise<unknown>) => ((await p) as { rows: T[] }).rows;

describe('PGlite in een worker thread', () => {
  let database: Database;
  beforeAll(async () => {
    // the tests make their own table: as the owner (the app role may not create tables)
    database = await testDatabase('pglite', { eigenaar: true });
    await database.db.execute(sql`create table proef (id int primary key, tekst text)`);
  });
  afterAll(() => database?.close());

  it('een transactie heeft de database voor zich alleen: een andere query wacht tot de commit', async () => {
    const volgorde: string[] = [];
    const tx = database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into proef values (1, 'in transactie')`);
      volgorde.push('tx schreef');
      await new Promise((r) => setTimeout(r, 300));
      await tx.execute(sql`select id from proef where id = 1 for update`);
      volgorde.push('tx commit');
    });
    await new Promise((r) => setTimeout(r, 50));
    const buiten = rijen<{ n: number }>(database.db.execute(sql`select count(*)::int as n from proef`)).then((r) => {
      volgorde.push('buiten gelezen');
      return r[0]!.n;
    });
    await tx;
    // the outside query did not run inside the open transaction (it would have seen the row before the commit)
    expect(await buiten).toBe(1);
    expect(volgorde).toEqual(['tx schreef', 'tx commit', 'buiten gelezen']);
  });

  it('een fout in een transactie rolt alles terug en laat de verbinding bruikbaar', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into proef values (2, 'teruggedraaid')`);
        await tx.execute(sql`insert into proef values (2, 'dubbel')`);
      }),
    ).rejects.toThrow();
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into proef values (3, 'teruggedraaid')`);
        throw new Error('afgebroken');
      }),
    ).rejects.toThrow('afgebroken');
    await verwachtDbFout(database.db.execute(sql`select * from bestaat_niet`), /bestaat_niet/);
    expect(await rijen<{ id: number }>(database.db.execute(sql`select id from proef order by id`))).toEqual([{ id: 1 }]);
  });

  it('geneste transacties (savepoints) en parameters werken als op PostgreSQL', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into proef values (${10}, ${'buiten'})`);
      await expect(
        tx.transaction(async (binnen) => {
          await binnen.execute(sql`insert into proef values (${11}, ${'binnen'})`);
          throw new Error('alleen het savepoint terug');
        }),
      ).rejects.toThrow();
    });
    expect(await rijen<{ id: number; tekst: string }>(database.db.execute(sql`select id, tekst from proef where id >= 10`))).toEqual([{ id: 10, tekst: 'buiten' }]);
  });

  it('bewaart de data in de datamap op schijf en sluit de worker netjes af', { timeout: 240_000 }, async () => {
    const map = mkdtempSync(join(tmpdir(), 'doorstroom-pglite-'));
    try {
      const eerste = await openDatabase({ dataDir: map, eigenaar: true });
      await eerste.db.execute(sql`create table blijft (x int)`);
      await eerste.db.execute(sql`insert into blijft values (42)`);
      await eerste.close();
      await eerste.close(); // twice is harmless
      const tweede = await openDatabase({ dataDir: map, eigenaar: true });
      expect(await rijen<{ x: number }>(tweede.db.execute(sql`select x from blijft`))).toEqual([{ x: 42 }]);
      await tweede.close();
      expect(process.getActiveResourcesInfo().filter((r) => /Worker|MessagePort/.test(r))).toEqual([]);
    } finally {
      rmSync(map, { recursive: true, force: true });
    }
  });
});

describe('een nieuwe verbinding naar de PGlite-worker', () => {
  it('krijgt een schone sessie: geen open transactie en geen prepared statements van de vorige', { timeout: 240_000 }, async () => {
    const worker = await startPgliteWorker(undefined);
    const verbind = async () => {
      const client = new pg.Client({ user: 'postgres', database: 'postgres', password: 'pglite', stream: () => worker.nieuweVerbinding() });
      await client.connect();
      return client;
    };
    try {
      const eerste = await verbind();
      await eerste.query({ name: 'proef', text: 'select $1::int + 1 as n', values: [1] });
      await eerste.query('begin');
      await eerste.query('create table half (x int)');
      // gone without commit, as a connection destroyed after an error
      eerste.on('error', () => {});
      eerste.connection.stream.destroy();
      await new Promise((r) => setTimeout(r, 50));

      const tweede = await verbind();
      expect((await tweede.query({ name: 'proef', text: 'select $1::int + 1 as n', values: [41] })).rows).toEqual([{ n: 42 }]);
      expect((await tweede.query(`select to_regclass('half') as t`)).rows).toEqual([{ t: null }]);
      await tweede.end();
    } finally {
      await worker.sluit();
    }
  });
});

describe.each(backends)('naVerbinden (%s)', (backend) => {
  it('draait op elke nieuwe verbinding voordat die gebruikt wordt', { timeout: 240_000 }, async () => {
    const database = await openWegwerpDatabase(backend === 'postgres' ? process.env.TEST_DATABASE_URL : undefined, 'doorstroom_test', {
      naVerbinden: async (v) => {
        await v.query(`set application_name = 'doorstroom-proef'`);
      },
    });
    try {
      const [rij] = await rijen<{ application_name: string }>(database.db.execute(sql`show application_name`));
      expect(rij!.application_name).toBe('doorstroom-proef');
    } finally {
      await database.close();
    }
  });
});
