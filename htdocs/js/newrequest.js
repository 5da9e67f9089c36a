/* newrequest.js - the request form's enhancements: fields shown by conditions, live article
   suggestions while the subject is typed (files and CC are tresen.js's, as on every form).
   The form works without it: every field is shown with its condition as text, and the
   server shows suggestions as a step of their own. */
(function () {
  'use strict';

  var form = document.querySelector('form.new-request');
  if (!form) return;
  form.classList.add('enhanced');

  // ---- conditions: data-show-when="field_system=test field_x=1" (any one suffices) ----

  function valuesOf(name) {
    var out = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
      if (el.disabled) return;                      // a hidden field's value does not count
      if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.checked) out.push(el.value);
      } else if (el.tagName === 'SELECT') {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { out.push(o.value); });
      } else if (el.value) {
        out.push(el.value);
      }
    });
    return out;
  }

  function holds(spec) {
    return spec.split(' ').some(function (pair) {
      var eq = pair.indexOf('=');
      return eq > 0 && valuesOf(pair.slice(0, eq)).indexOf(pair.slice(eq + 1)) >= 0;
    });
  }

  var conditional = Array.prototype.slice.call(form.querySelectorAll('[data-show-when]'));
  function applyConditions() {
    // document order: a field's condition is decided before the fields that depend on it
    conditional.forEach(function (box) {
      var show = holds(box.getAttribute('data-show-when'));
      box.hidden = !show;
      box.querySelectorAll('input, select, textarea').forEach(function (el) { el.disabled = !show; });
    });
  }
  form.addEventListener('change', applyConditions);
  form.addEventListener('input', applyConditions);
  applyConditions();

  // ---- suggested articles while the subject is typed ----

  var subject = form.querySelector('#f-subject');
  var box = form.querySelector('#suggestions');
  var list = box && box.querySelector('ul');
  var seen = form.querySelector('#f-suggested');
  var url = form.getAttribute('data-suggest-url');
  var timer = null;
  var asked = 0;

  function show(articles) {
    list.textContent = '';
    articles.forEach(function (a) {
      var li = document.createElement('li');
      var link = document.createElement('a');
      link.href = a.url;
      link.textContent = a.title;
      link.target = '_blank';
      link.rel = 'noopener';
      var p = document.createElement('p');
      p.textContent = a.snippet;
      li.appendChild(link);
      li.appendChild(p);
      list.appendChild(li);
    });
    box.hidden = articles.length === 0;
    // the user has seen suggestions: the server need not show them as a step
    if (articles.length && seen) seen.value = '1';
  }

  function ask() {
    var q = subject.value.trim();
    if (q.length < 3) {
      show([]);
      return;
    }
    var mine = ++asked;
    fetch(url + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { articles: [] }; })
      .then(function (data) { if (mine === asked) show(data.articles || []); })
      .catch(function () { /* suggestions are a help, never a hurdle */ });
  }

  if (subject && box && list && url && window.fetch) {
    subject.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 250);
    });
  }

  // ---- CC: colleagues matching the entry being typed (after two letters), names first ----
  // A combobox (ARIA 1.2): arrow keys move through the matches, Enter or a click puts the
  // chosen one in place of the entry being typed; the field stays plain text (comma-separated).
  var cc = form.querySelector('#f-cc');
  var options = form.querySelector('#cc-options');
  if (cc && options && window.fetch) {
    var ccTimer = null, ccAsked = 0, active = -1, matches = [];
    cc.setAttribute('role', 'combobox');
    cc.setAttribute('aria-autocomplete', 'list');
    cc.setAttribute('aria-expanded', 'false');
    cc.setAttribute('aria-controls', 'cc-options');

    var entryStart = function () {
      var upto = cc.value.slice(0, cc.selectionStart == null ? cc.value.length : cc.selectionStart);
      return Math.max(upto.lastIndexOf(','), upto.lastIndexOf(';')) + 1;
    };
    var current = function () {
      var start = entryStart();
      var rest = cc.value.slice(start);
      var end = rest.search(/[,;]/);
      return (end < 0 ? rest : rest.slice(0, end)).trim();
    };
    var close = function () {
      options.hidden = true;
      options.textContent = '';
      cc.setAttribute('aria-expanded', 'false');
      cc.removeAttribute('aria-activedescendant');
      active = -1;
      matches = [];
    };
    var highlight = function (i) {
      active = i;
      Array.prototype.forEach.call(options.children, function (li, k) {
        li.setAttribute('aria-selected', k === i ? 'true' : 'false');
      });
      if (i >= 0) cc.setAttribute('aria-activedescendant', 'cc-opt-' + i);
      else cc.removeAttribute('aria-activedescendant');
    };
    var choose = function (i) {
      var m = matches[i];
      if (!m) return;
      var start = entryStart();
      var rest = cc.value.slice(start);
      var end = rest.search(/[,;]/);
      var after = end < 0 ? '' : rest.slice(end + 1);
      var before = cc.value.slice(0, start);
      cc.value = (before ? before.replace(/\s*$/, ' ') : '') + m.name + ' <' + m.email + '>, ' + after.replace(/^\s*/, '');
      close();
      cc.focus();
    };
    var showMatches = function (list) {
      options.textContent = '';
      matches = list;
      list.forEach(function (m, i) {
        var li = document.createElement('li');
        li.id = 'cc-opt-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        var strong = document.createElement('strong');
        strong.textContent = m.name;
        var small = document.createElement('span');
        small.className = 'muted';
        small.textContent = ' ' + m.email;
        li.appendChild(strong);
        li.appendChild(small);
        li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
        options.appendChild(li);
      });
      options.hidden = list.length === 0;
      cc.setAttribute('aria-expanded', list.length ? 'true' : 'false');
      active = -1;
    };
    cc.addEventListener('input', function () {
      clearTimeout(ccTimer);
      var q = current();
      if (q.length < 2) { close(); return; }
      ccTimer = setTimeout(function () {
        var mine = ++ccAsked;
        fetch(cc.getAttribute('data-suggest-url') + '?q=' + encodeURIComponent(q),
              { credentials: 'same-origin', headers: { Accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : { colleagues: [] }; })
          .then(function (d) { if (mine === ccAsked) showMatches(d.colleagues || []); })
          .catch(function () {});
      }, 200);
    });
    cc.addEventListener('keydown', function (e) {
      if (options.hidden) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); highlight((active + 1) % matches.length); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(active <= 0 ? matches.length - 1 : active - 1); }
      else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); choose(active); }
      else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); }
    });
    cc.addEventListener('blur', function () { setTimeout(close, 100); });
  }

  // ---- one click is enough: the server makes one ticket per form anyway ----
  var button = form.querySelector('button[type=submit]');
  form.addEventListener('submit', function () {
    setTimeout(function () { if (button) button.disabled = true; }, 0);
  });
  window.addEventListener('pageshow', function () { if (button) button.disabled = false; });
})();
