// Pipedeck's only hand-written script. Loaded from the jar (the Content-Security-Policy forbids inline code).
(function () {
  'use strict';

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }

  // HTMX requests carry the CSRF token in a header (forms carry it as a hidden field).
  document.addEventListener('htmx:configRequest', function (event) {
    var header = meta('csrf-header');
    var token = meta('csrf-token');
    if (header && token) {
      event.detail.headers[header] = token;
    }
  });

  // <button data-confirm="Really?"> asks before its form is submitted.
  document.addEventListener('submit', function (event) {
    var submitter = event.submitter;
    var message = (submitter && submitter.getAttribute('data-confirm')) || event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  document.addEventListener('htmx:confirm', function (event) {
    var message = event.detail.elt.getAttribute('data-confirm');
    if (message) {
      event.preventDefault();
      if (window.confirm(message)) {
        event.detail.issueRequest(true);
      }
    }
  });

  // <button data-copy="#id"> copies the text of the element #id to the clipboard.
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy]');
    if (!button) {
      return;
    }
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (!source || !navigator.clipboard) {
      return;
    }
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      var label = button.textContent;
      button.textContent = 'Copied';
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });

  // <input type="range" data-output="#id" data-scale="0.5" data-unit=" GB"> shows its value live in <output id="id">
  // (the value times data-scale, when given, plus data-unit).
  function showRange(input) {
    var output = document.querySelector(input.getAttribute('data-output'));
    if (!output) {
      return;
    }
    var scale = parseFloat(input.getAttribute('data-scale') || '1');
    var value = parseFloat(input.value) * scale;
    output.textContent = (Math.round(value * 1000) / 1000) + (input.getAttribute('data-unit') || '');
  }
  document.addEventListener('input', function (event) {
    if (event.target.matches && event.target.matches('input[type=range][data-output]')) {
      showRange(event.target);
    }
    // <input data-confirm-text="name" data-enables="#button"> enables #button once the exact text is typed.
    if (event.target.matches && event.target.matches('input[data-confirm-text]')) {
      var target = document.querySelector(event.target.getAttribute('data-enables'));
      if (target) {
        target.disabled = event.target.value !== event.target.getAttribute('data-confirm-text');
      }
    }
  });
  function initialise(root) {
    root.querySelectorAll('input[type=range][data-output]').forEach(showRange);
    root.querySelectorAll('input[data-confirm-text]').forEach(function (input) {
      var target = document.querySelector(input.getAttribute('data-enables'));
      if (target) {
        target.disabled = input.value !== input.getAttribute('data-confirm-text');
      }
    });
  }
  document.addEventListener('DOMContentLoaded', function () { initialise(document); });
  document.addEventListener('htmx:afterSettle', function (event) { initialise(event.detail.elt); });

  // Wizards: <div data-shown-when="authentication=PLAIN|SCRAM-SHA-256;format=Avro"> shows only while the named fields
  // of its form hold one of those values (without JavaScript every field shows, and the server ignores the others).
  function fieldValue(form, name) {
    var field = form.elements.namedItem(name);
    if (!field) {
      return null;
    }
    if (field.type === 'checkbox') {
      return field.checked ? 'true' : null;
    }
    return field.value;
  }
  function applyShownWhen(form) {
    form.querySelectorAll('[data-shown-when]').forEach(function (block) {
      var shown = block.getAttribute('data-shown-when').split(';').every(function (rule) {
        var parts = rule.split('=');
        return parts[1].split('|').indexOf(fieldValue(form, parts[0])) >= 0;
      });
      // A field the server flagged stays in sight, so its message can be read and the field fixed.
      block.hidden = !shown && !block.querySelector('[aria-invalid="true"]');
    });
  }
  document.addEventListener('change', function (event) {
    var form = event.target.form;
    if (form && form.querySelector('[data-shown-when]')) {
      applyShownWhen(form);
    }
    // <form data-validate-url="…"> asks the server about a field as the user leaves it.
    if (form && form.hasAttribute('data-validate-url') && event.target.name && window.htmx) {
      var name = event.target.name.replace(/^secret:/, '');
      var target = document.getElementById('f-' + name.replace(/\./g, '-') + '-error');
      if (target) {
        window.htmx.ajax('POST', form.getAttribute('data-validate-url'),
          {source: form, target: target, swap: 'outerHTML', values: {_field: name}});
      }
    }
    // <input type="file" data-file-into="#textarea"> puts the chosen file's text into the text area.
    if (event.target.matches && event.target.matches('input[type=file][data-file-into]')) {
      var file = event.target.files && event.target.files[0];
      var into = document.querySelector(event.target.getAttribute('data-file-into'));
      if (file && into) {
        file.text().then(function (text) { into.value = text; });
      }
    }
  });
  // <form data-submit-once> disables its submit buttons once sent, so a double click sends one request.
  document.addEventListener('submit', function (event) {
    if (event.target.hasAttribute('data-submit-once') && !event.defaultPrevented) {
      setTimeout(function () {
        event.target.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; });
      }, 0);
    }
  });
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('form').forEach(function (form) {
      if (form.querySelector('[data-shown-when]')) {
        applyShownWhen(form);
      }
    });
  });
})();
