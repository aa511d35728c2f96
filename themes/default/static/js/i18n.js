// Interface words for the page scripts. The layout writes the messages of
// the page's language (the theme's i18n/<lang>.yaml, under js.) into a JSON
// block, #cp-messages; commonplaceMessages('search') returns a function
// t(key, args, n) that looks up "search.<key>", fills {name} placeholders
// from `args` and, for a message with plural forms, picks the form for `n`
// by the same rules as the generator (i18n/messages.cc).
(function () {
  'use strict';
  var data = null;
  function load() {
    if (data) return data;
    try {
      data = JSON.parse(document.getElementById('cp-messages').textContent);
    } catch (e) {
      data = {};
    }
    return data;
  }
  function category(lang, n) {
    n = Math.abs(n);
    if (lang === 'cy') {
      return { 0: 'zero', 1: 'one', 2: 'two', 3: 'few', 6: 'many' }[n] || 'other';
    }
    return n === 1 ? 'one' : 'other';
  }
  function fill(text, args) {
    return String(text).replace(/\{([\w.]+)\}/g, function (m, k) {
      return args && Object.prototype.hasOwnProperty.call(args, k) ? String(args[k]) : m;
    });
  }
  window.commonplaceMessages = function (prefix) {
    var d = load();
    var lang = String(d.lang || 'en').split('-')[0];
    var messages = d.messages || {};
    return function (key, args, n) {
      var m = messages[prefix + '.' + key];
      if (m === undefined) return prefix + '.' + key;
      if (typeof m === 'object') {
        var form = category(lang, n === undefined ? 0 : n);
        m = m[form] !== undefined ? m[form] : m.other;
      }
      return fill(m, args);
    };
  };
})();
