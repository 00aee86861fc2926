// The newsroom in a real browser: signing in and out from the keyboard, the
// post list, and accessibility (axe-core).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { axeViolations } from './axe.mjs';
import { launchChromium } from './browser.mjs';
import { startByline } from './byline_server.mjs';

const outputDir = process.env.BYLINE_E2E_OUTPUT ?? new URL('./output', import.meta.url).pathname;
mkdirSync(outputDir, { recursive: true });

const editor = { email: 'eddie@example.com', name: 'Eddie Editor', role: 'editor', password: 'a long enough secret' };

describe('newsroom in chromium', () => {
  let server;
  let browser;

  before(async () => {
    server = await startByline({ users: [editor] });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('an editor signs in from the keyboard, sees the posts and signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url + '/newsroom/');
    assert.equal(new URL(page.url()).pathname, '/newsroom/sign-in/');

    // The field is autofocused; wait for that rather than race the page.
    await page.waitForFunction(() => document.activeElement?.id === 'email');
    await page.keyboard.type(editor.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(editor.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(server.url + '/newsroom/');

    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Posts');
    assert.match(await page.locator('.bar-user').innerText(), /Eddie Editor/);
    assert.ok(await page.locator('table.posts tbody tr').count() > 5);
    await page.screenshot({ path: join(outputDir, 'newsroom-posts.png'), fullPage: false });

    await page.getByRole('combobox', { name: 'Status' }).selectOption('published');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=published/);
    const statuses = await page.locator('table.posts .status').allInnerTexts();
    assert.ok(statuses.length > 0 && statuses.every((s) => s === 'published'));

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(server.url + '/newsroom/sign-in/');
    await page.goto(server.url + '/newsroom/');
    assert.equal(new URL(page.url()).pathname, '/newsroom/sign-in/');
    await context.close();
  });

  test('a wrong password is refused with a message', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + '/newsroom/sign-in/');
    await page.getByLabel('Email').fill(editor.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(await page.getByRole('alert').innerText(), 'That email and password do not match an account.');
    assert.equal(await page.getByLabel('Email').inputValue(), editor.email);
    await page.close();
  });

  for (const [name, path, signIn] of [['the sign-in page', '/newsroom/sign-in/', false], ['the post list', '/newsroom/', true]]) {
    test(`axe-core finds no accessibility violations on ${name}`, async () => {
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      if (signIn) {
        await page.goto(server.url + '/newsroom/sign-in/');
        await page.getByLabel('Email').fill(editor.email);
        await page.getByLabel('Password').fill(editor.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(server.url + '/newsroom/');
      }
      await page.goto(server.url + path);
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }
});
