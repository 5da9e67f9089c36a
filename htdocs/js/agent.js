/* agent.js - the agent workspace's enhancements: reply or note, macros without losing the draft,
 * who else has the ticket open, keyboard shortcuts. Every page works without it. */
(function () {
  'use strict';

  // ---- reply or internal note: the box turns yellow for a note, the button says what happens ----
  var reply = document.getElementById('reply');
  function syncVisibility() {
    if (!reply) return;
    var note = reply.querySelector('input[name=visibility][value=internal]');
    reply.classList.toggle('is-internal', !!(note && note.checked));
  }
  if (reply) {
    reply.addEventListener('change', function (e) {
      if (e.target.name === 'visibility') syncVisibility();
    });
    syncVisibility();
  }
  function compose(kind) {
    if (!reply) return;
    var radio = reply.querySelector('input[name=visibility][value=' + kind + ']');
    if (radio) { radio.checked = true; syncVisibility(); }
    var body = document.getElementById('f-body');
    if (body) { body.focus(); body.scrollIntoView({ block: 'center' }); }
  }

  // ---- macros: fetched into the open draft instead of reloading the page ----
  var pick = document.querySelector('form.macro-pick');
  if (pick && reply && window.fetch && window.DOMParser) {
    pick.addEventListener('submit', function (e) {
      var sel = pick.querySelector('select[name=macro]');
      if (!sel || !sel.value) { e.preventDefault(); return; }
      e.preventDefault();
      var url = pick.action.replace(/#.*$/, '') + '?' + new URLSearchParams(new FormData(pick)).toString();
      fetch(url, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var filled = doc.getElementById('reply');
        if (!filled) throw new Error('no form');
        var body = document.getElementById('f-body');
        var text = filled.querySelector('#f-body').value;
        body.value = body.value.trim() ? body.value.replace(/\s+$/, '') + '\n\n' + text : text;
        ['status', 'priority', 'group'].forEach(function (name) {
          var from = filled.querySelector('select[name=' + name + ']');
          var to = reply.querySelector('select[name=' + name + ']');
          if (from && to) to.value = from.value;
        });
        var vis = filled.querySelector('input[name=visibility]:checked');
        if (vis) compose(vis.value);
        sel.value = '';
      }).catch(function () { pick.submit(); });
    });
  }

  // ---- who else has the ticket open: asked now and then while the page is visible ----
  var viewers = document.getElementById('viewers');
  if (viewers && window.fetch) {
    var poll = function () {
      if (document.hidden) return;
      fetch(viewers.getAttribute('data-url'), { credentials: 'same-origin' }).then(function (r) {
        return r.ok ? r.json() : null;
      }).then(function (d) {
        if (!d) return;
        viewers.hidden = !d.others.length;
        viewers.textContent = d.others.length ? viewers.getAttribute('data-text').replace('%s', d.others.join(', ')) : '';
      }).catch(function () {});
    };
    setInterval(poll, 20000);
    document.addEventListener('visibilitychange', poll);
  }

  // ---- keyboard shortcuts (not while typing) ----
  var rows = Array.prototype.slice.call(document.querySelectorAll('table[data-rows] tbody tr'));
  var current = -1;
  function moveRow(step) {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, current + step));
    rows.forEach(function (r, i) { r.classList.toggle('is-current', i === current); });
    var link = rows[current].querySelector('.col-subject a');
    if (link) link.focus();
  }
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.target.id === 'f-body') {
      e.preventDefault();
      reply.requestSubmit ? reply.requestSubmit() : reply.submit();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    var keyed = document.querySelector('[data-key="' + e.key + '"]');
    if (e.key === 'j' && rows.length) { moveRow(1); e.preventDefault(); }
    else if (e.key === 'k' && rows.length) { moveRow(-1); e.preventDefault(); }
    else if (e.key === 'r' && reply) { compose('public'); e.preventDefault(); }
    else if (e.key === 'n' && reply) { compose('internal'); e.preventDefault(); }
    else if (e.key === '/' && keyed) { keyed.focus(); e.preventDefault(); }
    else if (keyed) { keyed.click(); e.preventDefault(); }
  });

  // a conflict: the message gets the focus, so that it is read first
  var conflict = document.getElementById('conflict');
  if (conflict) conflict.focus();
})();
