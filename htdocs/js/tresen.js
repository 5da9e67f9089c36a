/* tresen.js - small progressive enhancements; every page works without it. */
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // A form that came back with errors: the summary gets the focus, its links lead to the fields.
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();

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

  // ---- files: one control on every form ----
  // Each file input keeps what was picked or dropped across several picks; the form's
  // .pending-files list shows every chosen file as a chip that can be taken out again.
  // A pasted image goes into the input named by the text area's data-paste-target.
  // Without the script each pick is sent as it is (the inputs stay plain).
  function size(n) {
    return n < 1024 * 1024 ? Math.max(1, Math.round(n / 1024)) + ' KB' : (n / 1048576).toFixed(1) + ' MB';
  }
  var canKeep = (function () { try { return !!new DataTransfer(); } catch (e) { return false; } })();

  document.querySelectorAll('form').forEach(function (form) {
    var chips = form.querySelector('.pending-files');
    var inputs = Array.prototype.slice.call(form.querySelectorAll('input[type=file]'));
    if (!chips || !inputs.length || !canKeep) return;
    var kept = inputs.map(function () { return new DataTransfer(); });

    function render() {
      chips.textContent = '';
      inputs.forEach(function (input, k) {
        Array.prototype.forEach.call(kept[k].files, function (f, i) {
          var li = document.createElement('li');
          li.className = 'chip';
          var tag = input.getAttribute('data-tag');
          if (tag) {
            var t = document.createElement('span');
            t.className = 'tag';
            t.textContent = tag;
            li.appendChild(t);
          }
          li.appendChild(document.createTextNode(f.name + ' (' + size(f.size) + ')'));
          var x = document.createElement('button');
          x.type = 'button';
          x.className = 'chip-x';
          x.textContent = '×';
          x.setAttribute('aria-label', (input.getAttribute('data-remove-label') || 'Remove') + ': ' + f.name);
          x.addEventListener('click', function () {
            kept[k].items.remove(i);
            input.files = kept[k].files;
            render();
            input.focus();
          });
          li.appendChild(x);
          chips.appendChild(li);
        });
      });
    }

    function add(k, files) {
      Array.prototype.forEach.call(files, function (f) {
        var dup = Array.prototype.some.call(kept[k].files, function (g) {
          return g.name === f.name && g.size === f.size && g.lastModified === f.lastModified;
        });
        if (!dup) kept[k].items.add(f);
      });
      inputs[k].files = kept[k].files;
      render();
    }

    inputs.forEach(function (input, k) {
      input.addEventListener('change', function () { add(k, input.files); });
      var zone = input.closest('.dropzone');
      if (!zone) return;
      ['dragenter', 'dragover'].forEach(function (ev) { zone.addEventListener(ev, function () { zone.classList.add('dragging'); }); });
      ['dragleave', 'drop'].forEach(function (ev) { zone.addEventListener(ev, function () { zone.classList.remove('dragging'); }); });
    });

    form.querySelectorAll('textarea[data-paste-target]').forEach(function (area) {
      var k = inputs.indexOf(document.getElementById(area.getAttribute('data-paste-target')));
      if (k < 0) return;
      area.addEventListener('paste', function (e) {
        var items = (e.clipboardData && e.clipboardData.items) || [];
        var pasted = [];
        Array.prototype.forEach.call(items, function (item) {
          if (item.kind !== 'file' || !/^image\/(png|jpeg|gif|webp)$/.test(item.type)) return;
          var blob = item.getAsFile();
          if (!blob) return;
          var ext = item.type.split('/')[1].replace('jpeg', 'jpg');
          var stamp = new Date().toISOString().replace(/[:T]/g, '-').slice(0, 19);
          pasted.push(new File([blob], 'screenshot-' + stamp + '.' + ext, { type: item.type }));
        });
        if (!pasted.length) return;
        e.preventDefault();
        add(k, pasted);
      });
    });
  });
})();
