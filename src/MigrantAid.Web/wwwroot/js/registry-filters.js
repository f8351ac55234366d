// On a phone the registry's filters fold into one "Filters" line, so that the results come
// right after the search box; a filter in use keeps the panel open. Without JavaScript the
// form shows every field, as on a computer.
(() => {
  const form = document.querySelector('form[data-fold-label]');
  if (!form || !window.matchMedia('(max-width: 575.98px)').matches) {
    return;
  }
  const columns = [...form.children].filter((c) => c.matches('div') && c.querySelector('select'));
  if (columns.length === 0) {
    return;
  }
  const details = document.createElement('details');
  details.className = 'col-12 registry-filters';
  const summary = document.createElement('summary');
  summary.textContent = form.dataset.foldLabel;
  const row = document.createElement('div');
  row.className = 'row g-2 mt-1';
  details.append(summary, row);
  columns[0].before(details);
  columns.forEach((c) => row.append(c));
  details.open = columns.some((c) => c.querySelector('select').value !== '');
})();
