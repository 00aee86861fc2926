// The newsroom's rich-text editor (TipTap on ProseMirror). It enhances the
// plain <textarea name="body"> of the editor page: the page works without
// it, and the form still posts the textarea, which the editor keeps in sync.
// Markdown typed as you write works as a shortcut: "## " makes a heading,
// "**bold**" bold, "> " a quote, "- " or "1. " a list.
import { Editor, Node } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

const body = document.querySelector('textarea[name="body"]');

// A pasted YouTube or X address on its own becomes a link card (below).
const embeddable = /^https:\/\/(www\.)?(youtube\.com\/watch\?v=|youtu\.be\/|x\.com\/|twitter\.com\/)\S+$/;

// An image with its caption: <figure><img …><figcaption>…</figcaption></figure>.
// The caption is edited in place. A bare <img> (from an import) becomes a
// figure too, so editing a story never drops its images.
const Figure = Node.create({
  name: 'figure',
  group: 'block',
  content: 'inline*',
  draggable: true,
  isolating: true,
  addAttributes() {
    return {
      src: { default: null },
      srcset: { default: null },
      alt: { default: '' },
      width: { default: null },
      height: { default: null },
    };
  },
  parseHTML() {
    const fromImage = (img) => (img ? {
      src: img.getAttribute('src'),
      srcset: img.getAttribute('srcset'),
      alt: img.getAttribute('alt') ?? '',
      width: img.getAttribute('width'),
      height: img.getAttribute('height'),
    } : false);
    return [
      { tag: 'figure', contentElement: 'figcaption', getAttrs: (element) => fromImage(element.querySelector('img')) },
      { tag: 'img[src]', getAttrs: (img) => fromImage(img) },
    ];
  },
  renderHTML({ node }) {
    const { src, srcset, alt, width, height } = node.attrs;
    return ['figure',
      ['img', { src, srcset, alt, width, height, sizes: '(max-width: 760px) 100vw, 760px', loading: 'lazy' }],
      ['figcaption', 0]];
  },
});

// A link card: a pasted YouTube or X address on its own becomes
// <p class="embed"><a href="…">Watch on YouTube · youtu.be/…</a></p>, which
// the theme shows as a card. No player or script from those sites is loaded.
const providers = [
  [/^https:\/\/(www\.)?(youtube\.com|youtu\.be)\//, 'Watch on YouTube'],
  [/^https:\/\/(www\.)?(x\.com|twitter\.com)\//, 'View the post on X'],
];

function cardLabel(url) {
  const provider = providers.find(([pattern]) => pattern.test(url));
  const shown = url.replace(/^https:\/\/(www\.)?/, '');
  return `${provider ? provider[1] : 'Open link'} · ${shown.length > 60 ? `${shown.slice(0, 57)}…` : shown}`;
}

const LinkCard = Node.create({
  name: 'linkCard',
  group: 'block',
  atom: true,
  addAttributes() {
    return { href: { default: null }, label: { default: '' } };
  },
  parseHTML() {
    return [{
      tag: 'p.embed',
      priority: 60,
      getAttrs: (element) => {
        const link = element.querySelector('a[href]');
        return link ? { href: link.getAttribute('href'), label: link.textContent } : false;
      },
    }];
  },
  renderHTML({ node }) {
    return ['p', { class: 'embed' }, ['a', { href: node.attrs.href }, node.attrs.label]];
  },
});

// Uploads an image file to the media library; resolves to its addresses.
async function upload(file, alt, csrfToken) {
  const response = await fetch('/newsroom/media/', {
    method: 'POST',
    body: file,
    headers: {
      'Content-Type': file.type || 'application/octet-stream',
      'X-CSRF-Token': csrfToken,
      'X-Filename': encodeURIComponent(file.name),
      'X-Alt': encodeURIComponent(alt),
    },
  });
  let answer = {};
  try { answer = await response.json(); } catch { /* not JSON: a proxy's error page */ }
  if (!response.ok) throw new Error(answer.error ?? `The upload failed (HTTP ${response.status}).`);
  return answer;
}

function toolbarButton(label, shortcut, run, isActive) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.title = shortcut ? `${label} (${shortcut})` : label;
  button.setAttribute('aria-pressed', 'false');
  button.addEventListener('click', () => run());
  return { button, isActive };
}

function mount(textarea) {
  const wrapper = document.createElement('div');
  wrapper.className = 'rich-editor';
  const toolbar = document.createElement('div');
  toolbar.className = 'rich-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Formatting');
  const surface = document.createElement('div');
  const status = document.createElement('p');
  status.className = 'upload-status';
  status.setAttribute('role', 'status');
  const picker = document.createElement('input');
  picker.type = 'file';
  picker.accept = 'image/jpeg,image/png,image/gif,image/webp';
  picker.hidden = true;
  wrapper.append(toolbar, status, surface, picker);
  textarea.before(wrapper);
  textarea.hidden = true;

  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const editor = new Editor({
    element: surface,
    content: textarea.value,
    injectCSS: false, // the page's CSP allows no inline styles; newsroom.css has the rules
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] },
      }),
      Figure,
      LinkCard,
    ],
    editorProps: {
      // Read at every update: in the story's language, right to left for
      // Persian or Arabic, as the textarea is (followLanguage keeps it so).
      attributes: () => ({
        class: 'rich-surface',
        lang: textarea.lang,
        dir: textarea.dir,
        'data-story-text': '',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label ? label.textContent : 'Story',
      }),
      handlePaste(view, event) {
        const text = event.clipboardData?.getData('text/plain')?.trim() ?? '';
        if (!embeddable.test(text)) return false;
        // The card, then a paragraph to go on writing in (so the next insert
        // does not replace the card).
        editor.chain().focus().insertContent([
          { type: 'linkCard', attrs: { href: text, label: cardLabel(text) } },
          { type: 'paragraph' },
        ]).run();
        return true;
      },
    },
    onUpdate: ({ editor: changed }) => {
      textarea.value = changed.getHTML();
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    },
  });

  const chain = () => editor.chain().focus();
  const buttons = [
    toolbarButton('Heading', '## ', () => chain().toggleHeading({ level: 2 }).run(), () => editor.isActive('heading', { level: 2 })),
    toolbarButton('Subheading', '### ', () => chain().toggleHeading({ level: 3 }).run(), () => editor.isActive('heading', { level: 3 })),
    toolbarButton('Bold', 'Ctrl+B', () => chain().toggleBold().run(), () => editor.isActive('bold')),
    toolbarButton('Italic', 'Ctrl+I', () => chain().toggleItalic().run(), () => editor.isActive('italic')),
    toolbarButton('Link', 'Ctrl+K', () => toggleLink(), () => editor.isActive('link')),
    toolbarButton('Bulleted list', '- ', () => chain().toggleBulletList().run(), () => editor.isActive('bulletList')),
    toolbarButton('Numbered list', '1. ', () => chain().toggleOrderedList().run(), () => editor.isActive('orderedList')),
    toolbarButton('Quote', '> ', () => chain().toggleBlockquote().run(), () => editor.isActive('blockquote')),
    toolbarButton('Image', '', () => picker.click(), () => editor.isActive('figure')),
    toolbarButton('From library', '', () => openLibrary(), () => false),
    toolbarButton('Undo', 'Ctrl+Z', () => chain().undo().run(), () => false),
    toolbarButton('Redo', 'Ctrl+Shift+Z', () => chain().redo().run(), () => false),
  ];
  for (const { button } of buttons) toolbar.append(button);

  const csrfToken = textarea.form?.querySelector('input[name="_csrf"]')?.value ?? '';
  picker.addEventListener('change', async () => {
    const file = picker.files[0];
    picker.value = '';
    if (!file) return;
    const alt = window.prompt('Describe the image for readers who cannot see it (alt text):', '') ?? '';
    status.textContent = `Uploading ${file.name}…`;
    try {
      const image = await upload(file, alt, csrfToken);
      insertImage(image, image.alt);
      status.textContent = 'Image added. Type its caption under it.';
    } catch (error) {
      status.textContent = error.message;
    }
  });

  const insertImage = (image, alt) => chain().insertContent({
    type: 'figure',
    attrs: { src: image.src, srcset: image.srcset, alt, width: image.width, height: image.height },
  }).run();

  // The media library in a dialog: each image is a button that inserts it.
  const library = document.createElement('dialog');
  library.className = 'media-picker';
  library.setAttribute('aria-label', 'Media library');
  wrapper.append(library);
  async function openLibrary() {
    library.replaceChildren();
    const heading = document.createElement('h2');
    heading.textContent = 'Pick an image';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Close';
    close.addEventListener('click', () => library.close());
    const grid = document.createElement('div');
    grid.className = 'media-picker-grid';
    library.append(heading, grid, close);
    library.showModal();
    try {
      const response = await fetch('/newsroom/media/?format=json');
      const images = await response.json();
      if (images.length === 0) grid.textContent = 'No images yet: upload one with the Image button.';
      for (const image of images) {
        const choose = document.createElement('button');
        choose.type = 'button';
        const thumbnail = document.createElement('img');
        thumbnail.src = image.thumbnail;
        thumbnail.alt = image.alt || 'Image without a description';
        choose.append(thumbnail);
        choose.addEventListener('click', () => {
          library.close();
          insertImage(image, image.alt);
          status.textContent = 'Image added. Type its caption under it.';
        });
        grid.append(choose);
      }
    } catch {
      grid.textContent = 'The library could not be loaded.';
    }
  }

  function toggleLink() {
    if (editor.isActive('link')) {
      chain().unsetLink().run();
      return;
    }
    const address = window.prompt('Link to (https://…)');
    if (!address) return;
    chain().extendMarkRange('link').setLink({ href: address.trim() }).run();
  }

  surface.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      toggleLink();
    }
  });

  const refresh = () => {
    for (const { button, isActive } of buttons) button.setAttribute('aria-pressed', String(isActive()));
  };
  editor.on('selectionUpdate', refresh);
  editor.on('transaction', refresh);
  refresh();

  // Warn before leaving with unsaved changes.
  let saved = textarea.value;
  textarea.form?.addEventListener('submit', () => { saved = textarea.value; });
  textarea.form?.addEventListener('byline:autosaved', () => { saved = textarea.value; });
  window.addEventListener('beforeunload', (event) => {
    if (textarea.value !== saved) event.preventDefault();
  });
  return editor;
}

if (body) window.bylineEditor = mount(body);

// Whether a language is written right to left: the browser's own answer
// where it has one, else the languages that are.
const rightToLeft = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'nqo', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
function directionOf(tag) {
  try {
    const locale = new Intl.Locale(tag);
    const info = locale.getTextInfo?.() ?? locale.textInfo;
    if (info?.direction) return info.direction;
    return rightToLeft.has(locale.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr'; // not a language tag (yet): the save will say so
  }
}

// The story's text fields follow its Language field as it is typed: a
// writer who sets "fa" writes Persian from the right at once.
function followLanguage(field) {
  if (!field) return;
  const update = () => {
    const language = field.value.trim() || field.dataset.siteLocale || 'en';
    const dir = directionOf(language);
    for (const element of document.querySelectorAll('[data-story-text]')) {
      element.lang = language;
      element.dir = dir;
    }
  };
  field.addEventListener('input', update);
}

followLanguage(document.querySelector('#locale[data-site-locale]'));

// Autosave: while a draft changes, its form is posted every half minute;
// the answer's revision becomes the form's, so Save keeps working. A new
// post becomes a draft at its first autosave, and the page its editor.
function startAutosave(form) {
  const url = form?.dataset.autosave;
  if (!url) return;
  const status = form.querySelector('.autosave-status');
  let target = url;
  let sent = new URLSearchParams(new FormData(form)).toString();
  let stopped = false;
  const save = async () => {
    const fields = new URLSearchParams(new FormData(form));
    fields.delete('intent');
    const body = fields.toString();
    if (stopped || body === sent || !fields.get('title')) return;
    try {
      const response = await fetch(target, { method: 'POST', body: fields });
      const answer = await response.json();
      if (!response.ok) {
        stopped = true;
        status.textContent = `Not saved automatically: ${answer.error}`;
        return;
      }
      sent = body;
      form.querySelector('input[name="revision"]').value = answer.revision;
      if (target.endsWith('/new/autosave/')) {
        target = `${answer.edit_url}autosave/`;
        form.action = answer.edit_url;
        history.replaceState(null, '', answer.edit_url);
      }
      status.textContent = `Draft saved at ${new Date(answer.saved_at).toLocaleTimeString()}.`;
      form.dispatchEvent(new Event('byline:autosaved'));
    } catch {
      status.textContent = 'Not saved automatically: the connection dropped. Keep this page open.';
    }
  };
  setInterval(save, Number(form.dataset.autosaveEvery ?? 30000));
  window.bylineAutosave = save;
}

startAutosave(document.querySelector('form.editor'));
