import type { Page } from 'playwright-core';

/**
 * The convention for controls that act (README, *Web-app*): a control changes data unless it only changes what is
 * shown. Not acting are controls inside a search/filter region (`role="search"`), inside a `nav` (menu, pager),
 * tabs (`role="tab"`), the sort buttons of a table header (`.sorteerknop`), and anything inside or carrying
 * `data-leesactie` (export, print, "details", "terug", a what-if calculation). Controls of one's own account
 * (page Beveiliging) carry `data-eigen-account`. Everything else counts as acting, and should carry `data-actie`:
 * so a page that forgets the convention shows up here as acting, instead of slipping through.
 */
export async function handelendeBedieningen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nietHandelend = '[role=search], nav, [role=tablist], [data-leesactie], [data-eigen-account], dialog:not([open])';
    const bedieningen = document.querySelectorAll<HTMLElement>(
      'main button, main input:not([type=hidden]), main select, main textarea, main [role=button], main [contenteditable=true], main [data-actie]',
    );
    return [...bedieningen]
      .filter((b) => b.matches('[data-actie]') || !(b.closest(nietHandelend) || b.classList.contains('sorteerknop') || b.getAttribute('role') === 'tab'))
      .map((b) => {
        const naam = b.getAttribute('aria-label') || b.textContent?.trim() || (b as HTMLInputElement).labels?.[0]?.textContent?.trim() || b.getAttribute('name') || '';
        return `${b.tagName.toLowerCase()}${b.hasAttribute('data-actie') ? '[data-actie]' : ''} "${naam.slice(0, 60)}"`;
      });
  });
}

/** Nine digits standing alone (a BSN), in the visible text of the page. */
export async function zichtbareBsns(page: Page): Promise<string[]> {
  const tekst = await page.locator('main').innerText();
  return [...tekst.matchAll(/(?<![\d-])\d{9}(?![\d-])/g)].map((m) => m[0]);
}

/**
 * Like `naarMenu`, but reports instead of failing when the focus does not reach the page's h1 (pages that are not
 * on `<Pagina>` yet): returns the new path and whether the focus landed on `#pagina-titel`.
 */
export async function kiesMenu(page: Page, titel: string): Promise<{ pad: string; focusOpKop: boolean }> {
  const knop = page.getByRole('button', { name: 'Menu' });
  if (await knop.isVisible()) await knop.click();
  const link = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: new RegExp(`^${titel}`) });
  const doel = new URL((await link.evaluate((a) => (a as HTMLAnchorElement).href)) as string).pathname;
  await link.click();
  await page.waitForURL((u) => u.pathname === doel);
  let focusOpKop = false;
  for (let i = 0; i < 20 && !focusOpKop; i++) {
    focusOpKop = (await page.evaluate(() => document.activeElement?.id)) === 'pagina-titel';
    if (!focusOpKop) await page.waitForTimeout(100);
  }
  return { pad: doel.split('/')[1]!, focusOpKop };
}
