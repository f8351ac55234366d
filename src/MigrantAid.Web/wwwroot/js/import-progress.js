// Progress of a long file check: <form data-progress="/Migrants/Import/Progress/" data-progress-format="{0} / {1}">.
// The form is submitted normally; until the server answers, this page stays up and asks how
// far the check has gone, twice a second, and fills the form's progress bar.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.progress || event.defaultPrevented) {
    return;
  }
  const id = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + String(Math.random()).slice(2);
  form.querySelector('input[name=progressId]').value = id;
  const box = form.querySelector('[data-progress-bar]');
  const bar = box.querySelector('progress');
  const text = box.querySelector('[data-progress-text]');
  const format = form.dataset.progressFormat || '{0} / {1}';
  const number = new Intl.NumberFormat(document.documentElement.lang);
  const poll = async () => {
    try {
      const response = await fetch(form.dataset.progress + encodeURIComponent(id), { headers: { Accept: 'application/json' } });
      if (response.ok) {
        const p = await response.json();
        if (p.total > 0) {
          box.classList.remove('d-none');
          bar.max = p.total;
          bar.value = p.done;
          text.textContent = format.replace('{0}', number.format(Math.min(p.done, p.total))).replace('{1}', number.format(p.total));
        }
      }
    } catch {
      // The page is being replaced by the answer, or the network blinked: the next poll will tell.
    }
    window.setTimeout(poll, 500);
  };
  window.setTimeout(poll, 300);
});
