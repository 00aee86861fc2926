// The second theme under themes/ (minimal), served with `--theme`: every
// kind of page is valid HTML by the Nu checker and has no axe finding, at
// phone and desktop widths, light and dark.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { axeViolations } from './axe.mjs';
import { launchChromium } from './browser.mjs';
import { startByline } from './byline_server.mjs';
import { errorsIn, validate } from './nu_checker.mjs';

const outputDir = process.env.BYLINE_E2E_OUTPUT ?? new URL('./output', import.meta.url).pathname;
mkdirSync(outputDir, { recursive: true });
const minimalTheme = new URL('../../themes/minimal', import.meta.url).pathname;

const pages = {
  home: '/',
  article: '/president-putin-russia-iran-having-strategic-ties/',
  persian_article: '/putin-rusiye-va-iran-ravabet-rahbordi/',
  page: '/about/',
  author: '/author/emad-askarieh/',
  section: '/section/politics/',
  tag: '/tag/diplomacy/',
  search: '/search?q=iran',
  not_found: '/no-such-story/',
};

describe('the minimal theme', () => {
  let server;
  let browser;
  let folder;
  before(async () => {
    server = await startByline({ args: ['--theme', minimalTheme] });
    browser = await launchChromium();
    folder = mkdtempSync(join(tmpdir(), 'byline-minimal-'));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('renders every kind of page as valid HTML', async () => {
    const files = {};
    for (const [name, path] of Object.entries(pages)) {
      const response = await fetch(server.url + path);
      assert.equal(response.status, name === 'not_found' ? 404 : 200, `${path} answers`);
      const html = await response.text();
      if (name !== 'not_found') assert.match(html, /class="tagline"/, `${path} is the minimal theme's`);
      const file = join(folder, `${name}.html`);
      writeFileSync(file, html);
      files[file] = name;
    }
    assert.deepEqual(errorsIn(validate(Object.keys(files)), files), []);
  });

  for (const colorScheme of ['light', 'dark']) {
    for (const width of [390, 1280]) {
      test(`axe finds nothing on any page at ${width} px, ${colorScheme}`, async () => {
        const context = await browser.newContext({ bypassCSP: true, colorScheme, viewport: { width, height: 900 } });
        const page = await context.newPage();
        for (const [name, path] of Object.entries(pages)) {
          await page.goto(server.url + path);
          assert.deepEqual(await axeViolations(page), [], path);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the viewport`);
          if (name === 'home' || name === 'article') {
            await page.screenshot({ path: join(outputDir, `minimal-${name}-${width}-${colorScheme}.png`) });
          }
        }
        await context.close();
      });
    }
  }
});
