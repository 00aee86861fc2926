// Ghost's own Content API client, @tryghost/content-api from npm, reading
// Byline as it reads a Ghost site: browse and read posts, pages, authors,
// tags and settings, with filters, fields and pagination, under the
// current and an old versioned prefix, and its errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import GhostContentAPI from '@tryghost/content-api';
import { startByline, addApiKey } from './byline_server.mjs';

let site;
let key;

before(async () => {
  site = await startByline();
  key = addApiKey(site.dataDir, 'content', 'Headless front end');
});
after(async () => site?.stop());

const client = (options = {}) => new GhostContentAPI({ url: site.url, key, version: 'v5.0', ...options });

test('posts browse in pages with their tags and authors, and never a page or a draft', async () => {
  const api = client();
  const posts = await api.posts.browse({ limit: 2, include: 'tags,authors' });
  assert.equal(posts.length, 2);
  assert.deepEqual(
    { page: posts.meta.pagination.page, limit: posts.meta.pagination.limit, prev: posts.meta.pagination.prev },
    { page: 1, limit: 2, prev: null });
  assert.equal(posts.meta.pagination.total, 47);  // the demo's published articles, in both editions
  assert.equal(posts.meta.pagination.next, 2);
  for (const post of posts) {
    assert.ok(post.primary_author?.name, 'a primary author');
    assert.ok(Array.isArray(post.tags));
    assert.match(post.url, new RegExp(`^${site.url}/`));
    assert.equal(post.email, undefined);
  }
  const next = await api.posts.browse({ limit: 2, page: 2 });
  assert.notDeepEqual(next.map((post) => post.id), posts.map((post) => post.id));

  // A browse of one is still a list with its meta.
  const one = await api.posts.browse({ limit: 1 });
  assert.ok(Array.isArray(one));
  assert.equal(one.length, 1);
  assert.ok(one.meta.pagination);

  const all = await api.posts.browse({ limit: 'all', fields: 'slug' });
  assert.equal(all.length, 47);
  assert.ok(!all.some((post) => post.slug === 'about' || post.slug === 'darbare-ye-ma'), 'the About pages are pages');
  const pages = await api.pages.browse();
  assert.deepEqual(pages.map((page) => page.slug), ['about', 'darbare-ye-ma']);
});

test('a post reads by id and by slug as the same object', async () => {
  const api = client();
  const [newest] = await api.posts.browse({ limit: 1 });
  const byId = await api.posts.read({ id: newest.id }, { formats: ['html', 'plaintext'] });
  const bySlug = await api.posts.read({ slug: newest.slug });
  assert.equal(byId.id, newest.id);
  assert.equal(bySlug.id, newest.id);
  assert.ok(byId.html.length > 0);
  assert.ok(byId.plaintext.length > 0);
  assert.match(byId.published_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000[+-]\d\d:\d\d$/);
});

test('filters and fields narrow what comes back', async () => {
  const api = client();
  const nuclear = await api.posts.browse({ filter: 'tag:nuclear', include: 'tags', limit: 'all' });
  assert.ok(nuclear.length > 0);
  for (const post of nuclear) assert.ok(post.tags.some((tag) => tag.slug === 'nuclear'));
  const notFeatured = await api.posts.browse({ filter: 'tag:nuclear+featured:false', fields: 'title,url' });
  assert.equal(notFeatured.length, Math.min(nuclear.length, 15));
  assert.deepEqual(Object.keys(notFeatured[0]).sort(), ['id', 'title', 'url']);
  const [first, second] = await api.posts.browse({ limit: 2, fields: 'slug' });
  const listed = await api.posts.browse({ filter: `slug:[${second.slug},${first.slug}]`, fields: 'slug' });
  assert.deepEqual(listed.map((post) => post.slug), [second.slug, first.slug]);
});

test('authors, tags and settings read as Ghost gives them', async () => {
  const api = client();
  const authors = await api.authors.browse({ include: 'count.posts' });
  assert.ok(authors.length >= 1);
  assert.ok(authors.every((author) => author.count.posts > 0 && author.email === undefined));
  const author = await api.authors.read({ slug: authors[0].slug });
  assert.equal(author.id, authors[0].id);
  const tags = await api.tags.browse({ limit: 3, order: 'count.posts DESC', include: 'count.posts' });
  assert.equal(tags.length, 3);
  assert.ok(tags[0].count.posts >= tags[2].count.posts);
  const tag = await api.tags.read({ id: tags[0].id });
  assert.equal(tag.slug, tags[0].slug);
  const settings = await api.settings.browse();
  assert.equal(settings.title, 'The Daily Byline');
  assert.equal(settings.url, `${site.url}/`);
  assert.equal((await api.tiers.browse()).length, 0);
});

test('an old client on /v3/ and one that sends no version read the same posts', async () => {
  const current = await client().posts.browse({ limit: 3, fields: 'id' });
  for (const version of ['v3', false]) {
    const old = await client({ version }).posts.browse({ limit: 3, fields: 'id' });
    assert.deepEqual(old.map((post) => post.id), current.map((post) => post.id), `version ${version}`);
  }
});

test('a missing post and a wrong key are the errors Ghost gives', async () => {
  await assert.rejects(client().posts.read({ slug: 'no-such-story' }), (error) => {
    assert.equal(error.name, 'NotFoundError');
    assert.equal(error.response.status, 404);
    return true;
  });
  await assert.rejects(client({ key: '0123456789abcdef0123456789' }).posts.browse(), (error) => {
    assert.equal(error.name, 'UnauthorizedError');
    assert.equal(error.response.status, 401);
    return true;
  });
  await assert.rejects(client().posts.browse({ filter: 'tag:' }), (error) => error.name === 'BadRequestError');
});
