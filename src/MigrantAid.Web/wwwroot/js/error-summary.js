// The error summary (GOV.UK pattern): focused on load so it is read out first; each link
// moves to its field. A link whose id is not on the page finds the field by its name.
(() => {
  const summary = document.querySelector('.app-error-summary');
  if (!summary) {
    return;
  }
  for (const link of summary.querySelectorAll('a[data-field]')) {
    const byId = document.getElementById(link.getAttribute('href').slice(1));
    const field = byId ?? document.querySelector(`[name="${CSS.escape(link.dataset.field)}"]`);
    if (!field) {
      link.replaceWith(document.createTextNode(link.textContent));
      continue;
    }
    if (!byId && field.id) {
      link.setAttribute('href', `#${field.id}`);
    }
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const target = field.matches('input, select, textarea, button') ? field : field.querySelector('input, select, textarea, button') ?? field;
      target.scrollIntoView({ block: 'center' });
      target.focus();
    });
  }
  summary.focus();
})();
