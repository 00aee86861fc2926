// Byline default theme: the script reader pages load last (color-scheme.js
// runs first, in the head). Pages work without it; it turns the "Copy link" share link into a copy-to-clipboard button,
// puts the cursor in the header's search field when it opens, and offers
// the switch between light and dark.
document.addEventListener('click', async (event) => {
  const link = event.target.closest('[data-copy-link]');
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  const status = link.closest('.share')?.querySelector('.copy-status');
  try {
    await navigator.clipboard.writeText(link.href);
    // The words come from the page, in its language.
    if (status) status.textContent = status.dataset.copied;
  } catch {
    if (status) status.textContent = `${status.dataset.copyFailed} ${link.href}`;
  }
});

document.querySelector('.header-search')?.addEventListener('toggle', (event) => {
  if (event.target.open) event.target.querySelector('input')?.focus();
});

// Light or dark: the switch shows the scheme in use and flips it; the choice
// is kept in localStorage (color-scheme.js applies it on the next page).
const schemeToggle = document.querySelector('[data-scheme-toggle]');
if (schemeToggle) {
  const root = document.documentElement;
  const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
  const inUse = () => root.dataset.colorScheme ?? (systemDark.matches ? 'dark' : 'light');
  const show = () => schemeToggle.setAttribute('aria-pressed', String(inUse() === 'dark'));
  schemeToggle.hidden = false;
  show();
  systemDark.addEventListener('change', show);
  schemeToggle.addEventListener('click', () => {
    const next = inUse() === 'dark' ? 'light' : 'dark';
    root.dataset.colorScheme = next;
    try {
      localStorage.setItem('byline-color-scheme', next);
    } catch {
      // Not kept: the choice holds for this page only.
    }
    show();
  });
}
