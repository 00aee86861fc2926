// The newsroom's Integrations page in Chromium: an admin makes a Content
// API key, copies it from the page into Ghost's own client, which then
// reads the site, and revokes it, after which the same client is refused.
// On the Webhooks page an admin points a webhook at a receiver on
// loopback; a post published with Ghost's Admin API client reaches it,
// signed as Ghost signs, checked here with node:crypto.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import GhostAdminAPI from '@tryghost/admin-api';
import GhostContentAPI from '@tryghost/content-api';

import { axeViolations } from './axe.mjs';
import { launchChromium } from './browser.mjs';
import { addApiKey, startByline } from './byline_server.mjs';

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

  // A receiver as Ghost's documentation has one check X-Ghost-Signature:
  // HMAC-SHA256 of the raw body followed by the timestamp.
  function startReceiver() {
    const deliveries = [];
    let arrived = () => {};
    const server = createServer((request, response) => {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        deliveries.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(204).end();
        arrived();
      });
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}/ghost-hook`,
      deliveries,
      next: () => new Promise((resolveNext) => { arrived = resolveNext; }),
      close: () => new Promise((resolveClose) => server.close(resolveClose)),
    })));
  }

  function signedByGhostsRule(delivery, secret) {
    const [hash, stamp] = delivery.headers['x-ghost-signature'].split(', ');
    const expected = createHmac('sha256', secret).update(delivery.body + stamp.replace('t=', '')).digest('hex');
    return timingSafeEqual(Buffer.from(hash.replace('sha256=', '')), Buffer.from(expected));
  }

  test('a webhook added on the page gets a signed delivery when the Admin API publishes', async () => {
    const receiver = await startReceiver();
    const { context, page } = await signedIn();
    await page.goto(server.url + '/newsroom/integrations/');
    await page.getByRole('link', { name: 'Webhooks', exact: true }).first().click();
    await page.getByLabel('What receives it').fill('Desk bot');
    await page.getByLabel('Address', { exact: true }).fill(receiver.url);
    await page.getByLabel('post.published', { exact: true }).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    // Loopback is refused until the admin says it is their own network.
    await page.getByText('127.0.0.1 is a loopback address').waitFor();
    await page.getByLabel(/Allow private network addresses/).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByRole('heading', { name: 'Signing secret for “Desk bot”' }).waitFor();
    const secret = await page.getByLabel('Secret', { exact: true }).inputValue();
    assert.match(secret, /^[0-9a-f]{64}$/);

    const arrived = receiver.next();
    const admin = new GhostAdminAPI({ url: server.url, key: addApiKey(server.dataDir, 'admin', 'Script'), version: 'v6.0' });
    const post = await admin.posts.add({ title: 'Polls close at eight', html: '<p>Counting starts.</p>', status: 'published' },
      { source: 'html' });
    await arrived;
    const [delivery] = receiver.deliveries;
    assert.equal(delivery.headers['byline-event'], 'post.published');
    assert.ok(signedByGhostsRule(delivery, secret));
    assert.ok(!signedByGhostsRule(delivery, 'f'.repeat(64)));
    const body = JSON.parse(delivery.body);
    assert.equal(body.post.current.id, post.id);
    assert.equal(body.post.current.title, 'Polls close at eight');
    assert.equal(body.post.current.status, 'published');

    // The receiver has the delivery before Byline has recorded its answer:
    // the page shows it from the first load after the record.
    const delivered = page.getByText('Delivered (204)');
    for (let tries = 0; tries < 40; tries += 1) {
      await page.goto(server.url + '/newsroom/webhooks/');
      if (await delivered.count()) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await delivered.waitFor({ timeout: 1000 });
    assert.ok(!(await page.content()).includes(secret));
    await page.screenshot({ path: join(outputDir, 'newsroom-webhooks.png'), fullPage: true });
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
    await receiver.close();
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
