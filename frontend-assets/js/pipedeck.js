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
})();
