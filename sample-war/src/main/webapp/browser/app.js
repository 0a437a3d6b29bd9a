'use strict';
// The ephemeral key is kept in this closure only: never written to the DOM, a URL or storage.
(() => {
  let key = null;
  let seq = 0;
  const $ = (id) => document.getElementById(id);

  function show(status, caller) {
    $('status').textContent = status;
    $('caller').textContent = caller || '';
    seq += 1;
    $('status').dataset.seq = String(seq);
  }

  $('ask').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      expires_in: Number($('lifetime').value),
      single_use: $('single').checked,
    };
    const answer = await fetch('key', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
    if (!answer.ok) {
      key = null;
      show('mint ' + answer.status);
      return;
    }
    const json = await answer.json();
    key = json.client_secret.value;
    $('expires').textContent = new Date(json.client_secret.expires_at * 1000).toISOString();
    show('key ready');
  });

  $('call').addEventListener('click', async () => {
    const answer = await fetch('../api/me', {
      headers: key ? { Authorization: 'Bearer ' + key } : {},
      cache: 'no-store',
    });
    const caller = answer.ok ? (await answer.json()).principal : '';
    show(String(answer.status), caller);
  });
})();
