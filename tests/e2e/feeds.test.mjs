// The feeds, read by the parsers feed readers and aggregators use
// (rss-parser and feedparser from npm), not by string matching.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';

import FeedParser from 'feedparser';
import Parser from 'rss-parser';

import { startByline } from './byline_server.mjs';

// Parses `xml` with feedparser; resolves to { meta, items }.
function feedparse(xml) {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser();
    const items = [];
    parser.on('error', reject);
    parser.on('readable', function read() {
      let item;
      while ((item = this.read())) items.push(item);
    });
    parser.on('end', () => resolve({ meta: parser.meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}

describe('feeds', () => {
  let server;
  before(async () => { server = await startByline(); });
  after(async () => { await server?.stop(); });

  const fetchText = async (path, headers = {}) => {
    const response = await fetch(server.url + path, { headers });
    return { response, text: await response.text() };
  };

  test('RSS 2.0 parses with rss-parser and carries authors, categories and full content', async () => {
    const { response, text } = await fetchText('/rss/');
    assert.equal(response.headers.get('content-type'), 'application/rss+xml; charset=utf-8');
    const feed = await new Parser({ customFields: { item: ['dc:creator'] } }).parseString(text);
    assert.equal(feed.title, 'The Daily Byline');
    assert.equal(feed.items.length, 20);
    const first = feed.items[0];
    assert.equal(first.title, 'Iran says ready to give assurances regarding peaceful nature of its nuclear work');
    assert.equal(first.link, `${server.url}/iran-says-ready-to-give-assurances-regarding-peaceful-nature-of-its-nuclear-work/`);
    assert.equal(first.creator, 'Leila Karimi');
    assert.deepEqual(first.categories, ['World', 'Nuclear']);
    assert.match(first['content:encoded'], /peaceful nature of its nuclear programme/);
    assert.ok(Date.now() - new Date(first.isoDate).getTime() < 5 * 3600 * 1000, 'published about 4 hours ago');
    // Newest first.
    const dates = feed.items.map((item) => new Date(item.isoDate).getTime());
    assert.deepEqual(dates, [...dates].sort((a, b) => b - a));
  });

  test('RSS and Atom parse with feedparser, with stable ids and dates', async () => {
    for (const path of ['/rss/', '/feed/', '/atom.xml']) {
      const { text } = await fetchText(path);
      const { meta, items } = await feedparse(text);
      assert.equal(meta.title, 'The Daily Byline', path);
      assert.equal(items.length, 20, path);
      assert.match(items[0].guid, /\/\?p=\d+$/, path);
      assert.ok(items[0].author.includes('Leila Karimi'), `${path}: ${items[0].author}`);
      assert.ok(items[0].pubdate instanceof Date && !Number.isNaN(items[0].pubdate.getTime()), path);
    }
  });

  test('JSON Feed 1.1 has the required fields', async () => {
    const { response, text } = await fetchText('/feed.json');
    assert.equal(response.headers.get('content-type'), 'application/feed+json; charset=utf-8');
    const feed = JSON.parse(text);
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.feed_url, `${server.url}/feed.json`);
    assert.equal(feed.items.length, 20);
    for (const item of feed.items) {
      assert.ok(item.id && item.content_html && item.date_published, JSON.stringify(item).slice(0, 80));
    }
    assert.deepEqual(feed.items[0].authors, [{ name: 'Leila Karimi' }]);
  });

  test('section, author and tag feeds hold only their posts', async () => {
    const section = await new Parser().parseString((await fetchText('/section/economy/rss/')).text);
    assert.ok(section.items.length > 0);
    assert.ok(section.items.every((item) => item.categories.includes('Economy')));
    const author = JSON.parse((await fetchText('/author/emad-askarieh/feed.json')).text);
    assert.ok(author.items.every((item) => item.authors.some((a) => a.name === 'Emad Askarieh')));
    const tag = await feedparse((await fetchText('/tag/russia/atom.xml')).text);
    assert.ok(tag.items.some((item) => item.title === 'President Putin: Russia, Iran having strategic ties'));
    assert.equal((await fetchText('/section/nothing/rss/')).response.status, 404);
  });

  test('an unchanged feed is answered 304', async () => {
    const { response } = await fetchText('/rss/');
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    assert.ok(etag && lastModified);
    assert.equal((await fetchText('/rss/', { 'If-None-Match': etag })).response.status, 304);
    assert.equal((await fetchText('/rss/', { 'If-Modified-Since': lastModified })).response.status, 304);
    assert.equal((await fetchText('/rss/', { 'If-None-Match': '"stale"' })).response.status, 200);
  });
});
