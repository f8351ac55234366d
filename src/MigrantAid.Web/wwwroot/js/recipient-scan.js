// The file-number field of a distribution takes what a USB or Bluetooth QR scanner types: the
// number of the beneficiary card, then Enter, which submits the form like a typed number. Back on
// the page (added, or refused with a message), the field has the focus again, its text selected,
// so the next scan replaces it; when a double-aid decision is asked, the reason field has it.
(() => {
  const form = document.querySelector('form[data-scan-form]');
  if (!form) {
    return;
  }
  const number = form.querySelector('input[name="FileNumber"]');
  const reason = form.querySelector('input[name="RepeatReason"]');
  const searching = document.getElementById('search-results');
  if (reason) {
    reason.focus();
  } else if (number && !searching) {
    number.focus();
    number.select();
  }
  let sent = false;
  form.addEventListener('submit', (event) => {
    // Scanners may add spaces or a line feed around the number; one Enter sends it once.
    number.value = number.value.replace(/[\u0000-\u001f\u007f]/g, '').trim();
    if (sent || number.value === '') {
      event.preventDefault();
      if (!sent) {
        number.focus();
      }
      return;
    }
    sent = true;
  });
})();
