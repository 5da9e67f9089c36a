/* newrequest.js - the request form's enhancements: fields shown by conditions, live article
   suggestions while the subject is typed, files collected from several picks or drops.
   The form works without it: every field is shown with its condition as text, the server
   shows suggestions as a step of their own, and each pick of files is sent as it is. */
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

  // ---- attachments: several picks or drops add up; each file can be taken out again ----

  var input = form.querySelector('#f-attachments');
  var zone = input && input.closest('.dropzone');
  var chips = form.querySelector('.pending-files');
  var chosen = null;
  try { chosen = new DataTransfer(); } catch (e) { chosen = null; }

  function size(n) {
    return n < 1024 * 1024 ? Math.max(1, Math.round(n / 1024)) + ' KB' : (n / 1048576).toFixed(1) + ' MB';
  }

  function render() {
    chips.textContent = '';
    Array.prototype.forEach.call(chosen.files, function (f, i) {
      var li = document.createElement('li');
      li.className = 'chip';
      li.appendChild(document.createTextNode(f.name + ' (' + size(f.size) + ')'));
      var x = document.createElement('button');
      x.type = 'button';
      x.className = 'chip-x';
      x.textContent = '×';
      x.setAttribute('aria-label', (input.getAttribute('data-remove-label') || 'Remove') + ': ' + f.name);
      x.addEventListener('click', function () {
        chosen.items.remove(i);
        input.files = chosen.files;
        render();
      });
      li.appendChild(x);
      chips.appendChild(li);
    });
  }

  if (input && chips && chosen) {
    input.addEventListener('change', function () {
      Array.prototype.forEach.call(input.files, function (f) {
        var dup = Array.prototype.some.call(chosen.files, function (g) {
          return g.name === f.name && g.size === f.size && g.lastModified === f.lastModified;
        });
        if (!dup) chosen.items.add(f);
      });
      input.files = chosen.files;
      render();
    });
  }
  if (zone) {
    ['dragenter', 'dragover'].forEach(function (ev) {
      zone.addEventListener(ev, function () { zone.classList.add('dragging'); });
    });
    ['dragleave', 'drop'].forEach(function (ev) {
      zone.addEventListener(ev, function () { zone.classList.remove('dragging'); });
    });
  }

  // ---- one click is enough: the server makes one ticket per form anyway ----
  var button = form.querySelector('button[type=submit]');
  form.addEventListener('submit', function () {
    setTimeout(function () { if (button) button.disabled = true; }, 0);
  });
  window.addEventListener('pageshow', function () { if (button) button.disabled = false; });
})();
