/* tresen.js - small progressive enhancements; every page works without it. */
(function () {
  'use strict';

  // Close an open <details> menu when clicking elsewhere or pressing Escape.
  document.addEventListener('click', function (e) {
    document.querySelectorAll('details.user-menu[open], details.column-menu[open]').forEach(function (d) {
      if (!d.contains(e.target)) d.removeAttribute('open');
    });
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    document.querySelectorAll('details[open]').forEach(function (d) {
      d.removeAttribute('open');
      var s = d.querySelector('summary');
      if (s) s.focus();
    });
  });

  // Files chosen for a comment are listed as chips before sending.
  function listFiles(form) {
    var list = form.querySelector('.pending-files');
    if (!list) return;
    list.textContent = '';
    form.querySelectorAll('input[type=file]').forEach(function (input) {
      Array.prototype.forEach.call(input.files || [], function (f) {
        var li = document.createElement('li');
        var span = document.createElement('span');
        span.className = 'chip';
        span.textContent = f.name + ' (' + Math.max(1, Math.round(f.size / 1024)) + ' KB)';
        li.appendChild(span);
        list.appendChild(li);
      });
    });
  }
  document.querySelectorAll('form input[type=file]').forEach(function (input) {
    input.addEventListener('change', function () { listFiles(input.form); });
  });

  // Pasting an image into a comment box adds it to the screenshot input.
  document.querySelectorAll('textarea[data-paste-target]').forEach(function (area) {
    var input = document.getElementById(area.getAttribute('data-paste-target'));
    if (!input || typeof DataTransfer === 'undefined') return;
    area.addEventListener('paste', function (e) {
      var items = (e.clipboardData && e.clipboardData.items) || [];
      var added = false;
      var dt = new DataTransfer();
      Array.prototype.forEach.call(input.files || [], function (f) { dt.items.add(f); });
      Array.prototype.forEach.call(items, function (item) {
        if (item.kind !== 'file' || !/^image\/(png|jpeg|gif|webp)$/.test(item.type)) return;
        var blob = item.getAsFile();
        if (!blob) return;
        var ext = item.type.split('/')[1].replace('jpeg', 'jpg');
        var stamp = new Date().toISOString().replace(/[:T]/g, '-').slice(0, 19);
        dt.items.add(new File([blob], 'screenshot-' + stamp + '.' + ext, { type: item.type }));
        added = true;
      });
      if (!added) return;
      e.preventDefault();
      input.files = dt.files;
      listFiles(area.form);
    });
  });
})();
