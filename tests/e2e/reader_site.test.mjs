// What a reader sees, in a real browser: the article page at phone and
// desktop widths, with and without JavaScript, the space pages keep, the
// search page, and accessibility (axe-core).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { axeViolations } from './axe.mjs';
import { launchChromium } from './browser.mjs';
import { startByline } from './byline_server.mjs';
const outputDir = process.env.BYLINE_E2E_OUTPUT ?? new URL('./output', import.meta.url).pathname;
mkdirSync(outputDir, { recursive: true });

const articlePath = '/president-putin-russia-iran-having-strategic-ties/';

describe('reader site in chromium', () => {
  let server;
  let browser;

  before(async () => {
    server = await startByline();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const width of [1280, 390]) {
    test(`the article page reads well at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const response = await page.goto(server.url + articlePath);
      assert.equal(response.status(), 200);

      const headline = page.getByRole('heading', { level: 1 });
      assert.equal(await headline.innerText(), 'President Putin: Russia, Iran having strategic ties');
      assert.ok(await headline.isVisible());
      assert.match(await page.locator('.article-body').innerText(), /Velayati, for his part voiced his pleasure/);
      assert.match(await page.locator('.author-box').innerText(), /Emad Askarieh has worked as a journalist since 2002/);
      assert.equal(await page.locator('.author-box .author-name').innerText(), 'Published by Emad Askarieh');

      const recent = page.locator('.recent-item');
      assert.equal(await recent.count(), 6);
      assert.equal(await recent.nth(0).locator('time').innerText(), '4 hours ago');
      assert.equal(await recent.nth(5).locator('time').innerText(), '1 day ago');

      // Nothing sticks out sideways: no horizontal scrolling on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);

      await page.screenshot({ path: join(outputDir, `article-${width}.png`), fullPage: true });
      await page.close();
    });
  }

  test('the article page works without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + articlePath);
    assert.match(await page.locator('.article-body').innerText(), /Moscow and Tehran are having strategic relations/);
    const copy = page.getByRole('link', { name: 'Copy link' });
    assert.equal(await copy.getAttribute('href'), server.url + articlePath);
    await page.getByRole('link', { name: 'Emad Askarieh' }).first().click();
    await page.waitForURL(server.url + '/author/emad-askarieh/');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Emad Askarieh');
    await context.close();
  });

  test('"Copy link" copies the article address', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    await page.goto(server.url + articlePath);
    await page.getByRole('link', { name: 'Copy link' }).click();
    await page.getByText('Link copied.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), server.url + articlePath);
    await context.close();
  });

  test('a reader pages from the home page to older articles', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + '/');
    await page.getByRole('link', { name: 'Older →' }).click();
    await page.waitForURL(server.url + '/page/2/');
    assert.ok(await page.locator('.card').count() > 0);
    await page.getByRole('link', { name: '← Newer' }).click();
    await page.waitForURL(server.url + '/');
    await page.screenshot({ path: join(outputDir, 'home-1280.png'), fullPage: true });
    await page.close();
  });

  test('pages keep their space: room under the header, the footer at the bottom of a short page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const path of ['/', articlePath, '/section/world/', '/author/emad-askarieh/']) {
      await page.goto(server.url + path);
      const gap = await page.evaluate(() =>
        document.querySelector('main > *').getBoundingClientRect().top -
        document.querySelector('.site-header').getBoundingClientRect().bottom);
      assert.ok(gap >= 24, `${path}: the first thing in main is ${gap}px under the header`);
    }
    await page.goto(server.url + '/no-such-page/');
    const below = await page.evaluate(() =>
      window.innerHeight - document.querySelector('.site-footer').getBoundingClientRect().bottom);
    assert.equal(below, 0, 'nothing under the footer of a short page');
    await page.close();
  });

  test('on a phone the header is compact, and its menu and search open without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(server.url + '/');
    const header = await page.locator('.site-header').boundingBox();
    assert.ok(header.height <= 844 * 0.1, `the header is ${header.height}px of 844`);
    const sections = page.getByRole('navigation', { name: 'Sections' });
    assert.equal(await sections.isVisible(), false, 'the sections wait behind Menu');
    await page.getByText('Menu', { exact: true }).click();
    assert.ok(await sections.isVisible());
    await sections.getByRole('link', { name: 'World' }).click();
    await page.waitForURL(server.url + '/section/world/');

    await page.locator('summary', { hasText: 'Search' }).click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `with Search open the page is ${overflow}px wider than the phone`);
    const panel = await page.locator('.site-search').boundingBox();
    assert.ok(panel.x >= 0 && panel.x + panel.width <= 390, 'the search panel is on the screen');
    const field = page.getByRole('searchbox', { name: 'Search the site' });
    await field.fill('oil');
    await field.press('Enter');
    await page.waitForURL(server.url + '/search?q=oil');
    assert.ok(await page.locator('.search-results .card').count() > 0);
    await context.close();
  });

  test('axe-core finds no accessibility violations on a phone, with the menu and search open', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(server.url + '/');
    assert.deepEqual(await axeViolations(page), []);
    await page.getByText('Menu', { exact: true }).click();
    await page.locator('summary', { hasText: 'Search' }).click();
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: join(outputDir, 'home-390-menu.png') });
    await context.close();
  });

  test('on a desktop the sections and the search button share the header line', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url + '/');
    const title = await page.locator('.site-title').boundingBox();
    const nav = await page.getByRole('navigation', { name: 'Sections' }).boundingBox();
    const search = await page.locator('.header-search summary').boundingBox();
    assert.ok(Math.abs(nav.y + nav.height / 2 - (title.y + title.height / 2)) < 12, 'one line');
    assert.ok(search.x > nav.x + nav.width, 'search comes after the sections');
    assert.ok(search.x + search.width > 1280 - 120, 'at the end of the line');
    await page.locator('.header-search summary').click();
    // The details element tells of its opening in a task of its own.
    await page.waitForFunction(() => document.activeElement?.id === 'site-search-q');
    await page.close();
  });

  test("a section's own page does not name the section on every card", async () => {
    const page = await browser.newPage();
    await page.goto(server.url + '/section/world/');
    assert.ok(await page.locator('.card').count() > 0);
    assert.equal(await page.locator('.card .kicker').count(), 0);
    await page.goto(server.url + '/');
    assert.ok(await page.locator('.card .kicker').count() > 0, 'the front page still names them');
    await page.close();
  });

  test('a story shows its standfirst, a sized and credited featured image, and its author twice', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url + articlePath);
    assert.equal(await page.locator('.article-header .standfirst').innerText(),
      'Meeting Ali Akbar Velayati in Moscow, the Russian president calls for cooperation between the two countries to grow in every field.');

    const image = page.locator('.featured-image img');
    assert.equal(await image.getAttribute('alt'), 'Wooden rowing boats drawn up on a lake shore under a sunset sky');
    assert.equal(await image.getAttribute('width'), '1600');
    assert.equal(await image.getAttribute('height'), '900');
    assert.equal(await image.getAttribute('loading'), null, 'the story\'s own image is not lazy');
    assert.equal(await image.getAttribute('fetchpriority'), 'high');
    const srcset = await image.getAttribute('srcset');
    for (const width of [400, 800, 1200, 1600]) assert.match(srcset, new RegExp(`-${width}\\.webp ${width}w`));
    await page.waitForFunction(() => document.querySelector('.featured-image img').complete);
    assert.match(await image.evaluate((img) => img.currentSrc), /-(800|1200|1600)\.webp$/, 'a wide variant on a wide screen');
    assert.ok(await image.evaluate((img) => img.naturalWidth) > 0);
    assert.match(await page.locator('.featured-image figcaption').innerText(), /^Photo: Ian Hex/);

    // The byline at the top and the box at the foot; nowhere else.
    assert.equal(await page.locator('article a[href="/author/emad-askarieh/"]').count(), 2);
    await page.close();
  });

  test('a Persian story reads Persian from header to footer, right to left, and axe finds nothing', async () => {
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(server.url + '/putin-rusiye-va-iran-ravabet-rahbordi/');
      assert.equal(await page.locator('html').getAttribute('lang'), 'fa');
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'پوتین: روسیه و ایران روابط راهبردی دارند');
      assert.equal((await page.locator('.author-box .published-by').innerText()).trim(), 'منتشرشده به قلم');
      assert.equal(await page.locator('#recent-heading').innerText(), 'تازه‌ترین نوشته‌ها');
      assert.equal(await page.locator('.share-heading').innerText(), 'هم‌رسانی');
      // Its Recent Posts are the Persian edition's, their times in Persian digits.
      const first = page.locator('.recent-item').first();
      assert.equal(await first.locator('h3').getAttribute('lang'), null);
      assert.match(await first.locator('h3').innerText(), /[\u0600-\u06FF]/);
      assert.match(await first.locator('time').innerText(), /^[۰-۹]+ (ساعت|دقیقه|روز) پیش$/);
      assert.equal(await page.locator('.featured-image img').getAttribute('alt'),
        'قایق‌های پارویی چوبی در ساحل دریاچه، زیر آسمان غروب');
      // The masthead is the Persian edition's, linking to the English one.
      assert.equal(await page.locator('.site-title').innerText(), 'روزنامه‌ی بایلاین');
      assert.equal(await page.locator('.site-title').getAttribute('href'), '/fa/');
      assert.equal(await page.locator('.edition-link a').getAttribute('hreflang'), 'en');
      // Right to left: the headline starts at the right edge of its column.
      const headline = await page.getByRole('heading', { level: 1 }).boundingBox();
      const column = await page.locator('.article').boundingBox();
      assert.ok(Math.abs(headline.x + headline.width - (column.x + column.width)) < 2, 'set from the right');
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0);
      assert.deepEqual(await axeViolations(page), []);
      await page.screenshot({ path: join(outputDir, `article-fa-${width}.png`), fullPage: true });
      await page.close();
    }
  });

  test('a desktop fetches the lead image wide on the front page only, and a section\'s first card at its own width', async () => {
    // Each in a browser of its own: one that has an image's wider file
    // already shows that one.
    const firstImage = async (path) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
      await page.goto(server.url + path);
      await page.waitForFunction(() => document.querySelector('.card-image img')?.complete);
      const chosen = await page.locator('.card-image img').first().evaluate((img) => img.currentSrc);
      await page.close();
      return chosen;
    };
    assert.match(await firstImage('/'), /-800\.webp$/, 'the lead, two columns wide');
    assert.match(await firstImage('/section/world/'), /-400\.webp$/, 'one column of three');
  });

  test('the front page loads its lead image at once and the others as the reader scrolls, each with its size', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(server.url + '/');
    const images = page.locator('.card-image img');
    assert.ok(await images.count() >= 6, 'the demo has pictures');
    assert.equal(await images.first().getAttribute('fetchpriority'), 'high');
    assert.equal(await images.first().getAttribute('loading'), null);
    await page.waitForFunction(() => document.querySelector('.card-image img').complete);
    assert.ok(await images.first().evaluate((img) => img.naturalWidth) > 0);
    for (let i = 1; i < await images.count(); ++i) {
      assert.equal(await images.nth(i).getAttribute('loading'), 'lazy', `image ${i}`);
    }
    for (let i = 0; i < await images.count(); ++i) {
      assert.equal(await images.nth(i).getAttribute('width'), '1600', `image ${i}`);
      assert.equal(await images.nth(i).getAttribute('height'), '900', `image ${i}`);
    }
    // Scrolled to, the last one arrives.
    await images.last().scrollIntoViewIfNeeded();
    await page.waitForFunction(() => [...document.querySelectorAll('.card-image img')].at(-1).complete);
    assert.ok(await images.last().evaluate((img) => img.naturalWidth) > 0);
    await page.close();
  });

  test("dark mode follows the system, and the reader's switch is remembered without a cookie", async () => {
    const context = await browser.newContext({ bypassCSP: true, colorScheme: 'dark' });
    const page = await context.newPage();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.goto(server.url + articlePath);
    assert.equal(await background(), 'rgb(20, 20, 19)', 'dark, as the system asks');
    assert.deepEqual(await axeViolations(page), [], 'colours keep their contrast in the dark');
    await page.screenshot({ path: join(outputDir, 'article-1280-dark.png'), fullPage: true });
    for (const path of ['/', '/search?q=oil', '/no-such-page/', '/fa/', '/putin-rusiye-va-iran-ravabet-rahbordi/']) {
      await page.goto(server.url + path);
      assert.deepEqual(await axeViolations(page), [], `${path} in the dark`);
    }
    await page.goto(server.url + articlePath);

    const toggle = page.getByRole('button', { name: 'Dark theme' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await toggle.click();
    assert.equal(await background(), 'rgb(255, 255, 255)');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await page.goto(server.url + '/');
    assert.equal(await background(), 'rgb(255, 255, 255)', 'the choice holds on the next page');
    assert.equal(await page.evaluate(() => localStorage.getItem('byline-color-scheme')), 'light');
    assert.deepEqual(await context.cookies(), [], 'no cookie');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.reload();
    assert.equal(await background(), 'rgb(20, 20, 19)');
    await context.close();

    const withoutScript = await browser.newContext({ javaScriptEnabled: false, colorScheme: 'dark' });
    const plain = await withoutScript.newPage();
    await plain.goto(server.url + '/');
    assert.equal(await plain.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(20, 20, 19)');
    assert.equal(await plain.getByRole('button', { name: 'Dark theme' }).count(), 0,
      'no switch that could not work');
    await withoutScript.close();
  });

  test("the theme's own fonts come from the site, preloaded once and kept a year", async () => {
    const page = await browser.newPage();
    const elsewhere = [];
    const fonts = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) elsewhere.push(request.url());
      if (request.resourceType() === 'font') fonts.push(request.url());
    });
    const cacheControl = new Map();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'font') cacheControl.set(response.url(), response.headers()['cache-control']);
    });
    await page.goto(server.url + articlePath);
    await page.evaluate(() => document.fonts.ready);
    const loaded = await page.evaluate(() =>
      [...document.fonts].filter((face) => face.status === 'loaded').map((face) => `${face.family} ${face.weight}`));
    assert.ok(loaded.includes('Noto Serif 400') && loaded.includes('Noto Serif 700'), loaded.join(', '));
    assert.deepEqual(elsewhere, [], 'nothing from another site');
    assert.equal(new Set(fonts).size, fonts.length, 'each font fetched once: the preload is the one the page uses');
    assert.ok(fonts.every((url) => /\/assets\/fonts\/noto-serif-[a-z]+\.[0-9a-f]{10}\.woff2$/.test(url)), fonts.join(' '));
    for (const url of fonts) assert.equal(cacheControl.get(url), 'public, max-age=31536000, immutable');
    // Its link to the Persian version, فارسی, is set in the system's font:
    // an English story fetches no Arabic font.
    assert.ok(!fonts.some((url) => url.includes('naskh')), fonts.join(' '));

    // The Persian story does (a fresh context: nothing cached from before).
    const context = await browser.newContext();
    const persian = await context.newPage();
    const persianFonts = [];
    persian.on('request', (request) => { if (request.resourceType() === 'font') persianFonts.push(request.url()); });
    await persian.goto(server.url + '/putin-rusiye-va-iran-ravabet-rahbordi/');
    await persian.evaluate(() => document.fonts.ready);
    assert.ok(persianFonts.some((url) => url.includes('noto-naskh-arabic-regular')), persianFonts.join(' '));
    assert.equal(new Set(persianFonts).size, persianFonts.length, 'its Arabic-script fonts are preloaded and fetched once');
    await context.close();
    assert.equal((await page.request.get(server.url + '/assets/fonts/LICENSE.txt')).status(), 200);
    await page.close();
  });

  test('the skip link shows whole when focused', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + articlePath);
    await page.keyboard.press('Tab');
    const box = await page.locator('.skip-link').boundingBox();
    assert.ok(box.y >= 5, `the skip link starts ${box.y}px from the top, its outline cut off`);
    await page.close();
  });

  test('the search page has one search form, and its results link their authors', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(server.url + '/search?q=oil');
    assert.equal(await page.getByRole('search').count(), 1);
    const author = page.locator('.search-results .card-meta a').first();
    assert.match(await author.getAttribute('href'), /^\/author\/[a-z-]+\/$/);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  // The site's own pages and the Persian edition's.
  const persianPages = ['/fa/', `/fa/section/${encodeURIComponent('سیاست')}/`,
    '/fa/author/emad-askarieh/', `/fa/tag/${encodeURIComponent('روسیه')}/`, '/darbare-ye-ma/',
    `/fa/search?q=${encodeURIComponent('قرارداد')}`, '/fa/no-such-page/'];
  for (const path of ['/', articlePath, '/author/emad-askarieh/', '/no-such-page/', ...persianPages]) {
    test(`axe-core finds no accessibility violations on ${path}`, async () => {
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.goto(server.url + path);
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }
});
