// Byline default theme: the reader's own choice of light or dark, set
// before the page is drawn so that it never flashes in the other. Kept in
// localStorage, never in a cookie; site.js offers the switch.
try {
  const chosen = localStorage.getItem('byline-color-scheme');
  if (chosen === 'light' || chosen === 'dark') document.documentElement.dataset.colorScheme = chosen;
} catch {
  // Storage refused (a private window): the system's choice stands.
}
