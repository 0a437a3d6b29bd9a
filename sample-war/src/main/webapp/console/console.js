'use strict';
// The key console. The admin key lives in this closure only: never in a URL, in storage, or in
// the DOM (the input is cleared as soon as it is read). A new key is shown once and removed from
// the DOM when dismissed. Text is set with textContent only, never parsed as HTML.
(() => {
  const API = '../api/admin/keys';
  let adminKey = null;
  let seq = 0;
  const $ = (id) => document.getElementById(id);

  function say(text) {
    $('status').textContent = text;
    seq += 1;
    $('status').dataset.seq = String(seq);
  }

  function words(text) {
    return text.split(/\s+/).filter((w) => w.length > 0);
  }

  async function call(method, path, body) {
    const init = { method, headers: { Authorization: 'Bearer ' + adminKey }, cache: 'no-store' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const answer = await fetch(API + path, init);
    const json = await answer.json().catch(() => ({}));
    if (answer.status === 401 || answer.status === 403) {
      signOut('Not allowed (' + answer.status + '): sign in with an admin key.');
      throw new Error('refused');
    }
    if (!answer.ok) {
      say('Failed (' + answer.status + '): ' + (json.detail || json.title || 'error'));
      throw new Error('failed');
    }
    return json;
  }

  function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '—' : String(text);
    row.appendChild(td);
  }

  function action(td, label, id, handler) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.setAttribute('aria-label', label + ' key ' + id);
    button.dataset.key = id;
    button.dataset.action = label.toLowerCase();
    button.addEventListener('click', handler);
    td.appendChild(button);
  }

  function render(keys) {
    const body = $('keys');
    body.replaceChildren();
    for (const k of keys) {
      const row = document.createElement('tr');
      row.dataset.key = k.id;
      [k.id, k.principal, k.scopes.join(' '), k.roles.join(' '), k.created, k.expires,
        k.lastUsed || 'never', k.state].forEach((v) => cell(row, v));
      const td = document.createElement('td');
      if (k.state !== 'revoked') {
        action(td, 'Rotate', k.id, () => rotate(k.id));
        action(td, k.state === 'disabled' ? 'Enable' : 'Disable', k.id,
          () => patch(k.id, { disabled: k.state !== 'disabled' }));
        action(td, 'Revoke', k.id, () => revoke(k.id));
      }
      row.appendChild(td);
      body.appendChild(row);
    }
  }

  async function refresh(message) {
    const json = await call('GET', '');
    render(json.keys);
    say(message || json.keys.length + ' keys.');
  }

  function showOnce(key, id) {
    $('new-key').textContent = key;
    $('new-key-dialog').hidden = false;
    $('new-key-dialog').focus();
    say('Key ' + id + ' created. Copy it now: it is shown once.');
  }

  async function rotate(id) {
    const made = await call('POST', '/' + encodeURIComponent(id) + '/rotate',
      { grace: $('grace').value.trim() || '7d' });
    await refresh();
    showOnce(made.key, made.id);
  }

  async function patch(id, change) {
    await call('PATCH', '/' + encodeURIComponent(id), change);
    await refresh('Key ' + id + (change.disabled ? ' disabled.' : ' enabled.'));
  }

  async function revoke(id) {
    await call('DELETE', '/' + encodeURIComponent(id));
    await refresh('Key ' + id + ' revoked.');
  }

  function dismiss() {
    $('new-key').textContent = '';
    $('new-key-dialog').hidden = true;
    $('create-button').focus();
  }

  function signOut(message) {
    adminKey = null;
    dismiss();
    $('keys').replaceChildren();
    $('keys-section').hidden = true;
    $('sign-in').hidden = false;
    $('admin-key').focus();
    say(message || 'Signed out.');
  }

  $('sign-in').addEventListener('submit', async (event) => {
    event.preventDefault();
    adminKey = $('admin-key').value.trim();
    $('admin-key').value = '';
    try {
      await refresh();
    } catch (e) {
      return;
    }
    $('sign-in').hidden = true;
    $('keys-section').hidden = false;
    $('refresh').focus();
  });

  $('create').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { principal: $('principal').value.trim(), scopes: words($('scopes').value),
      roles: words($('roles').value) };
    if ($('expires').value.trim()) {
      body.expires = $('expires').value.trim();
    }
    const made = await call('POST', '', body);
    await refresh();
    showOnce(made.key, made.id);
  });

  $('copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('new-key').textContent);
      say('Copied to the clipboard.');
    } catch (e) {
      say('Copy failed: select the key and copy it by hand.');
    }
  });
  $('dismiss').addEventListener('click', dismiss);
  $('refresh').addEventListener('click', () => refresh());
  $('sign-out').addEventListener('click', () => signOut());
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('new-key-dialog').hidden) {
      dismiss();
    }
  });
})();
