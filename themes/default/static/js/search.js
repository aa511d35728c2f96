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
  // Interface words in the page's language (i18n.js).
  var T = window.commonplaceMessages('search');

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
    status.textContent = T('loading');
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
      status.textContent = T('load_failed');
      if (worker) worker.terminate();
      ready = null;
    });
    return ready;
  }

  function query(ask) {
    var id = ++nextId;
    return new Promise(function (resolve) {
      waiting[id] = resolve;
      worker.postMessage({ type: 'search', id: id, q: ask.q, live: ask.live, filters: ask.filters,
                           page: ask.page });
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

  var PAGE = 20;  // as the worker pages them
  var last = null;  // the latest question, for turning its pages

  // Asks the worker for one page of the answer to the form's question.
  function render(live, page) {
    var q = input.value.trim();
    var f = filters();
    updateUrl(q, f);
    if (!q) { list.textContent = ''; status.textContent = ''; pager.hidden = true; last = null; return; }
    last = { q: q, f: f, live: live };
    var asked = last;
    query({ q: q, live: live, filters: f, page: page || 0 }).then(function (out) {
      // A slower answer to an older query must not replace a newer one.
      if (out.id < latest || asked !== last) return;
      latest = out.id;
      show(q, out);
    });
  }

  function result(doc) {
    var li = document.createElement('li');
    var title = document.createElement('h2');
    title.className = 'result-title';
    var a = document.createElement('a');
    a.href = base + doc.url;
    if (doc.lang) a.lang = doc.lang;  // a title in another language than the page's
    highlight(a, doc.title, doc.marks.title);
    title.appendChild(a);
    var kind = document.createElement('p');
    kind.className = 'card-meta';
    kind.textContent = doc.kindLabel;
    li.appendChild(title);
    li.appendChild(kind);
    if (doc.summary) {
      var summary = document.createElement('p');
      if (doc.lang) summary.lang = doc.lang;
      highlight(summary, doc.summary, doc.marks.summary);
      li.appendChild(summary);
    }
    if (doc.passage) {
      // The passage that matched, under the heading of its section, which
      // links to that section.
      var p = doc.passage;
      var where = document.createElement('p');
      where.className = 'result-passage';
      var label = document.createElement(p.anchor ? 'a' : 'span');
      label.className = 'result-section';
      if (p.anchor) label.href = base + doc.url + '#' + encodeURIComponent(p.anchor);
      label.textContent = p.heading || T('from_the_page');
      where.appendChild(label);
      where.appendChild(document.createTextNode(': '));
      var text = document.createElement('span');
      if (doc.lang) {
        // The section's heading and text are the page's words, not the interface's.
        text.lang = doc.lang;
        if (p.heading) label.lang = doc.lang;
      }
      highlight(text, p.text, p.marks);
      where.appendChild(text);
      li.appendChild(where);
    }
    return li;
  }

  function show(q, out) {
    list.textContent = '';
    pager.hidden = true;
    if (out.failed) {
      status.textContent = T('files_failed');
      return;
    }
    if (out.error) {
      status.textContent = T('not_understood', { error: out.error });
      return;
    }
    out.docs.forEach(function (doc) { list.appendChild(result(doc)); });
    if (!out.total) {
      status.textContent = T('no_results', { q: q });
      if (out.suggestion) {
        var again = document.createElement('button');
        again.type = 'button';
        again.className = 'link-button';
        again.textContent = out.suggestion;
        again.addEventListener('click', function () { input.value = out.suggestion; render(false); });
        status.appendChild(document.createTextNode(T('did_you_mean_before')));
        status.appendChild(again);
        status.appendChild(document.createTextNode(T('did_you_mean_after')));
      }
      status.appendChild(document.createTextNode(T('also_browse')));
      return;
    }
    var to = out.first + out.docs.length;
    status.textContent = out.total > PAGE
      ? T('results_range', { from: out.first + 1, to: to, total: out.total, q: q }, out.total)
      : T('results', { total: out.total, q: q }, out.total);
    pager.hidden = out.total <= PAGE;
    prev.disabled = out.first === 0;
    next.disabled = to >= out.total;
    last.page = out.first / PAGE;
  }

  // Paging.
  var pager = document.createElement('nav');
  pager.setAttribute('aria-label', T('more_results'));
  pager.className = 'pager search-pager';
  pager.hidden = true;
  var prev = document.createElement('button');
  prev.type = 'button';
  prev.textContent = T('previous_results');
  var next = document.createElement('button');
  next.type = 'button';
  next.textContent = T('next_results');
  pager.appendChild(prev);
  pager.appendChild(next);
  list.parentNode.insertBefore(pager, list.nextSibling);
  // A page turn asks the worker, which keeps the ranked answer and fetches
  // only that page's result files.
  function turn(by) {
    if (!last) return;
    var q = last.q;
    query({ q: q, live: last.live, filters: last.f, page: (last.page || 0) + by }).then(function (out) {
      if (last && last.q === q) { show(q, out); list.scrollIntoView(); }
    });
  }
  prev.addEventListener('click', function () { turn(-1); });
  next.addEventListener('click', function () { turn(1); });

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
