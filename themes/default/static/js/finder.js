// The case-study finder on casestudies/: filters for every vocabulary a case
// study uses, with the number each option would give beside it, a text box,
// sorting, and the whole state in the URL. Without JavaScript the page shows
// the full list the build wrote, and every browse page still works.
//
// The build writes beside the page (generator/facets/):
//   facets.json  {"v":1,"n":N,"k":K,"e":"…","g":[{"id","legend","o":[{"id","label","parent","c"[,"lang"]}]}]}
//                where "c" lists the option's case numbers (title order),
//                delta-coded in base 36 ("1,3,1" is 0, 3, 4); broader terms
//                already include their narrower terms' case studies; "e" is
//                each case's amount of evidence, in base 36.
//   cards/<i>.json  the cards {"t","u","s","y","p","a","e"[,"l"]} of case numbers
//                i*K to i*K+K-1. Only the files holding the cards on show
//                are fetched; narrowing by words fetches the rest once.
(function () {
  'use strict';
  const root = document.getElementById('finder');
  const list = document.getElementById('all-cases');
  if (!root || !list || !window.fetch || !window.URLSearchParams) return;

  const T = window.commonplaceMessages('finder');  // words in the page's language (i18n.js)
  const PAGE = 50;  // cards shown before "Show more"
  let facets, cards, evidence, words = [];
  let shown = PAGE;
  const files = {};  // card file number → its fetch, once

  // Fetches the card files that hold the given case numbers.
  function loadCards(numbers) {
    const wanted = new Set(numbers.map((i) => Math.floor(i / facets.k)));
    return Promise.all([...wanted].map((f) => {
      if (!files[f]) {
        files[f] = fetch(root.dataset.cards + f + '.json').then((r) => r.json()).then((part) => {
          part.forEach((c, j) => {
            cards[f * facets.k + j] = c;
            words[f * facets.k + j] = (c.t + ' ' + c.s + ' ' + c.p + ' ' + c.y).toLowerCase();
          });
        });
      }
      return files[f];
    }));
  }
  const allNumbers = () => Array.from({ length: facets.n }, (_, i) => i);

  // A set of case numbers as a bitset (one bit per case study).
  const Bits = {
    make: (n) => new Uint32Array((n + 31) >>> 5),
    all(n) {
      const b = Bits.make(n);
      b.fill(0xffffffff);
      if (n & 31) b[b.length - 1] = (1 << (n & 31)) - 1;
      return b;
    },
    count(b) {
      let c = 0;
      for (let i = 0; i < b.length; i++) {
        let v = b[i];
        v -= (v >>> 1) & 0x55555555;
        v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
        c += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
      }
      return c;
    },
    and(a, b) { const out = new Uint32Array(a.length); for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i]; return out; },
    or(a, b) { const out = new Uint32Array(a.length); for (let i = 0; i < a.length; i++) out[i] = a[i] | b[i]; return out; },
    has: (b, i) => (b[i >>> 5] >>> (i & 31)) & 1,
  };

  function decode(text, n) {
    const b = Bits.make(n);
    let at = -1;
    if (text) {
      for (const part of text.split(',')) {
        at += parseInt(part, 36);
        b[at >>> 5] |= 1 << (at & 31);
      }
    }
    return b;
  }

  // The state: chosen options per group, the words typed, the sort order.
  function readState() {
    const params = new URLSearchParams(location.search);
    const chosen = {};
    for (const g of facets.g) {
      const v = params.get(g.id);
      chosen[g.id] = new Set(v ? v.split(',').filter((id) => g.index.has(id)) : []);
    }
    return { chosen, q: params.get('q') || '', sort: params.get('sort') || 'relevance' };
  }

  function writeState(state, push) {
    const params = new URLSearchParams();
    for (const g of facets.g) {
      const ids = g.o.filter((o) => state.chosen[g.id].has(o.id)).map((o) => o.id);
      if (ids.length) params.set(g.id, ids.join(','));
    }
    if (state.q.trim()) params.set('q', state.q.trim());
    if (state.sort !== 'relevance') params.set('sort', state.sort);
    const query = params.toString();
    const url = location.pathname + (query ? '?' + query : '');
    if (url !== location.pathname + location.search) {
      history[push ? 'pushState' : 'replaceState'](null, '', url);
    }
  }

  function textMatches(state) {
    const terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length) return null;
    const b = Bits.make(facets.n);
    for (let i = 0; i < facets.n; i++) {
      if (terms.every((t) => words[i].includes(t))) b[i >>> 5] |= 1 << (i & 31);
    }
    return b;
  }

  // The case studies a group's choices allow (OR within the group), or null
  // when the group has none chosen.
  function groupBits(g, chosen) {
    let b = null;
    for (const o of g.o) if (chosen.has(o.id)) b = b ? Bits.or(b, o.bits) : o.bits;
    return b;
  }

  let drawn = 0;  // the latest draw; an older one that finishes later is dropped
  function render(state, announce) {
    const id = ++drawn;
    const needWords = state.q.trim() !== '';
    const ready = needWords ? loadCards(allNumbers()) : Promise.resolve();
    return ready.then(() => {
      if (id === drawn) return draw(state, announce, id);
    });
  }

  function draw(state, announce, id) {
    const n = facets.n;
    const text = textMatches(state);
    const per = facets.g.map((g) => groupBits(g, state.chosen[g.id]));
    // Everything but one group, for the counts beside that group's options.
    const except = facets.g.map((g, gi) => {
      let b = text || Bits.all(n);
      per.forEach((p, pi) => { if (pi !== gi && p) b = Bits.and(b, p); });
      return b;
    });
    let result = text || Bits.all(n);
    per.forEach((p) => { if (p) result = Bits.and(result, p); });

    facets.g.forEach((g, gi) => {
      let chosenCount = 0;
      for (const o of g.o) {
        const on = state.chosen[g.id].has(o.id);
        chosenCount += on;
        const would = per[gi] ? Bits.or(per[gi], o.bits) : o.bits;
        const count = Bits.count(Bits.and(except[gi], would));
        o.input.checked = on;
        o.input.disabled = !on && count === 0;
        o.countEl.textContent = '(' + count + ')';
      }
      g.summaryCount.textContent = chosenCount ? ' · ' + chosenCount + ' chosen' : '';
    });

    const chosenOptions = [];
    for (const g of facets.g) for (const o of g.o) if (state.chosen[g.id].has(o.id)) chosenOptions.push(o);
    const order = [];
    for (let i = 0; i < n; i++) if (Bits.has(result, i)) order.push(i);
    if (state.sort === 'evidence') {
      order.sort((a, b) => evidence[b] - evidence[a] || a - b);
    } else if (state.sort === 'relevance' && chosenOptions.length) {
      const score = (i) => chosenOptions.reduce((s, o) => s + Bits.has(o.bits, i), 0);
      order.sort((a, b) => score(b) - score(a) || a - b);
    }  // title: case numbers are in title order already

    const visible = order.slice(0, shown);
    return loadCards(visible).then(() => {
      if (id !== drawn) return;
      const ul = root.querySelector('.finder-results');
      ul.textContent = '';
      for (const i of visible) ul.appendChild(card(cards[i]));
      finish(state, announce, order);
    });
  }

  function finish(state, announce, order) {
    root.dataset.draws = String(drawn);  // for tests and bench/finder.mjs: a draw finished
    const more = root.querySelector('.finder-more');
    more.hidden = order.length <= shown;
    more.textContent = T('show_more_count', { n: Math.max(0, order.length - shown) });
    const status = root.querySelector('.finder-status');
    const message = order.length === 0
      ? T('none')
      : order.length > shown
        ? T('matches_showing', { n: order.length, shown: shown }, order.length)
        : T('matches', { n: order.length }, order.length);
    if (announce || status.textContent !== message) status.textContent = message;
    const chosen = facets.g.some((g) => state.chosen[g.id].size > 0);
    root.querySelector('.finder-clear').hidden = !chosen && !state.q.trim();
  }

  // The same markup as the build's case cards (templates/case_card.mustache).
  function card(c) {
    const li = document.createElement('li');
    li.className = 'card';
    const h = document.createElement('h3');
    h.className = 'card-title';
    const a = document.createElement('a');
    a.href = root.dataset.root + c.u;
    a.textContent = c.t;
    h.appendChild(a);
    const meta = document.createElement('p');
    meta.className = 'card-meta';
    meta.textContent = c.y + (c.p ? ' · ' + c.p : '');
    if (c.a) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = T('anonymised');
      meta.append(' · ', badge);
    }
    const s = document.createElement('p');
    s.textContent = c.s;
    if (c.l) h.lang = s.lang = c.l;  // a title and summary in another language than the page's
    li.append(h, meta, s);
    return li;
  }

  function build(state) {
    const form = document.createElement('form');
    form.className = 'finder-form';
    form.setAttribute('role', 'search');
    form.setAttribute('aria-label', T('form_label'));
    form.addEventListener('submit', (e) => e.preventDefault());

    const wordsP = document.createElement('p');
    const label = document.createElement('label');
    label.htmlFor = 'finder-q';
    label.textContent = T('words');
    const input = document.createElement('input');
    input.type = 'search';
    input.id = 'finder-q';
    input.name = 'q';
    input.value = state.q;
    wordsP.append(label, input);

    const sortP = document.createElement('p');
    const sortLabel = document.createElement('label');
    sortLabel.htmlFor = 'finder-sort';
    sortLabel.textContent = T('sort_by');
    const sort = document.createElement('select');
    sort.id = 'finder-sort';
    for (const [value, text] of [['relevance', T('sort_relevance')], ['title', T('sort_title')], ['evidence', T('sort_evidence')]]) {
      const opt = document.createElement('option');
      opt.value = value;
      opt.textContent = text;
      sort.appendChild(opt);
    }
    sort.value = state.sort;
    sortP.append(sortLabel, sort);
    form.append(wordsP, sortP);

    for (const g of facets.g) {
      const details = document.createElement('details');
      details.className = 'finder-group';
      const summary = document.createElement('summary');
      summary.textContent = g.legend;
      g.summaryCount = document.createElement('span');
      g.summaryCount.className = 'muted';
      summary.appendChild(g.summaryCount);
      const fieldset = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.className = 'visually-hidden';
      legend.textContent = g.legend;
      fieldset.appendChild(legend);
      const ul = document.createElement('ul');
      ul.className = 'plain';
      for (const o of g.o) {
        const li = document.createElement('li');
        if (o.parent) li.className = 'narrower';
        const id = 'f-' + g.id + '-' + o.id;
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.id = id;
        box.name = g.id;
        box.value = o.id;
        const l = document.createElement('label');
        l.htmlFor = id;
        if (o.lang) {
          // A term label in another language than the page's.
          const text = document.createElement('span');
          text.lang = o.lang;
          text.textContent = o.label;
          l.append(text, ' ');
        } else {
          l.textContent = o.label + ' ';
        }
        o.countEl = document.createElement('span');
        o.countEl.className = 'muted';
        l.appendChild(o.countEl);
        o.input = box;
        li.append(box, l);
        ul.appendChild(li);
      }
      fieldset.appendChild(ul);
      details.append(summary, fieldset);
      if (state.chosen[g.id].size) details.open = true;
      form.appendChild(details);
    }
    const clear = document.createElement('button');
    clear.type = 'button';
    clear.className = 'finder-clear';
    clear.textContent = T('clear');
    form.appendChild(clear);

    const status = document.createElement('p');
    status.className = 'finder-status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    const results = document.createElement('ul');
    results.className = 'card-list finder-results';
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'finder-more';
    // Hidden, and named, until the first draw says how many more there are:
    // an empty button has no accessible name (axe: button-name).
    more.hidden = true;
    more.textContent = T('show_more');
    root.append(form, status, results, more);

    let current = state;
    const update = (push) => {
      const chosen = {};
      for (const g of facets.g) chosen[g.id] = new Set(g.o.filter((o) => o.input.checked).map((o) => o.id));
      current = { chosen, q: input.value, sort: sort.value };
      shown = PAGE;
      writeState(current, push);
      render(current, true);
    };
    form.addEventListener('change', (e) => { if (e.target !== input) update(true); });
    let timer;
    input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => update(false), 150); });
    clear.addEventListener('click', () => {
      for (const g of facets.g) for (const o of g.o) o.input.checked = false;
      input.value = '';
      update(true);
      input.focus();
    });
    more.addEventListener('click', () => { shown += PAGE; render(current, true); });
    window.addEventListener('popstate', () => {
      current = readState();
      input.value = current.q;
      sort.value = current.sort;
      shown = PAGE;
      render(current, true);
    });
    render(current, false);
  }

  fetch(root.dataset.facets).then((r) => r.json()).then((f) => {
    facets = f;
    cards = new Array(f.n);
    words = new Array(f.n).fill('');
    evidence = f.e ? f.e.split(',').map((x) => parseInt(x, 36)) : new Array(f.n).fill(0);
    for (const g of facets.g) {
      g.index = new Set(g.o.map((o) => o.id));
      for (const o of g.o) o.bits = decode(o.c, f.n);
    }
    root.hidden = false;
    list.hidden = true;
    build(readState());
  }).catch(() => { /* the full list stays, as without JavaScript */ });
})();
