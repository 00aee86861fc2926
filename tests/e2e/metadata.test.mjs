// Search-engine and social metadata as crawlers read it: Open Graph and
// Twitter tags, and JSON-LD that parses and has every field Google asks for.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { startByline } from './byline_server.mjs';

const articlePath = '/president-putin-russia-iran-having-strategic-ties/';

function jsonLd(html) {
  const match = html.match(/<script type="application\/ld\+json">([^<]*)<\/script>/);
  assert.ok(match, 'the page has JSON-LD');
  return JSON.parse(match[1]);
}

function meta(html, property) {
  const match = html.match(new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)">`));
  return match?.[1];
}

describe('metadata', () => {
  let server;
  before(async () => { server = await startByline(); });
  after(async () => { await server?.stop(); });

  test('an article carries Open Graph, a Twitter card, NewsArticle and BreadcrumbList', async () => {
    const html = await (await fetch(server.url + articlePath)).text();
    assert.equal(meta(html, 'og:type'), 'article');
    assert.equal(meta(html, 'og:url'), server.url + articlePath);
    assert.equal(meta(html, 'article:section'), 'Politics');
    assert.equal(meta(html, 'article:author'), `${server.url}/author/emad-askarieh/`);
    assert.match(meta(html, 'article:published_time'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Its photograph, at the width the social networks ask for.
    assert.equal(meta(html, 'twitter:card'), 'summary_large_image');
    assert.match(meta(html, 'og:image'), new RegExp(`^${server.url}/media/\\d{4}/\\d\\d/[\\w-]+-1200\\.webp$`));
    assert.equal(meta(html, 'og:image:width'), '1200');
    assert.equal(meta(html, 'og:image:height'), '675');
    assert.equal(meta(html, 'og:image:alt'), 'Wooden rowing boats drawn up on a lake shore under a sunset sky');

    const [article, breadcrumbs] = jsonLd(html);
    assert.equal(article['@type'], 'NewsArticle');
    assert.equal(article.headline, 'President Putin: Russia, Iran having strategic ties');
    assert.ok(!Number.isNaN(Date.parse(article.datePublished)));
    assert.ok(!Number.isNaN(Date.parse(article.dateModified)));
    assert.deepEqual(article.author, [{ '@type': 'Person', name: 'Emad Askarieh', url: `${server.url}/author/emad-askarieh/` }]);
    assert.equal(article.publisher['@type'], 'Organization');
    assert.equal(article.publisher.name, 'The Daily Byline');
    assert.equal(article.mainEntityOfPage['@id'], server.url + articlePath);
    assert.deepEqual(article.image, [{ '@type': 'ImageObject', url: meta(html, 'og:image'), width: 1200, height: 675 }]);
    assert.equal(breadcrumbs['@type'], 'BreadcrumbList');
    assert.deepEqual(breadcrumbs.itemListElement.map((item) => item.name),
      ['The Daily Byline', 'Politics', 'President Putin: Russia, Iran having strategic ties']);
  });

  test('an article without an image has the small Twitter card and no og:image', async () => {
    const html = await (await fetch(`${server.url}/irans-mission-denies-dutch-terror-allegations-as-baseless/`)).text();
    assert.equal(meta(html, 'og:type'), 'article');
    assert.equal(meta(html, 'twitter:card'), 'summary');
    assert.equal(meta(html, 'og:image'), undefined);
    assert.equal(jsonLd(html)[0].image, undefined);
  });

  test('the home page describes the organisation and its search', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    assert.equal(meta(html, 'og:type'), 'website');
    const [organization, website] = jsonLd(html);
    assert.equal(organization['@type'], 'Organization');
    assert.equal(website['@type'], 'WebSite');
    assert.equal(website.potentialAction['@type'], 'SearchAction');
    assert.equal(website.potentialAction.target.urlTemplate, `${server.url}/search?q={search_term_string}`);
  });
});
