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
    const bevestig = async (knop: string) => {
      await page.locator('dialog[open]').getByRole('button', { name: knop }).click();
      await page.locator('dialog[open]').waitFor({ state: 'detached' });
    };

    // revoke every valid consent for corporaties, each with a reason and a confirmation
    const intrekken = page.locator('[data-testid=grondslagen] tr', { hasText: 'Woningcorporatie' }).getByRole('button', { name: /intrekken/ });
    for (let open = await intrekken.count(); open > 0; open--) {
      await intrekken.first().click();
      const form = page.locator('form[aria-labelledby=kop-intrekken]');
      await form.getByLabel('Reden').fill('cliënt trekt toestemming in');
      await form.getByRole('button', { name: 'Intrekken' }).click();
      await bevestig('Intrekken');
      await expect.poll(() => intrekken.count(), { timeout: 10_000 }).toBe(open - 1);
    }
    await expect.poll(() => page.getByTestId('melding').textContent()).toContain('ingetrokken');
    await page.waitForSelector('text=Niet zichtbaar voor corporaties: geen geldige grondslag');

    await page.getByRole('link', { name: 'Inzage (AVG art. 15)' }).click();
    await page.waitForSelector('[data-testid=inzage]');
    expect(await page.textContent('[data-testid=inzage]')).toContain('Wie heeft het dossier ingezien of gewijzigd');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/inzage.png', fullPage: true });
    await page.getByRole('link', { name: '← Terug naar het dossier' }).click();

    await page.waitForSelector('.tijdlijn li');
    await page.locator('.tijdlijn li:not(.vervallen):not(.correctie)').last().getByRole('button', { name: /ongedaan maken/ }).click();
    const form = page.locator('form.correctie-formulier');
    await form.getByLabel('Reden').fill('uitstroom bij verkeerde cliënt');
    await form.getByRole('button', { name: 'Ongedaan maken' }).click();
    await bevestig('Ongedaan maken');
    const [j, m, d] = lijst.at(-1)!.datum.split('-');
    await expect.poll(() => page.getByTestId('melding').textContent(), { timeout: 10_000 }).toContain(`Uitstroom van ${Number(d)}-${Number(m)}-${j} is ongedaan gemaakt.`);
    // the dossier is fetched again after the correction: wait for the re-derived state
    await expect.poll(() => page.textContent('main'), { timeout: 10_000 }).toContain('Uitstroomklaar, wacht op woning');
    expect(await page.locator('.tijdlijn li', { hasText: 'vervallen' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/correctie.png', fullPage: true });
    const na = (await eventsPerClient(w.t.database.db, [id])).get(id)!;
    expect(na.at(-1)!.soort).toBe('correctie');
  });
});
