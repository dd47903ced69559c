import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { DEMO_TOTP_GEHEIM, DEMO_WACHTWOORD } from '../../src/db/seed.js';
import { totpCode } from '../../src/domain/mfa.js';
import * as s from '../../src/db/schema.js';
import { eventsPerClient } from '../../src/db/repos/clienten.js';
import { beschikbaar, webOmgeving } from './browser.js';


describe.skipIf(!beschikbaar)('dossier: grondslag, inzage en correctie in Chromium', () => {
  const w = webOmgeving();

  it('trekt toestemming in, toont de inzage en maakt een gebeurtenis ongedaan', async () => {
    const clienten = await w.t.database.db.select({ id: s.clienten.id }).from(s.clienten).where(eq(s.clienten.regioId, w.t.regios.rivierland.regioId)).orderBy(asc(s.clienten.pseudoniem));
    const per = await eventsPerClient(w.t.database.db, clienten.map((c) => c.id));
    const [id, lijst] = [...per].find(([, l]) => l.at(-1)?.soort === 'uitstroom' && l.at(-2)?.soort === 'uitstroomklaar')!;
    const page = await w.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const dialogen: string[] = [];
    page.on('dialog', (d) => {
      dialogen.push(d.message());
      void (d.type() === 'prompt' ? d.accept('cliënt trekt toestemming in') : d.accept());
    });
    await page.goto(w.basis);
    await page.fill('input[name=email]', 'toegang@centrumstad.demo');
    await page.fill('input[name=wachtwoord]', DEMO_WACHTWOORD);
    await page.click('button[type=submit]');
    // a care role: the second step with the published demo secret
    await page.fill('input[name=code]', totpCode(DEMO_TOTP_GEHEIM, new Date()));
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=organisatie]');
    await page.goto(`${w.basis}/clienten/${id}`);
    await page.waitForSelector('[data-testid=grondslagen] table');

    // revoke every valid consent for corporaties
    const intrekken = page.locator('[data-testid=grondslagen] tr', { hasText: 'Woningcorporatie' }).locator('button', { hasText: 'Intrekken' });
    // one at a time, each time waiting until the list shows one fewer (the message of the previous one may still stand)
    for (let open = await intrekken.count(); open > 0; open--) {
      await intrekken.first().click();
      await expect.poll(() => intrekken.count(), { timeout: 10_000 }).toBe(open - 1);
    }
    await page.waitForSelector('text=Grondslag ingetrokken.');
    await page.waitForSelector('text=Niet zichtbaar voor corporaties: geen geldige grondslag');

    await page.click('text=Inzage (AVG art. 15)');
    await page.waitForSelector('[data-testid=inzage]');
    expect(await page.textContent('[data-testid=inzage]')).toContain('Wie heeft het dossier ingezien of gewijzigd');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/inzage.png', fullPage: true });
    await page.click('text=← Terug naar het dossier');

    await page.waitForSelector('.tijdlijn li');
    await page.locator('.tijdlijn li').last().locator('button', { hasText: 'Ongedaan maken' }).click();
    await page.fill('form[aria-label="Gebeurtenis ongedaan maken"] input[name=reden]', 'uitstroom bij verkeerde cliënt');
    await page.click('form[aria-label="Gebeurtenis ongedaan maken"] button[type=submit]');
    await page.waitForSelector(`text=Gebeurtenis 'uitstroom' van ${lijst.at(-1)!.datum} is ongedaan gemaakt.`);
    expect(dialogen.some((d) => d.includes('wordt ongedaan gemaakt'))).toBe(true);
    // the dossier is fetched again after the correction: wait for the re-derived state
    await expect.poll(() => page.textContent('main'), { timeout: 10_000 }).toContain('Uitstroomklaar, wacht op woning');
    expect(await page.locator('.tijdlijn li', { hasText: 'vervallen' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/correctie.png', fullPage: true });
    const na = (await eventsPerClient(w.t.database.db, [id])).get(id)!;
    expect(na.at(-1)!.soort).toBe('correctie');
  });
});
