// The evidence map explorer. The page is built with the default map (chart,
// table and phone list, every cell a link); this script adds controls above
// it: the vocabulary for the rows and for the columns, and filters by nation,
// partnership type and partner kind. It redraws the map from
// statistics/evidence-map/data.json, keeps the choice in the URL
// (?rows=drivers&cols=impact-areas&nation=wales) and says what changed in a
// polite live region. Broader terms fold and unfold their narrower ones.
// Every non-empty cell links to the case studies behind it: the pre-rendered
// cell page for the default map, else the case-study finder with the same
// choice (casestudies/?driver=trust&impact=social&nation=wales).
(function () {
  'use strict';
  var box = document.getElementById('em-explorer');
  if (!box || !window.fetch || !window.URLSearchParams) return;
  var root = box.getAttribute('data-root') || '';
  var data, axes = {}, state, live, status, heading, lead, intro;

  fetch(box.getAttribute('data-src'))
    .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
    .then(init)
    .catch(function () { /* the pre-rendered map stays */ });

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
        if (k === 'text') e.textContent = attrs[k];
        else e.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  // A term's label, in its own language where that is not the page's.
  function labelOf(t) {
    return t.lang ? el('span', { lang: t.lang, text: t.label }) : t.label;
  }

  function init(json) {
    data = json;
    data.axes.forEach(function (a) {
      a.byId = {};
      a.terms.forEach(function (t) { t.set = new Set(t.c); t.children = []; a.byId[t.id] = t; });
      a.terms.forEach(function (t) { if (t.parent && a.byId[t.parent]) a.byId[t.parent].children.push(t); });
      axes[a.id] = a;
    });
    if (!axes[data.rows] || !axes[data.cols]) return;
    state = readUrl();
    heading = box.parentNode.querySelector('h2');
    lead = document.getElementById('em-lead');
    intro = document.querySelector('h1 + p.lead');
    buildControls();
    live = el('div', { id: 'em-live', class: 'em-map' });
    box.parentNode.insertBefore(live, document.getElementById('em-static'));
    document.getElementById('em-static').hidden = true;
    box.hidden = false;
    render(false);
    window.addEventListener('popstate', function () {
      state = readUrl();
      syncControls();
      render(true);
    });
  }

  // --- state and URL --------------------------------------------------------

  function readUrl() {
    var q = new URLSearchParams(location.search);
    var s = { rows: q.get('rows'), cols: q.get('cols'), filters: {}, open: { rows: {}, cols: {} } };
    if (!axes[s.rows]) s.rows = data.rows;
    if (!axes[s.cols]) s.cols = data.cols;
    if (s.rows === s.cols) { s.rows = data.rows; s.cols = data.cols; }
    data.filters.forEach(function (f) {
      var a = axes[f.vocab];
      s.filters[f.id] = q.getAll(f.id).filter(function (id) { return a && a.byId[id]; });
    });
    return s;
  }

  function hasFilters() {
    return data.filters.some(function (f) { return activeFilter(f).length > 0; });
  }

  function isDefault() {
    return state.rows === data.rows && state.cols === data.cols && !hasFilters();
  }

  function writeUrl() {
    var q = new URLSearchParams();
    if (!isDefault()) {
      q.set('rows', state.rows);
      q.set('cols', state.cols);
      data.filters.forEach(function (f) {
        activeFilter(f).forEach(function (id) { q.append(f.id, id); });
      });
    }
    var s = q.toString();
    var url = location.pathname + (s ? '?' + s : '') + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.pushState(null, '', url);
  }

  // A filter over the vocabulary of an axis would say the same as that axis
  // (and the finder could not repeat it), so it is set aside meanwhile.
  function filterOff(f) {
    return f.vocab !== 'regions' && (f.vocab === state.rows || f.vocab === state.cols);
  }

  function activeFilter(f) {
    return filterOff(f) ? [] : state.filters[f.id] || [];
  }

  // --- controls -------------------------------------------------------------

  var selects = {}, fieldsets = {};

  function axisSelect(which, label) {
    var id = 'em-' + which;
    var select = el('select', { id: id });
    data.axes.forEach(function (a) { select.appendChild(el('option', { value: a.id, text: a.title, lang: a.lang })); });
    select.addEventListener('change', function () {
      var other = which === 'rows' ? 'cols' : 'rows';
      if (select.value === state[other]) state[other] = state[which];  // swap rather than repeat
      state[which] = select.value;
      state.open[which] = {};
      syncControls();
      writeUrl();
      render(true);
    });
    selects[which] = select;
    return el('div', { class: 'em-axis' }, [el('label', { for: id, text: label }), select]);
  }

  function buildControls() {
    var controls = el('div', { class: 'em-controls' }, [
      axisSelect('rows', T('rows')),
      axisSelect('cols', T('columns')),
    ]);
    data.filters.forEach(function (f) {
      var a = axes[f.vocab];
      if (!a) return;
      var fs = el('fieldset', { class: 'em-filter' }, [el('legend', { text: f.legend })]);
      a.terms.forEach(function (t) {
        if (f.top && t.parent) return;
        if (!t.c.length) return;
        var id = 'em-' + f.id + '-' + t.id;
        var box = el('input', { type: 'checkbox', id: id, value: t.id });
        box.addEventListener('change', function () {
          var list = state.filters[f.id] = state.filters[f.id] || [];
          var i = list.indexOf(t.id);
          if (box.checked && i < 0) list.push(t.id);
          if (!box.checked && i >= 0) list.splice(i, 1);
          writeUrl();
          render(true);
        });
        fs.appendChild(el('label', { for: id }, [box, labelOf(t)]));
      });
      fieldsets[f.id] = fs;
      controls.appendChild(fs);
    });
    status = el('p', { id: 'em-status', class: 'em-note', role: 'status', 'aria-live': 'polite' });
    box.appendChild(el('h3', { class: 'visually-hidden', text: T('choose') }));
    box.appendChild(controls);
    box.appendChild(el('p', { class: 'em-note', text:
      T('filter_note') }));
    box.appendChild(status);
    syncControls();
  }

  function syncControls() {
    selects.rows.value = state.rows;
    selects.cols.value = state.cols;
    data.filters.forEach(function (f) {
      var fs = fieldsets[f.id];
      if (!fs) return;
      var off = filterOff(f);
      fs.disabled = off;
      fs.title = off ? T('on_axis', { filter: f.legend }) : '';
      Array.prototype.forEach.call(fs.querySelectorAll('input'), function (i) {
        i.checked = (state.filters[f.id] || []).indexOf(i.value) >= 0;
      });
    });
  }

  // --- counting -------------------------------------------------------------

  // The case studies the filters allow, or null for all of them.
  function allowed() {
    var set = null;
    data.filters.forEach(function (f) {
      var ids = activeFilter(f);
      if (!ids.length) return;
      var a = axes[f.vocab], any = new Set();
      ids.forEach(function (id) { a.byId[id].c.forEach(function (n) { any.add(n); }); });
      set = set ? new Set(Array.from(set).filter(function (n) { return any.has(n); })) : any;
    });
    return set;
  }

  function count(r, c, only) {
    var n = 0;
    var small = r.c.length <= c.c.length ? r : c, big = small === r ? c : r;
    small.c.forEach(function (k) { if (big.set.has(k) && (!only || only.has(k))) n++; });
    return n;
  }

  // Terms shown: top-level ones, and narrower ones whose broader term is open.
  function visible(which) {
    var a = axes[state[which]], open = state.open[which];
    return a.terms.filter(function (t) {
      for (var p = t.parent, d = 0; p && d < 16; p = a.byId[p] ? a.byId[p].parent : '', d++) {
        if (!open[p]) return false;
      }
      return true;
    });
  }

  function depth(a, t) {
    var d = 0;
    for (var p = t.parent; p && a.byId[p] && d < 16; p = a.byId[p].parent) d++;
    return d;
  }

  function cellHref(ra, r, ca, c) {
    if (isDefault()) return root + 'statistics/evidence-map/' + r.id + '/' + c.id + '/';
    var q = new URLSearchParams();
    q.append(ra.param, r.id);
    q.append(ca.param, c.id);
    data.filters.forEach(function (f) {
      activeFilter(f).forEach(function (id) { q.append(f.id, id); });
    });
    return root + 'casestudies/?' + q.toString();
  }

  // Words in the page's language (i18n.js).
  var T = window.commonplaceMessages('evidence_map');

  // --- drawing --------------------------------------------------------------

  function toggle(which, t) {
    var open = !!state.open[which][t.id];
    var b = el('button', {
      type: 'button', class: 'em-toggle', 'aria-expanded': open ? 'true' : 'false',
      'data-axis': which, 'data-term': t.id,
      'aria-label': T(open ? 'fold' : 'unfold', { n: t.children.length, term: t.label }, t.children.length),
      text: open ? '−' : '+',
    });
    b.addEventListener('click', function () {
      state.open[which][t.id] = !open;
      render(false);
      var again = Array.prototype.filter.call(
        live.querySelectorAll('button[data-axis="' + which + '"]'),
        function (x) { return x.getAttribute('data-term') === t.id && x.offsetParent !== null; })[0];
      if (again) again.focus();
    });
    return b;
  }

  function render(announce) {
    var ra = axes[state.rows], ca = axes[state.cols];
    var rows = visible('rows'), cols = visible('cols');
    var only = allowed();
    var counts = rows.map(function (r) { return cols.map(function (c) { return count(r, c, only); }); });
    var max = 0, filled = 0;
    counts.forEach(function (row) { row.forEach(function (n) { max = Math.max(max, n); if (n) filled++; }); });
    var title = T('title', { rows: ra.title, columns: ca.title });
    if (heading) heading.textContent = title;
    if (intro) intro.textContent = T('intro', { rows: ra.title, columns: ca.title });

    var filterText = data.filters.map(function (f) {
      var ids = activeFilter(f);
      if (!ids.length) return '';
      return f.legend + ': ' + ids.map(function (id) { return axes[f.vocab].byId[id].label; }).join(T('or'));
    }).filter(Boolean);
    var cases = only ? only.size : data.n;
    var summary = filterText.length
      ? T('summary_filtered', { filled: filled, total: rows.length * cols.length, n: cases,
                                filters: filterText.join('; ') }, cases)
      : T('summary', { filled: filled, total: rows.length * cols.length });
    if (lead) lead.textContent = summary + T('select_number');

    // The table.
    var thead = el('tr', null, [el('th', { scope: 'col', text: ra.title, lang: ra.lang })]);
    cols.forEach(function (c) {
      thead.appendChild(el('th', { scope: 'col', class: 'em-depth' + depth(ca, c), 'data-term': c.id },
        [c.children.length ? toggle('cols', c) : null, labelOf(c)]));
    });
    var tbody = el('tbody');
    rows.forEach(function (r, i) {
      var d = depth(ra, r);
      var tr = el('tr', { class: 'em-depth' + d + (r.children.length ? ' em-broader' : ''),
        'data-term': r.id, 'data-parent': r.parent || null }, [
        el('th', { scope: 'row' }, [r.children.length ? toggle('rows', r) : null,
          el('a', { href: root + 'browse/' + ra.id + '/' + r.id + '/', text: r.label, lang: r.lang })]),
      ]);
      cols.forEach(function (c, j) {
        var n = counts[i][j];
        var td = el('td', { class: 'num' });
        if (n) {
          var shade = Math.max(1, Math.ceil(n * 5 / max));
          td.appendChild(el('a', {
            href: cellHref(ra, r, ca, c), title: T('cell', { n: n, row: r.label, column: c.label }, n),
          }, [el('span', { class: 'em-swatch em-heat' + shade, 'aria-hidden': 'true' }), String(n)]));
        } else {
          td.appendChild(el('span', { class: 'em-zero', text: '0' }));
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    var table = el('table', { class: 'stat-table evidence-table' }, [
      el('caption', { text: filterText.length
        ? T('caption_filtered', { rows: ra.title, columns: ca.title, filters: filterText.join('; '), n: cases })
        : T('caption', { rows: ra.title, columns: ca.title, n: cases }) }),
      el('thead', null, [thead]),
      tbody,
    ]);
    var wrap = el('div', { class: 'table-scroll em-table', role: 'region', 'aria-label': T('table', { title: title }), tabindex: '0' },
      [table]);

    // The phone list: one entry per row term, its non-empty cells as links.
    var list = el('ul', { class: 'em-list', 'aria-label': T('by', { title: title, rows: ra.title }) });
    rows.forEach(function (r, i) {
      var li = el('li', { class: 'em-depth' + depth(ra, r), 'data-term': r.id }, [
        r.children.length ? toggle('rows', r) : null,
        el('a', { href: root + 'browse/' + ra.id + '/' + r.id + '/', text: r.label, lang: r.lang }), ' — ',
      ]);
      var any = false;
      cols.forEach(function (c, j) {
        var n = counts[i][j];
        if (!n) return;
        if (any) li.appendChild(document.createTextNode(', '));
        any = true;
        li.appendChild(el('a', { href: cellHref(ra, r, ca, c) }, [labelOf(c), ' ' + n]));
      });
      if (!any) li.appendChild(document.createTextNode(T('no_case_studies')));
      list.appendChild(li);
    });

    live.textContent = '';
    live.appendChild(wrap);
    live.appendChild(list);
    if (announce) status.textContent = T('showing', { title: title, summary: summary });
  }
})();
