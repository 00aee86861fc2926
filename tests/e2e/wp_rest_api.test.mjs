// WordPress's own clients read Byline's WordPress REST API: wpapi finds it
// from the site's Link header and pages through posts, and
// @wordpress/api-fetch follows Link rel="next" to fetch every post, also
// through the ?rest_route= spelling of the API's address; wpapi searches
// and finds a story's photo, published through Ghost's Admin API, as media.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WPAPI from 'wpapi';
import apiFetch from '@wordpress/api-fetch';
import GhostAdminAPI from '@tryghost/admin-api';

import { addApiKey, startByline } from './byline_server.mjs';
import { makePng } from './images.mjs';

describe('the WordPress REST API with WordPress clients', () => {
  let server;
  let total;

  before(async () => {
    server = await startByline({
      users: [{ email: 'olivia@example.com', name: 'Olivia Owner', role: 'admin', password: 'a long enough secret' }],
    });
    const answer = await fetch(`${server.url}/wp-json/wp/v2/posts?per_page=1`);
    total = Number(answer.headers.get('x-wp-total'));
    assert.ok(total > 20, 'the demo site has enough posts to page through');
  });

  after(async () => {
    await server?.stop();
  });

  test('wpapi discovers the API from the site and pages through posts', async () => {
    const wp = await WPAPI.discover(server.url);
    const posts = await wp.posts().perPage(5).get();
    assert.equal(posts.length, 5);
    assert.equal(posts._paging.total, total);
    assert.equal(posts._paging.totalPages, Math.ceil(total / 5));
    const second = await posts._paging.next.get();
    assert.equal(second.length, 5);
    assert.notEqual(second[0].id, posts[0].id);

    const [first] = posts;
    assert.equal(typeof first.id, 'number');
    assert.match(first.date_gmt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/, 'UTC without an offset');
    assert.equal(new Date(first.date_gmt + 'Z').toISOString().slice(0, 19), first.date_gmt);
    assert.ok(first.link.startsWith(server.url + '/'));
    assert.ok(first.title.rendered.length > 0);
    assert.ok(first.content.rendered.includes('<p>'));

    const bySlug = await wp.posts().slug(first.slug).get();
    assert.deepEqual(bySlug.map((post) => post.id), [first.id]);
    assert.deepEqual(await wp.posts().slug('no-such-story').get(), []);
    await assert.rejects(wp.posts().id(999999).get(), (error) => {
      assert.equal(error.code, 'rest_post_invalid_id');
      assert.equal(error.data.status, 404);
      return true;
    });
  });

  test('wpapi embeds authors and terms, and filters by category', async () => {
    const wp = await WPAPI.discover(server.url);
    const [post] = await wp.posts().embed().perPage(1).get();
    assert.equal(post._embedded.author[0].id, post.author);
    assert.ok(post._embedded.author[0].name.length > 0);
    assert.equal(post._embedded['wp:term'][0][0].taxonomy, 'category');

    const categories = await wp.categories().get();
    assert.ok(categories.length > 0);
    const [section] = categories;
    const inSection = await wp.posts().categories(section.id).perPage(100).get();
    assert.equal(inSection.length, section.count);
    assert.ok(inSection.every((one) => one.categories.includes(section.id)));

    const people = await wp.users().get();
    assert.ok(people.length > 0);
    for (const person of people) {
      assert.equal(person.email, undefined);
      assert.equal(person.username, undefined);
    }
  });

  test('api-fetch follows Link rel="next" to every post, on /wp-json/ and on ?rest_route=', async () => {
    const client = apiFetch.default ?? apiFetch;
    client.use(client.createRootURLMiddleware(`${server.url}/wp-json/`));
    const posts = await client({ path: '/wp/v2/posts?per_page=-1&_fields=id' });
    assert.equal(posts.length, total);
    assert.equal(new Set(posts.map((post) => post.id)).size, total);
    await assert.rejects(client({ path: '/wp/v2/posts?per_page=500' }), (error) => {
      assert.equal(error.code, 'rest_invalid_param');
      return true;
    });

    // A site without pretty links is addressed as /?rest_route=/…; the
    // next pages' links lead on from there.
    const viaQuery = await client({ url: `${server.url}/?rest_route=/wp/v2/posts&per_page=-1&_fields=id` });
    assert.deepEqual(viaQuery.map((post) => post.id), posts.map((post) => post.id));
    const raw = await client({ url: `${server.url}/?rest_route=/wp/v2/posts/${posts[0].id}`, parse: false });
    assert.equal(raw.status, 200);
    assert.equal((await raw.json()).id, posts[0].id);
  });

  // Last: it adds a story, which the counts above do not expect.
  test('wpapi searches posts and finds the photo a story published through the Admin API features', async () => {
    const admin = new GhostAdminAPI({ url: server.url, key: addApiKey(server.dataDir, 'admin', 'Photo desk'), version: 'v6.0' });
    const file = join(server.dataDir, 'glacier.png');
    writeFileSync(file, makePng(1200, 800));
    const image = await admin.images.upload({ file });
    const story = await admin.posts.add({
      title: 'Glacier retreats a kilometre',
      feature_image: image.url,
      feature_image_alt: 'The glacier from the valley',
      status: 'published',
      authors: ['olivia@example.com'],
    });
    assert.equal(story.status, 'published');

    const wp = await WPAPI.discover(server.url);
    const found = await wp.posts().search('glacier').embed().get();
    assert.equal(found.length, 1);
    assert.equal(found._paging.total, 1);
    const [post] = found;
    assert.equal(post.title.rendered, 'Glacier retreats a kilometre');
    assert.ok(post.featured_media > 0);
    assert.equal(post._embedded['wp:featuredmedia'][0].source_url, image.url);

    const media = await wp.media().id(post.featured_media).get();
    assert.equal(media.source_url, image.url);
    assert.equal(media.post, post.id);
    assert.equal(media.alt_text, 'The glacier from the valley', "the story's words for its image");
    assert.equal(media.media_details.width, 1200);
    assert.equal(media.media_details.height, 800);
    const listed = await wp.media().get();
    assert.equal(listed[0].id, post.featured_media, 'the newest image first');
    assert.equal(listed.length, 7, "with the demo stories' six photographs");
    assert.equal(new Set(listed.map((one) => one.id)).size, 7);

    const results = await wp.search().search('glacier').get();
    assert.deepEqual(results.map((one) => [one.id, one.type, one.subtype, one.url]),
      [[post.id, 'post', 'post', post.link]]);
  });

});
