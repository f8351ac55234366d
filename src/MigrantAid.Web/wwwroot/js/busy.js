// Forms that take a while (an import of thousands of rows) say so while the server works:
// <form data-busy="message"> shows the message in its [data-busy-status] element and disables its buttons.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.busy || event.defaultPrevented) {
    return;
  }
  const status = form.querySelector('[data-busy-status]');
  if (status) {
    status.textContent = form.dataset.busy;
    status.classList.remove('d-none');
  }
  // Disabled after the submission has started, so the clicked button's value is still sent.
  setTimeout(() => form.querySelectorAll('button[type=submit]').forEach((b) => { b.disabled = true; }), 0);
});
