// The search page: starts the search worker (search-worker.js, which loads
// lunr.js and the index off the main thread) only when someone starts to
// search, shows results as they type, filters them, keeps the query in the URL and
// announces the result count. Everything from the index and the result
// store is treated as untrusted text (textContent only, never innerHTML).
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!form || !input || !status || !list || typeof Worker === 'undefined') return;
  // The notice for readers without JavaScript is ordinary markup (a
  // <noscript> would not show when scripts are blocked another way); hide
  // it now that search can run.
  var nojs = document.getElementById('search-nojs');
  if (nojs) nojs.hidden = true;

  var base = document.documentElement.getAttribute('data-root') || '';
  var root = new URL(base, location.href).href;
  var worker = null;
  var ready = null;
  var waiting = {};
  var nextId = 0;
  var latest = 0;
  var timer = null;

  // Starts the search worker on first use; resolves once the index is loaded.
  function load() {
    if (ready) return ready;
    status.textContent = 'Loading the search index…';
    ready = new Promise(function (resolve, reject) {
      worker = new Worker(root + 'assets/js/search-worker.js');
      worker.onmessage = function (e) {
        var m = e.data;
        if (m.type === 'ready') resolve();
        else if (m.type === 'failed') reject();
        else if (m.type === 'results' && waiting[m.id]) {
          waiting[m.id](m);
          delete waiting[m.id];
        }
      };
      worker.onerror = function () { reject(); };
      worker.postMessage({ type: 'load', root: root });
    });
    ready.catch(function () {
      status.textContent = 'The search index could not be loaded. Try browsing instead.';
      if (worker) worker.terminate();
      ready = null;
    });
    return ready;
  }

  function query(q) {
    var id = ++nextId;
    return new Promise(function (resolve) {
      waiting[id] = resolve;
      worker.postMessage({ type: 'search', id: id, q: q });
    }).then(function (m) { m.id = id; return m; });
  }

  function filters() {
    var kinds = [];
    form.querySelectorAll('input[name="kind"]:checked').forEach(function (c) { kinds.push(c.value); });
    return {
      kinds: kinds,
      type: (form.querySelector('select[name="type"]') || {}).value || '',
      nation: (form.querySelector('select[name="nation"]') || {}).value || ''
    };
  }

  function accept(doc, f) {
    if (f.kinds.length && f.kinds.indexOf(doc.kind) < 0) return false;
    if (f.type && doc.type !== f.type) return false;
    if (f.nation && (doc.nations || []).indexOf(f.nation) < 0) return false;
    return true;
  }

  // Words of the query, for highlighting (lower case, without syntax).
  function queryWords(q) {
    return q.toLowerCase().split(/[\s\-]+/).map(function (w) {
      return w.replace(/^[+\-]/, '').replace(/^[a-z]+:/, '').replace(/[\^~].*$/, '').replace(/\*/g, '');
    }).filter(function (w) { return w.length > 1; });
  }

  // Appends `text` to `el`, wrapping words that start with a query word in <mark>.
  function highlight(el, text, words) {
    if (!words.length) { el.textContent = text; return; }
    var parts = text.split(/(\s+)/);
    parts.forEach(function (part) {
      var lower = part.toLowerCase().replace(/^\W+/, '');
      var hit = words.some(function (w) { return lower.indexOf(w.slice(0, Math.max(3, w.length - 2))) === 0; });
      if (hit) {
        var m = document.createElement('mark');
        m.textContent = part;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  function updateUrl(q, f) {
    var params = new URLSearchParams();
    if (q) params.set('q', q);
    f.kinds.forEach(function (k) { params.append('kind', k); });
    if (f.type) params.set('type', f.type);
    if (f.nation) params.set('nation', f.nation);
    var qs = params.toString();
    history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
  }

  function render() {
    var q = input.value.trim();
    var f = filters();
    updateUrl(q, f);
    if (!q) { list.textContent = ''; status.textContent = ''; return; }
    query(q).then(function (out) {
      // A slower answer to an older query must not replace a newer one.
      if (out.id < latest) return;
      latest = out.id;
      show(q, f, out);
    });
  }

  function show(q, f, out) {
    list.textContent = '';
    if (out.error) {
      status.textContent = 'That search could not be understood (' + out.error + '). ' +
        'Try removing special characters such as : ^ ~ * + -';
      return;
    }
    var words = queryWords(q);
    var shown = 0;
    out.docs.forEach(function (doc) {
      if (!accept(doc, f) || shown >= 50) return;
      shown++;
      var li = document.createElement('li');
      var h = document.createElement('h2');
      h.className = 'result-title';
      var a = document.createElement('a');
      a.href = base + doc.url;
      highlight(a, doc.title, words);
      h.appendChild(a);
      var kind = document.createElement('p');
      kind.className = 'card-meta';
      kind.textContent = doc.kindLabel;
      var summary = document.createElement('p');
      highlight(summary, doc.summary || '', words);
      li.appendChild(h);
      li.appendChild(kind);
      li.appendChild(summary);
      list.appendChild(li);
    });
    status.textContent = shown === 0 ? 'No results for “' + q + '”.'
      : shown + (shown === 1 ? ' result' : ' results') + ' for “' + q + '”.'
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () { load().then(render, function () {}); }, 150);
  }

  // Fill the form from the URL, so shared links show the same results.
  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  var kinds = params.getAll('kind');
  form.querySelectorAll('input[name="kind"]').forEach(function (c) { c.checked = kinds.indexOf(c.value) >= 0; });
  ['type', 'nation'].forEach(function (name) {
    var s = form.querySelector('select[name="' + name + '"]');
    if (s && params.get(name)) s.value = params.get(name);
  });

  input.addEventListener('input', schedule);
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { input.value = ''; schedule(); }
  });
  form.addEventListener('change', schedule);
  form.addEventListener('submit', function (e) { e.preventDefault(); schedule(); });
  if (input.value) schedule();
})();
