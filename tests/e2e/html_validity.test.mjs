// Every kind of reader page is valid HTML by the Nu HTML Checker (the W3C
// validator's engine: vnu.jar from npm, run with Debian's Java).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startByline } from './byline_server.mjs';
import { makePng } from './images.mjs';
import { signIn } from './newsroom_client.mjs';
import { errorsIn, validate } from './nu_checker.mjs';

const pages = {
  home: '/',
  home_page_2: '/page/2/',
  article: '/president-putin-russia-iran-having-strategic-ties/',
  page: '/about/',
  author: '/author/emad-askarieh/',
  section: '/section/politics/',
  tag: '/tag/diplomacy/',
  search: '/search?q=iran',
  search_without_results: '/search?q=zzzzqqq',
  search_form: '/search',
  not_found: '/no-such-story/',
  // The Persian edition's own pages.
  persian_home: '/fa/',
  persian_article: '/putin-rusiye-va-iran-ravabet-rahbordi/',
  persian_section: `/fa/section/${encodeURIComponent('سیاست')}/`,
  persian_page: '/darbare-ye-ma/',
  persian_author: '/fa/author/emad-askarieh/',
  persian_tag: `/fa/tag/${encodeURIComponent('روسیه')}/`,
  persian_search: `/fa/search?q=${encodeURIComponent('قرارداد')}`,
  persian_not_found: '/fa/no-such-story/',
  // Written by the test: a featured image, a Persian translation.
  illustrated_article: '/talks-resume-in-vienna/',
  translated_article: '/mozakerat-dar-vin/',
};

const editor = { email: 'eddie@example.com', name: 'Eddie Editor', role: 'editor', password: 'a long enough secret' };

// The stories only a newsroom makes: one with a featured image, and its
// Persian translation.
async function writeIllustratedStories(url) {
  const eddie = await signIn(url, editor.email, editor.password);
  const image = await eddie.upload(makePng(1600, 900), 'image/png', 'Ministers at the table');
  await eddie.publish({
    title: 'Talks resume in Vienna', slug: 'talks-resume-in-vienna',
    featured_image: image, featured_image_alt: 'Ministers at the table', featured_image_caption: 'The talks',
  });
  await eddie.publish({
    title: 'مذاکرات در وین از سر گرفته شد', slug: 'mozakerat-dar-vin',
    locale: 'fa', translation_of: '/talks-resume-in-vienna/',
  });
}

describe('the Nu HTML Checker', () => {
  let server;
  let folder;
  before(async () => {
    server = await startByline({ users: [editor] });
    await writeIllustratedStories(server.url);
    folder = mkdtempSync(join(tmpdir(), 'byline-vnu-'));
  });
  after(async () => {
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('finds no errors on the home, article, page, author, section, tag, search and 404 pages of both editions, nor on articles with an image or a translation', async () => {
    const files = {};
    for (const [name, path] of Object.entries(pages)) {
      const response = await fetch(server.url + path);
      assert.equal(response.status, name.endsWith('not_found') ? 404 : 200, `${path} answers`);
      assert.match(response.headers.get('content-type'), /^text\/html/);
      const file = join(folder, `${name}.html`);
      writeFileSync(file, await response.text());
      files[file] = name;
    }
    const problems = errorsIn(validate(Object.keys(files)), files);
    assert.deepEqual(problems, []);
  });

  test('catches an invalid page, so a clean report means something', () => {
    const file = join(folder, 'broken.html');
    writeFileSync(file, '<!doctype html><html lang="en"><title>x</title><p><div>block in p</p></span>');
    const messages = validate([file]);
    assert.ok(messages.some((message) => message.type === 'error'), JSON.stringify(messages));
  });
});
