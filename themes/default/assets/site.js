// Byline default theme: the only script on reader pages. Pages work without
// it; it turns the "Copy link" share link into a copy-to-clipboard button,
// and puts the cursor in the header's search field when it opens.
document.addEventListener('click', async (event) => {
  const link = event.target.closest('[data-copy-link]');
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  const status = link.closest('.share')?.querySelector('.copy-status');
  try {
    await navigator.clipboard.writeText(link.href);
    if (status) status.textContent = 'Link copied.';
  } catch {
    if (status) status.textContent = 'Copy failed: the address is ' + link.href;
  }
});

document.querySelector('.header-search')?.addEventListener('toggle', (event) => {
  if (event.target.open) event.target.querySelector('input')?.focus();
});
