// The publishing workflow in a real browser, person by person: an admin adds
// a journalist, who writes a story in the rich-text editor and sends it for
// review; an editor publishes it and readers see it at once; a contributor
// cannot publish, in the page or over HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { axeViolations } from './axe.mjs';
import { launchChromium } from './browser.mjs';
import { startByline } from './byline_server.mjs';
import { makePng } from './images.mjs';

const outputDir = process.env.BYLINE_E2E_OUTPUT ?? new URL('./output', import.meta.url).pathname;
mkdirSync(outputDir, { recursive: true });

const password = 'a long enough secret';
const owner = { email: 'olga@example.com', name: 'Olga Owner', role: 'admin', password };
const editor = { email: 'eddie@example.com', name: 'Eddie Editor', role: 'editor', password };
const contributor = { email: 'carla@example.com', name: 'Carla Contributor', role: 'contributor', password };

describe('publishing workflow in chromium', () => {
  let server;
  let browser;

  before(async () => {
    server = await startByline({ users: [owner, editor, contributor] });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(person, options = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    // What the editor's script threw or logged, for the test log: without it
    // a surface that never mounts leaves only a timeout to go on.
    page.on('pageerror', (error) => console.error(`[page error] ${page.url()}: ${error.stack ?? error}`));
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`[console error] ${page.url()}: ${message.text()}`);
    });
    await page.goto(server.url + '/newsroom/sign-in/');
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(server.url + '/newsroom/');
    return { context, page };
  }

  test('a story goes from a new journalist to the front page', async () => {
    // The admin adds a journalist.
    const admin = await signIn(owner);
    await admin.page.getByRole('link', { name: 'Staff' }).click();
    await admin.page.getByLabel('Name, as it appears in bylines').fill('Jana Journalist');
    await admin.page.getByLabel('Email').fill('jana@example.com');
    await admin.page.getByLabel('Role', { exact: true }).selectOption('author');
    await admin.page.getByLabel('First password').fill('her first password');
    await admin.page.getByRole('button', { name: 'Add person' }).click();
    await admin.page.getByText('Added Jana Journalist as author.').waitFor();
    await admin.context.close();

    // She writes with Markdown shortcuts and the toolbar, and sends it for review.
    const jana = await signIn({ email: 'jana@example.com', password: 'her first password' });
    await jana.page.getByRole('link', { name: 'New post' }).click();
    // The rich editor replaces the plain textarea once its script has run; a
    // click aimed before that would wait on the hidden textarea for ever.
    await jana.page.locator('.rich-surface').waitFor();
    await jana.page.getByLabel('Headline', { exact: true }).fill('Tehran hosts regional water summit');
    const story = jana.page.getByRole('textbox', { name: 'Story', exact: true });
    await story.click();
    await jana.page.keyboard.type('## What was agreed');
    await jana.page.keyboard.press('Enter');
    await jana.page.keyboard.type('Ministers from six countries signed a ');
    await jana.page.keyboard.press('Control+b');
    await jana.page.keyboard.type('water-sharing accord');
    await jana.page.keyboard.press('Control+b');
    await jana.page.keyboard.type(' on Tuesday.');
    await jana.page.keyboard.press('Enter');
    await jana.page.keyboard.type('> We will share what we have.');
    await jana.page.keyboard.press('Enter');
    await jana.page.keyboard.press('Enter');

    // A pasted YouTube address becomes a link card.
    await jana.page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'https://www.youtube.com/watch?v=summit2026');
      document.querySelector('.rich-surface').dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });

    // An image from her computer, with alt text and a caption.
    jana.page.once('dialog', (dialog) => dialog.accept('Delegates at the summit table'));
    await jana.page.locator('.rich-editor input[type="file"]').setInputFiles({
      name: 'summit.png', mimeType: 'image/png', buffer: makePng(1200, 700),
    });
    await jana.page.getByText('Image added. Type its caption under it.').waitFor();
    await jana.page.keyboard.type('The summit opened in Tehran on Tuesday.');
    await jana.page.evaluate(() => window.scrollTo(0, 0));
    await jana.page.screenshot({ path: join(outputDir, 'newsroom-editor.png') });
    // Authors publish their own; she wants an editor's eye first.
    await jana.page.getByRole('button', { name: 'Send for review' }).click();
    await jana.page.getByText('Saved.').waitFor();
    const body = await jana.page.locator('textarea[name="body"]').inputValue();
    assert.match(body, /<h2>What was agreed<\/h2>/);
    assert.match(body, /<strong>water-sharing accord<\/strong>/);
    assert.match(body, /<blockquote><p>We will share what we have\.<\/p><\/blockquote>/);
    assert.match(body, /<figure><img src="\/media\/[^"]+\.webp" srcset="[^"]+ 400w, [^"]+ 1200w" alt="Delegates at the summit table"/);
    assert.match(body, /<figcaption>The summit opened in Tehran on Tuesday\.<\/figcaption><\/figure>/);
    assert.match(body, /<p class="embed"><a href="https:\/\/www\.youtube\.com\/watch\?v=summit2026">Watch on YouTube · youtube\.com\/watch\?v=summit2026<\/a><\/p>/);
    assert.equal(await jana.page.locator('.post-state .status').innerText(), 'review');
    await jana.context.close();

    let reader = await browser.newPage();
    assert.equal((await reader.goto(server.url + '/tehran-hosts-regional-water-summit/')).status(), 404);

    // An editor publishes it.
    const eddie = await signIn(editor);
    await eddie.page.getByRole('combobox', { name: 'Status' }).selectOption('review');
    await eddie.page.getByRole('button', { name: 'Filter' }).click();
    await eddie.page.getByRole('link', { name: 'Tehran hosts regional water summit' }).click();
    await eddie.page.getByRole('button', { name: 'Publish', exact: true }).click();
    await eddie.page.getByText('Saved.').waitFor();
    assert.equal(await eddie.page.locator('.post-state .status').innerText(), 'published');
    await eddie.context.close();

    // Readers see it at once, on the front page and at its address.
    await reader.goto(server.url + '/');
    assert.equal(await reader.locator('.card-title').first().innerText(), 'Tehran hosts regional water summit');
    await reader.getByRole('link', { name: 'Tehran hosts regional water summit' }).click();
    assert.equal(await reader.locator('.article-body h2').innerText(), 'What was agreed');
    assert.equal(await reader.locator('.author-box .author-name').innerText(), 'Published by Jana Journalist');
    const photo = reader.locator('.article-body figure img');
    assert.equal(await photo.getAttribute('alt'), 'Delegates at the summit table');
    await photo.scrollIntoViewIfNeeded();
    await reader.waitForFunction(() => document.querySelector('.article-body figure img').complete);
    assert.ok(await photo.evaluate((img) => img.naturalWidth) >= 400, 'the image loads');
    assert.equal(await reader.locator('.article-body figcaption').innerText(), 'The summit opened in Tehran on Tuesday.');
    assert.match(await reader.locator('.article-body p.embed a').innerText(), /^Watch on YouTube/);
    await reader.close();
  });

  test('a contributor cannot publish, in the page or over HTTP', async () => {
    const carla = await signIn(contributor);
    await carla.page.getByRole('link', { name: 'New post' }).click();
    assert.equal(await carla.page.getByRole('button', { name: 'Publish', exact: true }).count(), 0);
    await carla.page.getByLabel('Headline', { exact: true }).fill('Carla tries to publish');
    await carla.page.getByRole('button', { name: 'Save draft' }).click();
    await carla.page.getByText('Saved.').waitFor();

    // The same form, sent by hand with intent=publish, is refused by the server.
    const status = await carla.page.evaluate(async () => {
      const form = document.querySelector('form.editor');
      const fields = new URLSearchParams(new FormData(form));
      fields.set('intent', 'publish');
      const response = await fetch(form.action, { method: 'POST', body: fields });
      return response.status;
    });
    assert.equal(status, 403);
    const reader = await browser.newPage();
    assert.equal((await reader.goto(server.url + '/carla-tries-to-publish/')).status(), 404);
    await reader.close();

    // Signing out ends the session.
    await carla.page.getByRole('button', { name: 'Sign out' }).click();
    await carla.page.waitForURL(server.url + '/newsroom/sign-in/');
    await carla.page.goto(server.url + '/newsroom/posts/new/');
    assert.equal(new URL(carla.page.url()).pathname, '/newsroom/sign-in/');
    await carla.context.close();
  });

  // The story test above uploaded the image this one picks.
  test('an image uploaded once can be picked from the library again', async () => {
    const eddie = await signIn(editor);
    await eddie.page.goto(server.url + '/newsroom/posts/new/');
    await eddie.page.locator('.rich-surface').waitFor();
    await eddie.page.getByRole('textbox', { name: 'Story', exact: true }).click();
    await eddie.page.getByRole('button', { name: 'From library' }).click();
    const picker = eddie.page.getByRole('dialog', { name: 'Media library' });
    await picker.getByRole('button', { name: 'Delegates at the summit table' }).click();
    await eddie.page.getByText('Image added. Type its caption under it.').waitFor();
    assert.match(await eddie.page.locator('textarea[name="body"]').inputValue(),
      /<figure><img src="\/media\/[^"]+" [^>]*alt="Delegates at the summit table"/);
    await eddie.context.close();
  });

  test('a new draft is saved automatically and becomes its own page', async () => {
    const eddie = await signIn(editor);
    await eddie.page.goto(server.url + '/newsroom/posts/new/');
    await eddie.page.locator('.rich-surface').waitFor();
    await eddie.page.getByLabel('Headline', { exact: true }).fill('Notes from the press room');
    await eddie.page.getByRole('textbox', { name: 'Story', exact: true }).click();
    await eddie.page.keyboard.type('First notes.');
    await eddie.page.evaluate(() => window.bylineAutosave()); // the timer's job, without the wait
    await eddie.page.getByText(/Draft saved at/).waitFor();
    assert.match(new URL(eddie.page.url()).pathname, /^\/newsroom\/posts\/\d+\/$/);
    await eddie.page.reload();
    assert.equal(await eddie.page.getByLabel('Headline', { exact: true }).inputValue(), 'Notes from the press room');
    assert.match(await eddie.page.locator('textarea[name="body"]').inputValue(), /First notes\./);
    await eddie.context.close();
  });

  test('a Persian story is written right to left, from the moment its language is set', async () => {
    const eddie = await signIn(editor, { bypassCSP: true });
    const { page } = eddie;
    await page.goto(server.url + '/newsroom/posts/new/');
    const surface = page.locator('.rich-surface');
    await surface.waitFor();
    const directions = () => page.evaluate(() => Object.fromEntries(
      ['#title', '.rich-surface', '#excerpt', '#featured_image_alt', '#seo_title', 'textarea[name="body"]']
        .map((selector) => [selector, `${document.querySelector(selector).lang} ${document.querySelector(selector).dir}`])));
    const everywhere = (value) => Object.fromEntries(
      ['#title', '.rich-surface', '#excerpt', '#featured_image_alt', '#seo_title', 'textarea[name="body"]'].map((s) => [s, value]));
    assert.deepEqual(await directions(), everywhere('en ltr'), 'an English site writes left to right');

    await page.locator('#locale').fill('fa');
    assert.deepEqual(await directions(), everywhere('fa rtl'));
    await page.getByLabel('Headline', { exact: true }).fill('گزارش از اتاق خبر');
    await page.getByRole('textbox', { name: 'Story', exact: true }).click();
    await page.keyboard.type('نخستین یادداشت‌ها.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('دومی.');
    assert.deepEqual(await directions(), everywhere('fa rtl'), 'typing does not reset the surface');
    // The text starts at the right edge of the surface.
    const edges = await page.evaluate(() => {
      const box = document.querySelector('.rich-surface').getBoundingClientRect();
      const text = document.createRange();
      text.selectNodeContents(document.querySelector('.rich-surface p'));
      return { right: box.right - text.getBoundingClientRect().right, left: text.getBoundingClientRect().left - box.left };
    });
    assert.ok(edges.right < edges.left, `set from the right: ${JSON.stringify(edges)}`);
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: join(outputDir, 'newsroom-editor-rtl.png') });

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/newsroom\/posts\/\d+\/\?saved=1$/);
    await surface.waitFor();
    assert.deepEqual(await directions(), everywhere('fa rtl'), 'the saved draft opens right to left');

    await page.locator('#locale').fill('');
    assert.deepEqual(await directions(), everywhere('en ltr'), 'empty is the site\'s language');
    await eddie.context.close();
  });

  test('the editor of a Persian story is right to left without JavaScript too', async () => {
    const eddie = await signIn(editor, { javaScriptEnabled: false });
    await eddie.page.goto(server.url + '/newsroom/posts/new/');
    await eddie.page.getByLabel('Headline', { exact: true }).fill('یادداشت بی‌اسکریپت');
    await eddie.page.locator('#locale').fill('fa');
    await eddie.page.getByRole('button', { name: 'Save draft' }).click();
    await eddie.page.waitForURL(/\/newsroom\/posts\/\d+\/\?saved=1$/);
    for (const field of ['#title', 'textarea[name="body"]', '#excerpt']) {
      assert.equal(await eddie.page.locator(field).getAttribute('dir'), 'rtl', field);
      assert.equal(await eddie.page.locator(field).getAttribute('lang'), 'fa', field);
    }
    await eddie.context.close();
  });

  test('axe-core finds no accessibility violations in the editor', async () => {
    const eddie = await signIn(editor, { bypassCSP: true });
    await eddie.page.goto(server.url + '/newsroom/posts/new/');
    await eddie.page.locator('.rich-surface').waitFor();
    assert.deepEqual(await axeViolations(eddie.page), []);
    await eddie.context.close();
  });

  test('every editor control is reachable from the keyboard', async () => {
    const eddie = await signIn(editor);
    await eddie.page.goto(server.url + '/newsroom/posts/new/');
    await eddie.page.locator('.rich-surface').waitFor();
    const reached = new Set();
    for (let i = 0; i < 60; i += 1) {
      await eddie.page.keyboard.press('Tab');
      reached.add(await eddie.page.evaluate(() => {
        const el = document.activeElement;
        return el.getAttribute('aria-label') || el.id || el.textContent.trim();
      }));
    }
    for (const control of ['title', 'Story', 'Bold', 'Link', 'Save draft', 'Publish', 'Schedule', 'tags', 'slug']) {
      assert.ok(reached.has(control), `${control} is not reachable with Tab: ${[...reached].join(', ')}`);
    }
    await eddie.context.close();
  });
});
