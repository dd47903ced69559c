import { describe, it } from 'vitest';
import { beschikbaar, webOmgeving } from './browser.js';
import { inloggen } from './reis.js';
describe.skipIf(!beschikbaar)('probe', () => {
  const w = webOmgeving();
  it('probe', async () => {
    const { page } = await inloggen(w.browser, w.basis, 'beheer@centrumstad.demo');
    const info = await page.evaluate(() => {
      const el = document.elementFromPoint(600, 5) as HTMLElement;
      const h = document.querySelector('.utrecht-page-header') as HTMLElement;
      const chain = [];
      for (let e: HTMLElement | null = h; e; e = e.parentElement) { const cs = getComputedStyle(e); chain.push(`${e.tagName}.${e.className} mt=${cs.marginTop} pt=${cs.paddingTop} top=${e.getBoundingClientRect().top}`); }
      const sk = document.querySelector('.utrecht-skip-link') as HTMLElement; const cs = getComputedStyle(sk);
      const kids = [...document.body.children, ...document.getElementById('root')!.children].map((e) => { const c = getComputedStyle(e); return `${e.tagName}.${e.className} pos=${c.position} disp=${c.display} mt=${c.marginTop} mb=${c.marginBottom} h=${e.getBoundingClientRect().height}`; });
      const pHtml = document.querySelector('#root > p')?.outerHTML;
      return { pHtml, kids, el: el?.tagName + '.' + el?.className, chain, skip: `${cs.position} ${cs.display} ${sk.getBoundingClientRect().height}` };
    });
    console.log(JSON.stringify(info, null, 1));
    await page.screenshot({ path: '/tmp/wb/probe.png' });
  }, 60000);
});
