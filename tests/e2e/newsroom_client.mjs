// A signed-in staff member speaking HTTP to the newsroom without a browser,
// for tests that need content a reader's page can show (images,
// translations) before they look at it.
const formToken = /name="_csrf" value="([^"]+)"/;

function cookiePair(response) {
  return response.headers.get('set-cookie').split(';')[0];
}

export async function signIn(url, email, password) {
  const form = await fetch(`${url}/newsroom/sign-in/`);
  const answer = await fetch(`${url}/newsroom/sign-in/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiePair(form) },
    body: new URLSearchParams({ _csrf: (await form.text()).match(formToken)[1], email, password }),
  });
  if (answer.status !== 303) throw new Error(`sign-in answered ${answer.status}`);
  const cookie = cookiePair(answer);
  const editor = await (await fetch(`${url}/newsroom/posts/new/`, { headers: { cookie } })).text();
  const csrf = editor.match(formToken)[1];

  return {
    // Uploads an image; resolves to its address ("/media/…-1600.webp").
    async upload(bytes, type, alt) {
      const response = await fetch(`${url}/newsroom/media/`, {
        method: 'POST',
        headers: { cookie, 'content-type': type, 'x-csrf-token': csrf, 'x-filename': 'photo', 'x-alt': encodeURIComponent(alt) },
        body: bytes,
      });
      if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
      return (await response.json()).src;
    },
    // Publishes a new post from the editor's fields.
    async publish(fields) {
      const response = await fetch(`${url}/newsroom/posts/new/`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, body: '<p>Story.</p>', intent: 'publish', ...fields }),
      });
      if (response.status !== 303) throw new Error(`saving answered ${response.status}`);
    },
  };
}
