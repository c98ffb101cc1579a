// CDC capacity page: <output data-follows="#slider" data-scale="4" data-unit=" GiB"> shows the slider's value times
// data-scale, live (memory and compute units follow the cores). Loaded from the jar (the CSP forbids inline code).
(function () {
  'use strict';

  function follow(slider) {
    if (!slider.id) {
      return;
    }
    document.querySelectorAll('output[data-follows="#' + slider.id + '"]').forEach(function (output) {
      var value = parseFloat(slider.value) * parseFloat(output.getAttribute('data-scale') || '1');
      output.textContent = (Math.round(value * 1000) / 1000) + (output.getAttribute('data-unit') || '');
    });
  }

  document.addEventListener('input', function (event) {
    if (event.target.matches && event.target.matches('input[type=range]')) {
      follow(event.target);
    }
  });
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('input[type=range]').forEach(follow);
  });
})();
