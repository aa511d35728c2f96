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

  function query(q, live) {
    var id = ++nextId;
    return new Promise(function (resolve) {
      waiting[id] = resolve;
      worker.postMessage({ type: 'search', id: id, q: q, live: live });
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

  // Appends `text` to `el`, marking the [start, end) ranges lunr matched.
  function highlight(el, text, spans) {
    var at = 0;
    (spans || []).forEach(function (r) {
      if (r[0] < at) return;
      el.appendChild(document.createTextNode(text.slice(at, r[0])));
      var m = document.createElement('mark');
      m.textContent = text.slice(r[0], r[1]);
      el.appendChild(m);
      at = r[1];
    });
    el.appendChild(document.createTextNode(text.slice(at)));
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

  var PAGE = 20;
  var page = 0;
  var last = null;  // the latest answer, for paging without asking again

  function render(live) {
    var q = input.value.trim();
    var f = filters();
    updateUrl(q, f);
    if (!q) { list.textContent = ''; status.textContent = ''; pager.hidden = true; return; }
    query(q, live).then(function (out) {
      // A slower answer to an older query must not replace a newer one.
      if (out.id < latest) return;
      latest = out.id;
      page = 0;
      last = { q: q, f: f, out: out };
      show();
    });
  }

  function show() {
    var q = last.q, f = last.f, out = last.out;
    list.textContent = '';
    pager.hidden = true;
    if (out.error) {
      status.textContent = 'That search could not be understood (' + out.error + '). ' +
        'Try plain words, or remove the special characters : ^ ~ * + -';
      return;
    }
    var hits = out.docs.filter(function (h) { return accept(h.doc, f); });
    var first = page * PAGE;
    hits.slice(first, first + PAGE).forEach(function (h) {
      var doc = h.doc;
      var li = document.createElement('li');
      var title = document.createElement('h2');
      title.className = 'result-title';
      var a = document.createElement('a');
      a.href = base + doc.url;
      highlight(a, doc.title, h.title);
      title.appendChild(a);
      var kind = document.createElement('p');
      kind.className = 'card-meta';
      kind.textContent = doc.kindLabel;
      var summary = document.createElement('p');
      highlight(summary, doc.summary || '', h.summary);
      li.appendChild(title);
      li.appendChild(kind);
      li.appendChild(summary);
      list.appendChild(li);
    });
    if (!hits.length) {
      status.textContent = 'No results for “' + q + '”.';
      if (out.suggestion) {
        var again = document.createElement('button');
        again.type = 'button';
        again.className = 'link-button';
        again.textContent = out.suggestion;
        again.addEventListener('click', function () { input.value = out.suggestion; render(false); });
        status.appendChild(document.createTextNode(' Did you mean '));
        status.appendChild(again);
        status.appendChild(document.createTextNode('?'));
      }
      status.appendChild(document.createTextNode(' You can also browse case studies, themes and principles.'));
      return;
    }
    var to = Math.min(first + PAGE, hits.length);
    status.textContent = hits.length + (hits.length === 1 ? ' result' : ' results') + ' for “' + q + '”' +
      (hits.length > PAGE ? ', showing ' + (first + 1) + '–' + to : '') + '.';
    pager.hidden = hits.length <= PAGE;
    prev.disabled = page === 0;
    next.disabled = to >= hits.length;
  }

  // Paging: the answer is kept, so a page turn asks the index nothing.
  var pager = document.createElement('nav');
  pager.setAttribute('aria-label', 'More results');
  pager.className = 'pager search-pager';
  pager.hidden = true;
  var prev = document.createElement('button');
  prev.type = 'button';
  prev.textContent = 'Previous results';
  var next = document.createElement('button');
  next.type = 'button';
  next.textContent = 'Next results';
  pager.appendChild(prev);
  pager.appendChild(next);
  list.parentNode.insertBefore(pager, list.nextSibling);
  prev.addEventListener("click", function () { page--; show(); list.scrollIntoView(); });
  next.addEventListener('click', function () { page++; show(); list.scrollIntoView(); });

  function schedule(live) {
    clearTimeout(timer);
    timer = setTimeout(function () { load().then(function () { render(live); }, function () {}); }, 150);
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
  var box = document.getElementById('search-filters-box');
  if (box && (kinds.length || params.get('type') || params.get('nation'))) box.open = true;

  input.addEventListener('input', function () { schedule(true); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { input.value = ''; schedule(false); }
  });
  form.addEventListener('change', function (e) { if (e.target !== input) schedule(false); });
  form.addEventListener('submit', function (e) { e.preventDefault(); schedule(false); });
  if (input.value) schedule(false);
})();
