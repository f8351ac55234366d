// MigrantAid — small progressive enhancements; the app works without JavaScript.
// Forms that delete or otherwise destroy ask first: <form data-confirm="message">.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
