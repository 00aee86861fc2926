// The newsroom's rich-text editor (TipTap on ProseMirror). It enhances the
// plain <textarea name="body"> of the editor page: the page works without
// it, and the form still posts the textarea, which the editor keeps in sync.
// Markdown typed as you write works as a shortcut: "## " makes a heading,
// "**bold**" bold, "> " a quote, "- " or "1. " a list.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

const body = document.querySelector('textarea[name="body"]');

// A pasted YouTube or X address on its own becomes a link card: a paragraph
// holding just the link, which the site shows as such.
const embeddable = /^https:\/\/(www\.)?(youtube\.com\/watch\?v=|youtu\.be\/|x\.com\/|twitter\.com\/)\S+$/;

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
  wrapper.append(toolbar, surface);
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
    ],
    editorProps: {
      attributes: {
        class: 'rich-surface',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label ? label.textContent : 'Story',
      },
      handlePaste(view, event) {
        const text = event.clipboardData?.getData('text/plain')?.trim() ?? '';
        if (!embeddable.test(text)) return false;
        editor.chain().focus().insertContent(
          `<p><a href="${encodeURI(text)}">${text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</a></p>`,
        ).run();
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
    toolbarButton('Undo', 'Ctrl+Z', () => chain().undo().run(), () => false),
    toolbarButton('Redo', 'Ctrl+Shift+Z', () => chain().redo().run(), () => false),
  ];
  for (const { button } of buttons) toolbar.append(button);

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
  window.addEventListener('beforeunload', (event) => {
    if (textarea.value !== saved) event.preventDefault();
  });
  return editor;
}

if (body) window.bylineEditor = mount(body);
