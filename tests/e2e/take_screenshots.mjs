// Screenshots of every kind of reader page in both editions, and the
// sign-in page, at a phone's width and a desktop's, light and dark, into
// docs/screenshots/.
// Run by scripts/take-screenshots; not a test.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { launchChromium } from './browser.mjs';
import { startByline } from './byline_server.mjs';

const folder = process.env.SCREENSHOTS ?? new URL('../../docs/screenshots/pages', import.meta.url).pathname;
const pages = [
  ['home', '/'],
  ['article', '/president-putin-russia-iran-having-strategic-ties/'],
  ['article-fa', '/putin-rusiye-va-iran-ravabet-rahbordi/'],
  ['section', '/section/politics/'],
  ['tag', '/tag/diplomacy/'],
  ['author', '/author/emad-askarieh/'],
  ['page', '/about/'],
  ['search', '/search?q=iran'],
  ['not-found', '/no-such-story/'],
  ['sign-in', '/newsroom/sign-in/'],
  // The Persian edition's own pages.
  ['home-fa', '/fa/'],
  ['section-fa', `/fa/section/${encodeURIComponent('سیاست')}/`],
  ['tag-fa', `/fa/tag/${encodeURIComponent('روسیه')}/`],
  ['author-fa', '/fa/author/emad-askarieh/'],
  ['page-fa', '/darbare-ye-ma/'],
  ['search-fa', `/fa/search?q=${encodeURIComponent('قرارداد')}`],
  ['not-found-fa', '/fa/no-such-story/'],
];
const screens = [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1280, height: 900 }],
];

mkdirSync(folder, { recursive: true });
const server = await startByline();
const browser = await launchChromium();
try {
  for (const colorScheme of ['light', 'dark']) {
    for (const [screen, viewport] of screens) {
      const context = await browser.newContext({ viewport, colorScheme });
      const page = await context.newPage();
      for (const [name, path] of pages) {
        await page.goto(server.url + path, { waitUntil: 'networkidle' });
        // The fonts and images in place, as a reader would see them.
        await page.evaluate(() => document.fonts.ready);
        const file = join(folder, `${name}-${screen}-${colorScheme}.jpg`);
        await page.screenshot({ path: file, type: 'jpeg', quality: 80 });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
