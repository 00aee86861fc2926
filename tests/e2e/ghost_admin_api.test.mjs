// Ghost's own Admin API client, @tryghost/admin-api from npm, publishing to
// Byline as it publishes to a Ghost site: a post added from HTML, edited
// (a stale copy refused), deleted, an image uploaded, staff, tags and the
// site read; and tokens the server must not take.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import GhostAdminAPI from '@tryghost/admin-api';
import jwt from 'jsonwebtoken';
import { startByline, addApiKey } from './byline_server.mjs';

let site;
let key;

before(async () => {
  site = await startByline({
    users: [{ email: 'olivia@example.com', name: 'Olivia Owner', role: 'admin', password: 'a long enough secret' }],
  });
  key = addApiKey(site.dataDir, 'admin', 'Publishing script');
});
after(async () => site?.stop());

const client = (options = {}) => new GhostAdminAPI({ url: site.url, key, version: 'v6.0', ...options });

// PNG's CRC-32 (node:zlib has one only from Node.js 22).
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

// A PNG of `width` x `height` pixels of a colour ramp, written to a file.
function pngFile(width, height) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([length, Buffer.from(type), data, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);  // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([x % 256, y % 256, 128], y * (width * 3 + 1) + 1 + x * 3);
  }
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
  const path = join(site.dataDir, 'photo.png');
  writeFileSync(path, png);
  return path;
}

test('a post goes from HTML to published, is edited, refused from a stale copy, and deleted', async () => {
  const api = client();
  const post = await api.posts.add({
    title: 'Ceasefire holds for a third day',
    html: '<p>The ceasefire <strong>held</strong>.</p><script>alert(1)</script>',
    status: 'published',
    tags: ['Ceasefire'],
    authors: ['olivia@example.com'],
  }, { source: 'html' });
  assert.match(post.id, /^[0-9a-f]{24}$/);
  assert.equal(post.status, 'published');
  assert.equal(post.slug, 'ceasefire-holds-for-a-third-day');
  assert.match(post.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(JSON.parse(post.lexical).root.children[0].html, '<p>The ceasefire <strong>held</strong>.</p>');
  assert.deepEqual(post.tags.map((tag) => tag.name), ['Ceasefire']);
  assert.equal(post.authors[0].email, 'olivia@example.com');

  // Readers have it on the next request.
  const page = await fetch(`${site.url}/ceasefire-holds-for-a-third-day/`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Ceasefire holds for a third day/);
  assert.doesNotMatch(html, /alert\(1\)/);

  const edited = await api.posts.edit({ id: post.id, updated_at: post.updated_at, title: 'Ceasefire holds for a fourth day' });
  assert.equal(edited.title, 'Ceasefire holds for a fourth day');
  assert.notEqual(edited.updated_at, post.updated_at);
  await assert.rejects(
    api.posts.edit({ id: post.id, updated_at: post.updated_at, title: 'Written over' }),
    (error) => error.name === 'UpdateCollisionError' && /Someone else is editing/.test(error.message));
  const read = await api.posts.read({ id: post.id }, { formats: 'html' });
  assert.equal(read.title, 'Ceasefire holds for a fourth day');
  assert.equal(read.html, '<p>The ceasefire <strong>held</strong>.</p>');

  // A draft, then its edit through Lexical, as Ghost's own clients send it.
  const draft = await api.posts.add({ title: 'Notes for Monday', authors: ['olivia@example.com'] });
  assert.equal(draft.status, 'draft');
  const lexical = JSON.stringify({ root: { type: 'root', children: [
    { type: 'paragraph', children: [{ type: 'text', text: 'Bold', format: 1 }, { type: 'text', text: ' move', format: 0 }] }] } });
  const rewritten = await api.posts.edit({ id: draft.id, updated_at: draft.updated_at, lexical }, { formats: 'html' });
  assert.equal(rewritten.html.trim(), '<p><strong>Bold</strong> move</p>');
  const drafts = await api.posts.browse({ filter: 'status:draft', limit: 'all' });
  assert.ok(drafts.some((one) => one.id === draft.id));
  assert.ok(drafts.every((one) => one.status === 'draft'));

  await api.posts.delete({ id: post.id });
  await assert.rejects(api.posts.read({ id: post.id }), (error) => error.name === 'NotFoundError');
  assert.equal((await fetch(`${site.url}/ceasefire-holds-for-a-third-day/`)).status, 404);
});

test('an image uploads and becomes a feature image', async () => {
  const api = client();
  const image = await api.images.upload({ file: pngFile(900, 600), ref: 'lead' });
  assert.ok(image, 'exactly one image in the answer, which the client unwraps');
  assert.match(image.url, new RegExp(`^${site.url}/media/\\d{4}/\\d\\d/.+\\.webp$`));
  assert.equal(image.ref, 'lead');
  const file = await fetch(image.url);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'image/webp');
  const post = await api.posts.add({ title: 'With a photo', feature_image: image.url, authors: ['olivia@example.com'] });
  assert.equal(post.feature_image, image.url);
});

test('staff, tags and the site read as in Ghost, and an old version works on its own prefix', async () => {
  const api = client();
  const users = await api.users.browse({ limit: 'all' });
  assert.ok(users.some((user) => user.email === 'olivia@example.com' && user.roles[0].name === 'Administrator'));
  const tags = await api.tags.browse({ limit: 3 });
  assert.equal(tags.length, 3);
  assert.ok(tags.meta.pagination.total >= 3);
  const tag = await api.tags.read({ id: tags[0].id });
  assert.equal(tag.slug, tags[0].slug);
  const about = await api.site.read();
  assert.equal(about.title, 'The Daily Byline');
  // A v3 client signs for /v3/admin/ and calls the v3 prefix.
  const old = await client({ version: 'v3' }).posts.browse({ limit: 1 });
  assert.equal(old.length, 1);
});

test('tokens made wrong are refused with Ghost\'s errors', async () => {
  const [id, secret] = key.split(':');
  const call = (token) => fetch(`${site.url}/ghost/api/admin/posts/`, { headers: { Authorization: `Ghost ${token}` } });
  const sign = (secretBytes, options) => jwt.sign({}, secretBytes, { keyid: id, algorithm: 'HS256', expiresIn: '5m', audience: '/admin/', ...options });

  assert.equal((await call(sign(Buffer.from(secret, 'hex')))).status, 200);
  for (const [token, code] of [
    [sign(secret), 'INVALID_JWT'],  // the secret's text, not its bytes
    [sign(Buffer.from(secret, 'hex'), { audience: '/content/' }), 'INVALID_JWT'],
    [jwt.sign({ iat: Math.floor(Date.now() / 1000) - 600 }, Buffer.from(secret, 'hex'),
      { keyid: id, algorithm: 'HS256', expiresIn: '5m', audience: '/admin/' }), 'INVALID_JWT'],
    [jwt.sign({}, Buffer.from(secret, 'hex'), { keyid: 'f'.repeat(24), algorithm: 'HS256', expiresIn: '5m', audience: '/admin/' }),
      'UNKNOWN_ADMIN_API_KEY'],
  ]) {
    const answer = await call(token);
    assert.equal(answer.status, 401);
    assert.equal((await answer.json()).errors[0].code, code);
  }
  await assert.rejects(
    new GhostAdminAPI({ url: site.url, key: `${'f'.repeat(24)}:${secret}`, version: 'v6.0' }).posts.browse(),
    (error) => error.name === 'UnauthorizedError');
});
