// Hostile writing in a real browser: stories whose title, excerpt, body and
// image text are classic cross-site scripting payloads are published
// through the newsroom, then opened in Chromium, as readers and in the
// editor. The browser runs with the Content-Security-Policy bypassed, so
// what is proven is the sanitiser and the escaping, not the policy behind
// them: no payload may open a dialog.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launchChromium } from './browser.mjs';
import { startByline } from './byline_server.mjs';
import { signIn } from './newsroom_client.mjs';

const editor = { email: 'hana@example.com', name: 'Hana Editor', role: 'editor', password: 'a long enough secret' };

const payloads = [
  '<script>alert(1337)</script>',
  '</title><script>alert(1337)</script>',
  '</textarea><script>alert(1337)</script>',
  '</script><script>alert(1337)</script>',
  '"><img src=x onerror=alert(1337)>',
  "'><img src=x onerror=alert(1337)>",
  '" onmouseover="alert(1337)" autofocus onfocus="alert(1337)',
  '<img src=x onerror=alert(1337)>',
  '<svg onload=alert(1337)>',
  '<svg><animate onbegin=alert(1337) attributeName=x dur=1s>',
  '<details open ontoggle=alert(1337)>',
  '<iframe srcdoc="<script>parent.alert(1337)</script>"></iframe>',
  '<a href="javascript:alert(1337)">link</a>',
  '<a href="&#x6A;avascript&colon;alert(1337)">link</a>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1337)>',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1337)>">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1337)>"></noscript>',
  '<!--><img src=x onerror=alert(1337)>-->',
  '<input autofocus onfocus=alert(1337)>',
  '<video><source onerror=alert(1337)></video>',
];

describe('hostile writing in chromium', () => {
  let server;
  let browser;

  before(async () => {
    server = await startByline({ users: [editor] });
    const hana = await signIn(server.url, editor.email, editor.password);
    for (const [index, payload] of payloads.entries()) {
      await hana.publish({
        title: `Story ${index} ${payload}`,
        slug: `hostile-${index}`,
        body: `<p>Story ${index}.</p>${payload}`,
        excerpt: payload,
        featured_image_alt: payload,
        tags: `tag ${payload.replaceAll(',', ' ')}`,
      });
    }
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  // A page in a context without CSP that records every dialog it opens.
  async function watchedPage() {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const dialogs = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(`${page.url()}: ${dialog.message()}`);
      await dialog.dismiss();
    });
    return { context, page, dialogs };
  }

  async function visit(page, path) {
    const response = await page.goto(server.url + path, { waitUntil: 'load' });
    assert.equal(response.status(), 200, path);
    // Give error and focus handlers, animations and toggles time to fire.
    await page.mouse.move(200, 200);
    await page.waitForTimeout(150);
  }

  test('the watcher sees a payload that does run', async () => {
    const { context, page, dialogs } = await watchedPage();
    await page.goto(server.url + '/');
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=alert(1337)>'));
    await page.waitForTimeout(300);
    assert.equal(dialogs.length, 1);
    await context.close();
  });

  test('readers open every hostile story and list without a script running', async () => {
    const { context, page, dialogs } = await watchedPage();
    await visit(page, '/');
    await visit(page, '/page/2/');
    await visit(page, '/search?q=alert');
    for (const index of payloads.keys()) await visit(page, `/hostile-${index}/`);
    assert.deepEqual(dialogs, []);
    await context.close();
  });

  test('the editor opens every hostile story without a script running', async () => {
    const { context, page, dialogs } = await watchedPage();
    await page.goto(server.url + '/newsroom/sign-in/');
    await page.getByLabel('Email').fill(editor.email);
    await page.getByLabel('Password').fill(editor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(server.url + '/newsroom/');
    await page.mouse.move(200, 200);
    await page.waitForTimeout(150);
    const edits = await page.$$eval('a[href^="/newsroom/posts/"]', (links) =>
      [...new Set(links.map((link) => link.getAttribute('href')).filter((href) => /^\/newsroom\/posts\/\d+\/$/.test(href)))]);
    assert.ok(edits.length >= 10, `the post list links to the stories: ${edits.length}`);
    for (const edit of edits) {
      await visit(page, edit);
      await visit(page, `${edit}preview/`);
    }
    assert.deepEqual(dialogs, []);
    await context.close();
  });
});
