// The newsroom's Integrations page in Chromium: an admin makes a Content
// API key, copies it from the page into Ghost's own client, which then
// reads the site, and revokes it, after which the same client is refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import GhostContentAPI from '@tryghost/content-api';

import { axeViolations } from './axe.mjs';
import { launchChromium } from './browser.mjs';
import { startByline } from './byline_server.mjs';

const outputDir = process.env.BYLINE_E2E_OUTPUT ?? new URL('./output', import.meta.url).pathname;
mkdirSync(outputDir, { recursive: true });

const owner = { email: 'olga@example.com', name: 'Olga Owner', role: 'admin', password: 'a long enough secret' };

describe('integrations in chromium', () => {
  let server;
  let browser;

  before(async () => {
    server = await startByline({ users: [owner] });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(options = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    await page.goto(server.url + '/newsroom/sign-in/');
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(server.url + '/newsroom/');
    return { context, page };
  }

  test('a key made on the page opens the Content API until it is revoked there', async () => {
    const { context, page } = await signedIn();
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByLabel('What it is for').fill('Mobile app');
    await page.getByLabel('Which API').selectOption('content');
    await page.getByRole('button', { name: 'Add key' }).click();
    await page.getByRole('heading', { name: 'Ghost Content API key for “Mobile app”' }).waitFor();
    const key = await page.getByLabel('Key', { exact: true }).inputValue();
    assert.match(key, /^[0-9a-f]{26}$/);
    await page.screenshot({ path: join(outputDir, 'newsroom-integrations.png'), fullPage: true });

    const client = new GhostContentAPI({ url: server.url, key, version: 'v5.0' });
    const posts = await client.posts.browse({ limit: 2 });
    assert.equal(posts.length, 2);

    // The list shows it by name; the key itself is not on the page again.
    await page.goto(server.url + '/newsroom/integrations/');
    assert.equal(await page.getByLabel('Key', { exact: true }).count(), 0);
    assert.ok(!(await page.content()).includes(key));
    await page.getByRole('button', { name: 'Revoke Mobile app' }).click();
    await page.getByText('Revoked “Mobile app”: it opens nothing from now on.').waitFor();
    await assert.rejects(client.posts.browse({ limit: 2 }), (error) => {
      assert.equal(error.response?.status, 401);
      return true;
    });
    await context.close();
  });

  test('axe-core finds no accessibility violations on the Integrations page', async () => {
    const { context, page } = await signedIn({ bypassCSP: true });
    await page.goto(server.url + '/newsroom/integrations/');
    await page.getByLabel('What it is for').fill('Publishing script');
    await page.getByLabel('Which API').selectOption('admin');
    await page.getByRole('button', { name: 'Add key' }).click();
    await page.getByRole('heading', { name: /Admin API key/ }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });
});
