'use strict';
// The key console. The admin key lives in this closure only: never in a URL, in storage, or in
// the DOM (the input is cleared as soon as it is read). A new key is shown once and removed from
// the DOM when dismissed. Text is set with textContent only, never parsed as HTML. Every action
// ends with exactly one status message (data-seq counts them, for tests and screen readers).
(() => {
  const API = '../api/admin/keys';
  const PAGE = 1000;
  const MAX_PAGES = 10;
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

  // A refusal has been announced already; anything else is announced here.
  class Refused extends Error {}

  async function call(method, path, body) {
    if (adminKey === null) {
      throw new Refused('signed out');
    }
    const init = { method, headers: { Authorization: 'Bearer ' + adminKey }, cache: 'no-store',
      credentials: 'omit', referrerPolicy: 'no-referrer' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const answer = await fetch(API + path, init);
    const json = await answer.json().catch(() => ({}));
    if (answer.status === 401 || answer.status === 403) {
      signOut('Not allowed (' + answer.status + '): sign in with an admin key.');
      throw new Refused('refused');
    }
    if (!answer.ok) {
      say('Failed (' + answer.status + '): ' + (json.detail || json.title || 'error'));
      throw new Refused('failed');
    }
    return json;
  }

  // Runs an action; a network failure is announced, a refusal was announced by call().
  function run(action) {
    return async (event) => {
      if (event && event.type === 'submit') {
        event.preventDefault();
      }
      try {
        await action(event);
      } catch (e) {
        if (!(e instanceof Refused)) {
          say('Failed: the server could not be reached.');
        }
      }
    };
  }

  function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '—' : String(text);
    row.appendChild(td);
  }

  function span(text) {
    const element = document.createElement('span');
    element.textContent = text;
    return element;
  }

  // An instant in a <time> element, to the second in UTC, date and time each on one line:
  // 2026-12-05T04:25:58.279353664Z is shown as 2026-12-05 04:25:58 UTC.
  function instantCell(row, instant, none) {
    if (!instant) {
      cell(row, none);
      return;
    }
    const td = document.createElement('td');
    const time = document.createElement('time');
    time.dateTime = instant;
    const [date, clock] = instant.replace(/(\.\d+)?Z$/, '').split('T');
    time.append(span(date), ' ', span(clock + ' UTC'));
    td.appendChild(time);
    row.appendChild(td);
  }

  function action(td, label, id, handler) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.setAttribute('aria-label', label + ' key ' + id);
    button.dataset.key = id;
    button.dataset.action = label.toLowerCase();
    button.addEventListener('click', run(handler));
    td.appendChild(button);
  }

  function render(keys) {
    const body = $('keys');
    body.replaceChildren();
    for (const k of keys) {
      const row = document.createElement('tr');
      row.dataset.key = k.id;
      row.dataset.state = k.state;
      [k.id, k.principal, k.scopes.join(' '), k.roles.join(' ')].forEach((v) => cell(row, v));
      instantCell(row, k.created, '—');
      instantCell(row, k.expires, 'never');
      instantCell(row, k.lastUsed, 'never');
      cell(row, k.state);
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

  // Loads every page of the list (at most MAX_PAGES of PAGE keys) and shows it.
  async function load() {
    let keys = [];
    let after = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query = '?limit=' + PAGE + (after ? '&after=' + encodeURIComponent(after) : '');
      const json = await call('GET', query);
      keys = keys.concat(json.keys);
      after = json.next;
      if (!after) {
        break;
      }
    }
    render(keys);
    return keys.length + (after ? ' keys shown; there are more.' : ' keys.');
  }

  async function refresh(message) {
    const listed = await load();
    say(message || listed);
  }

  function showOnce(made, message) {
    $('new-key').textContent = made.key;
    $('new-key-dialog').hidden = false;
    $('new-key-dialog').focus();
    say(message + ' Copy it now: it is shown once.');
  }

  async function rotate(id) {
    const made = await call('POST', '/' + encodeURIComponent(id) + '/rotate',
      { grace: $('grace').value.trim() || '7d' });
    await load();
    showOnce(made, 'Key ' + id + ' rotated; its successor ' + made.id + ' is created.');
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
  }

  function dismissed() {
    dismiss();
    $('create-button').focus();
    say('The new key is removed from the page.');
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

  $('sign-in').addEventListener('submit', run(async () => {
    adminKey = $('admin-key').value.trim();
    $('admin-key').value = '';
    let listed;
    try {
      listed = await load();
    } catch (e) {
      adminKey = null;
      throw e;
    }
    $('sign-in').hidden = true;
    $('keys-section').hidden = false;
    $('refresh').focus();
    say('Signed in. ' + listed);
  }));

  $('create').addEventListener('submit', run(async () => {
    const body = { principal: $('principal').value.trim(), scopes: words($('scopes').value),
      roles: words($('roles').value) };
    if ($('expires').value.trim()) {
      body.expires = $('expires').value.trim();
    }
    const made = await call('POST', '', body);
    await load();
    showOnce(made, 'Key ' + made.id + ' created.');
  }));

  // The clipboard needs a secure context (HTTPS or localhost) and the user's permission; without
  // them the key is selected, for the user to copy by hand.
  $('copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('new-key').textContent);
      say('Copied to the clipboard.');
    } catch (e) {
      window.getSelection().selectAllChildren($('new-key'));
      say('Copy failed: the key is selected; copy it with Ctrl+C.');
    }
  });
  $('dismiss').addEventListener('click', dismissed);
  $('refresh').addEventListener('click', run(() => refresh()));
  $('sign-out').addEventListener('click', () => signOut());
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('new-key-dialog').hidden) {
      dismissed();
    }
  });
})();
