// Writes the result (or the error) into <pre id="out"> and marks it done, for the test to read.
export function report(result) {
  const out = document.getElementById('out');
  result.then((r) => { out.textContent = JSON.stringify(r); out.dataset.done = 'ok'; },
    (e) => { out.textContent = String((e && e.stack) || e); out.dataset.done = 'error'; });
}
