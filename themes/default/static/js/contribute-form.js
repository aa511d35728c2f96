// The web form at contribute/new/. The build writes the form from the
// case-study JSON Schema and the vocabularies (generator/render/
// contribute_form.cc); this script shows it, checks each answer as it is
// typed with the rules `commonplace check` applies (generator/load/,
// generator/validate/), names each problem at its field and in a summary
// that links to it, keeps a draft in this browser's localStorage, and writes
// the case-study file: front matter in the order `commonplace new
// case-study` writes it, then the body. Nothing leaves the page unless the
// person downloads, copies or sends the file. Without JavaScript the page
// explains the Word form instead.
//
// Every field is a `.cf-field` with data-name (its key in the front matter)
// and data-kind: text, textarea, number, year, date, slug, choice (radios),
// select, terms (checkboxes), bool, years, group (repeatable items, cloned
// from a <template> whose ids hold "__i__"), body.
(function () {
  'use strict';
  const form = document.getElementById('cf-form');
  if (!form || !window.JSON || !document.createElement('template').content) return;
  const $ = (id) => document.getElementById(id);
  const T = window.commonplaceMessages('contribute_form');  // words in the page's language (i18n.js)
  const output = $('cf-output');
  const summary = $('cf-summary');
  const draftStatus = $('cf-draft-status');
  $('cf-nojs').hidden = true;
  form.hidden = false;

  const DRAFT_KEY = 'commonplace-case-study-draft:' + location.pathname;
  const storage = (function () {
    try { const s = window.localStorage; s.getItem(DRAFT_KEY); return s; } catch (e) { return null; }
  })();
  let taken = new Set();     // slugs of the case studies the site has
  let attempted = false;     // "Make the file" pressed: show every problem
  let slugEdited = false;    // the file name was typed, not made from the title
  let counter = 0;           // numbers for group items' ids, never reused
  let blobUrl = '';
  const touched = new Set(); // ids of controls the person has been in

  // ---- Rules (those of load/ and validate/ that can run here) ----

  const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
  const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/;
  const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;

  function slugProblem(s) {
    if (!s) return T('slug_missing');
    if (RESERVED.test(s)) {
      return T('slug_reserved', { slug: s });
    }
    if (s.length > 80 || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s)) {
      return T('slug_form');
    }
    if (taken.has(s)) return T('slug_taken', { slug: s });
    return '';
  }

  function isDate(s) {
    const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
    if (!m) return false;
    const y = +m[1], mo = +m[2], d = +m[3];
    if (mo < 1 || mo > 12 || d < 1) return false;
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  }

  function controlChar(s) {
    const m = CONTROL.exec(s);
    if (!m) return '';
    const hex = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return T('control_character', { hex: hex });
  }

  // Links the Markdown renderer would refuse: a scheme other than http(s) or
  // mailto, or a picture (only files of the site may be shown, and this form
  // cannot add files).
  function bodyProblem(text) {
    const c = controlChar(text);
    if (c) return c;
    const image = /!\[[^\]]*\]\(\s*<?([^)\s>]*)/.exec(text);
    if (image) return T('picture', { image: image[1] });
    const links = /\]\(\s*<?([^)\s>]*)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>/g;
    let m;
    while ((m = links.exec(text))) {
      const url = (m[1] || m[2] || '').replace(/[\u0000-\u0020]/g, '').toLowerCase();
      const colon = url.indexOf(':');
      const delim = url.search(/[/?#]/);
      if (colon < 0 || (delim >= 0 && delim < colon)) continue;  // relative
      const scheme = url.slice(0, colon);
      if (scheme !== 'http' && scheme !== 'https' && scheme !== 'mailto') {
        return T('unsafe_link', { link: m[1] || m[2] });
      }
    }
    return '';
  }

  // ---- Reading the form ----

  const topFields = () => [...form.children].filter((el) => el.classList.contains('cf-field'));
  const subFields = (el) => [...el.querySelectorAll('.cf-field')];
  const control = (f) => f.querySelector('input, textarea, select');
  const groupItems = (g) => [...$(g.id + '-items').children];

  function labelOf(f) {
    const l = f.querySelector(':scope > label, :scope > legend');
    if (!l) return f.dataset.name;
    const copy = l.cloneNode(true);
    copy.querySelectorAll('.cf-req').forEach((r) => r.remove());
    return copy.textContent.trim();
  }

  function value(f) {
    switch (f.dataset.kind) {
      case 'choice': {
        const c = f.querySelector('input:checked');
        return c ? c.value : '';
      }
      case 'terms': return [...f.querySelectorAll('input:checked')].map((c) => c.value);
      case 'bool': return control(f).checked;
      default: return control(f).value;
    }
  }

  // Checks one simple field; returns its problem or ''.
  function check(f, v) {
    const kind = f.dataset.kind;
    const required = f.dataset.required === 'true';
    if (kind === 'bool' || kind === 'terms') return '';
    if (kind === 'choice' || kind === 'select') return required && !v ? T('choose_one') : '';
    if (kind === 'slug') return slugProblem(v);
    if (kind === 'body') return bodyProblem(v);
    const t = v.trim();
    if (!t) return required ? T('required') : '';
    const c = controlChar(v);
    if (c) return c;
    if (kind === 'number' && !NUMBER.test(t)) {
      return T('digits');
    }
    if (kind === 'year') {
      const min = +f.dataset.min, max = +f.dataset.max;
      if (!/^[0-9]{4}$/.test(t) || +t < min || +t > max) {
        return T('year', { min: min, max: max });
      }
    }
    if (kind === 'date' && !isDate(t)) return T('date');
    return '';
  }

  // Every problem of the form, each {field, at (the element to focus),
  // message, label}, and the file when there is none.
  function examine() {
    const problems = [];
    const add = (field, at, message, label) => problems.push({ field, at, message, label });
    const simple = (f, label) => {
      const p = check(f, value(f));
      if (p) add(f, control(f), p, label);
    };
    const lines = ['---'];
    for (const f of topFields()) {
      const name = f.dataset.name;
      const kind = f.dataset.kind;
      const label = labelOf(f);
      if (kind === 'years') {
        const [s, e] = subFields(f);
        simple(s, label + ': ' + labelOf(s));
        simple(e, label + ': ' + labelOf(e));
        const vs = value(s).trim(), ve = value(e).trim();
        if (!check(s, vs) && !check(e, ve) && vs && ve && +vs > +ve) {
          add(e, control(e), T('years_order', { end: ve, start: vs }), label + ': ' + labelOf(e));
        }
        const parts = [];
        if (vs) parts.push('start: ' + +vs);
        if (ve) parts.push('end: ' + +ve);
        if (parts.length) lines.push(`${name}: {${parts.join(', ')}}`);
      } else if (kind === 'group') {
        const items = groupItems(f);
        const item = f.dataset.itemLabel;
        if (items.length < +f.dataset.minItems) {
          add(f, f.querySelector('.cf-add'), T('add_one', { item: item.toLowerCase() }), label);
        }
        if (items.length) lines.push(name + ':');
        items.forEach((li, i) => {
          const subs = subFields(li);
          const kind = {};
          subs.forEach((s) => { kind[s.dataset.name] = s; });
          let first = true;
          for (const s of subs) {
            simple(s, `${item} ${i + 1}: ${labelOf(s)}`);
            const v = value(s);
            const t = typeof v === 'string' ? v.trim() : v;
            if (s.dataset.name === 'ci_category' && t && kind.kind && value(kind.kind) !== 'cultural-institution') {
              add(s, control(s), T('ci_only'),
                `${item} ${i + 1}: ${labelOf(s)}`);
            }
            if (t === '') continue;
            const k = s.dataset.kind;
            const text = k === 'select' || k === 'number' || k === 'year' ? t : quote(t);
            lines.push(`${first ? '  - ' : '    '}${s.dataset.name}: ${text}`);
            first = false;
          }
        });
      } else {
        simple(f, label);
        const v = value(f);
        if (kind === 'slug') continue;
        if (kind === 'terms') lines.push(`${name}: [${v.join(', ')}]`);
        else if (kind === 'bool') lines.push(`${name}: ${v ? 'true' : 'false'}`);
        else if (kind === 'choice' || kind === 'select' || kind === 'date') { if (v.trim()) lines.push(`${name}: ${v.trim()}`); }
        else if (v.trim()) lines.push(`${name}: ${quote(v.trim())}`);
      }
    }
    lines.push('---');
    const body = [];
    for (const f of form.querySelectorAll('.cf-body .cf-field')) {
      simple(f, labelOf(f));
      const t = value(f).replace(/\r\n?/g, '\n').trim();
      if (t) body.push(`## ${f.dataset.heading}\n\n${t}\n`);
    }
    const slug = value(form.querySelector('[data-kind="slug"]')).trim();
    return { problems, slug, text: lines.join('\n') + '\n' + body.join('\n') };
  }

  // A YAML double-quoted scalar: JSON's string escapes are YAML's too; the
  // two line separators YAML 1.1 reads as line breaks are escaped as well.
  function quote(s) {
    return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  }

  // ---- Showing problems ----

  function describe(el, errorId, on) {
    const base = (el.dataset.describedby ??= el.getAttribute('aria-describedby') || '');
    const ids = on ? (base + ' ' + errorId).trim() : base;
    if (ids) el.setAttribute('aria-describedby', ids); else el.removeAttribute('aria-describedby');
  }

  function render() {
    const { problems, slug, text } = examine();
    const byField = new Map();
    for (const p of problems) if (!byField.has(p.field)) byField.set(p.field, p);
    // Each field's own message, where the person has been or after "Make the file".
    for (const f of form.querySelectorAll('.cf-field')) {
      const err = f.querySelector(':scope > .cf-error');
      if (!err || f.dataset.kind === 'years') continue;  // its years speak for it
      const p = byField.get(f);
      const target = f.dataset.kind === 'group' ? f.querySelector('.cf-add')
        : f.dataset.kind === 'choice' ? f : control(f);
      const show = p && (attempted || touched.has(p.at.id) || touched.has(f.id));
      err.hidden = !show;
      err.textContent = show ? p.message : '';
      if (!target) continue;
      describe(target, err.id, show);
      if (f.dataset.kind === 'group' || f.dataset.kind === 'terms' || f.dataset.kind === 'bool') continue;
      if (show) target.setAttribute('aria-invalid', 'true'); else target.removeAttribute('aria-invalid');
    }
    // The summary, once "Make the file" has been pressed.
    const list = $('cf-summary-list');
    list.textContent = '';
    summary.hidden = !attempted || problems.length === 0;
    $('cf-summary-title').textContent = T('fix_problems', { n: problems.length }, problems.length);
    for (const p of problems) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = '#' + (p.at.id || p.field.id);
      a.textContent = `${p.label}: ${p.message}`;
      a.addEventListener('click', (e) => {
        e.preventDefault();
        const target = p.field.dataset.kind === 'choice' ? p.field.querySelector('input:checked, input') : p.at;
        target.focus();
        target.scrollIntoView({ block: 'center' });
      });
      li.appendChild(a);
      list.appendChild(li);
    }
    // The file, once asked for and while there is no problem.
    output.hidden = !attempted || problems.length > 0;
    if (!output.hidden) showFile(slug, text);
    return problems;
  }

  function showFile(slug, text) {
    // A file in another language than the content's is named for it (x.cy.md).
    const name = slug + (form.dataset.suffix || '') + '.md';
    $('cf-filename').textContent = name;
    $('cf-text').value = text;
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    blobUrl = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
    const download = $('cf-download');
    download.href = blobUrl;
    download.download = name;
    const open = $('cf-open');
    if (open) {
      const path = encodeURIComponent('casestudies/' + name);
      const content = encodeURIComponent(text);
      open.href = form.dataset.hostBase + (form.dataset.host === 'GitLab'
        ? `?file_name=${path}&content=${content}` : `?filename=${path}&value=${content}`);
    }
  }

  // ---- Groups ----

  function addItem(group, n) {
    n = n || counter + 1;
    counter = Math.max(counter, n);
    const html = $(group.id + '-template').innerHTML.split('__i__').join(String(n));
    const list = $(group.id + '-items');
    list.insertAdjacentHTML('beforeend', html);
    const li = list.lastElementChild;
    li.dataset.n = String(n);
    li.querySelector('.cf-remove').addEventListener('click', () => {
      li.remove();
      renumber(group);
      group.querySelector('.cf-add').focus();
      changed();
    });
    renumber(group);
    return li;
  }

  function renumber(group) {
    groupItems(group).forEach((li, i) => {
      li.querySelector('.cf-n').textContent = String(i + 1);
      const remove = li.querySelector('.cf-remove');
      remove.setAttribute('aria-label', `${remove.textContent.trim()} (${group.dataset.itemLabel.toLowerCase()} ${i + 1})`);
    });
  }

  const groups = () => [...form.querySelectorAll('.cf-group')];

  // ---- Drafts ----

  function state() {
    const s = { v: 1, slugEdited, groups: {}, values: {} };
    for (const g of groups()) s.groups[g.id] = groupItems(g).map((li) => +li.dataset.n);
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.type === 'radio') { if (el.checked) s.values[el.name] = el.value; }
      else if (el.type === 'checkbox') { if (el.checked) (s.values[el.name] ||= []).push(el.value); }
      else s.values[el.name] = el.value;
    }
    return s;
  }

  function restore(s) {
    slugEdited = !!s.slugEdited;
    for (const g of groups()) for (const n of s.groups[g.id] || []) addItem(g, n);
    for (const el of form.elements) {
      if (!el.name) continue;
      const v = s.values[el.name];
      if (el.type === 'radio') el.checked = v === el.value;
      else if (el.type === 'checkbox') el.checked = Array.isArray(v) && v.includes(el.value);
      else el.value = typeof v === 'string' ? v : '';
    }
  }

  let saveTimer = 0;
  function save() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, 250);
  }
  function saveNow() {
    clearTimeout(saveTimer);
    if (!storage) return;
    try {
      storage.setItem(DRAFT_KEY, JSON.stringify(state()));
      draftStatus.textContent = T('draft_saved');
    } catch (e) {
      draftStatus.textContent = T('draft_not_kept');
    }
  }

  function fresh() {
    for (const g of groups()) {
      $(g.id + '-items').textContent = '';
      for (let i = 0; i < +g.dataset.minItems; i++) addItem(g);
    }
    const updated = form.querySelector('[data-name="updated"] input');
    if (updated) {
      const d = new Date();
      updated.value = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    }
  }

  $('cf-discard').addEventListener('click', () => {
    if (!window.confirm(T('discard_confirm'))) return;
    if (storage) storage.removeItem(DRAFT_KEY);
    clearTimeout(saveTimer);
    form.reset();
    slugEdited = false;
    attempted = false;
    touched.clear();
    fresh();
    render();
    draftStatus.textContent = T('draft_discarded');
  });

  // ---- Events ----

  function slugify(s) {
    return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
      .slice(0, 80).replace(/-+$/, '');
  }

  function changed() {
    render();
    save();
  }

  form.addEventListener('input', (e) => {
    const slug = form.querySelector('[data-kind="slug"] input');
    if (e.target === slug) slugEdited = slug.value !== '';
    else if (e.target.closest('[data-name="title"]') && !slugEdited) slug.value = slugify(e.target.value);
    changed();
  });
  form.addEventListener('change', (e) => {
    if (e.target.type === 'radio' || e.target.type === 'checkbox' || e.target.tagName === 'SELECT') touched.add(e.target.id);
    if (e.target.type === 'radio') touched.add(e.target.closest('.cf-field').id);
    changed();
  });
  form.addEventListener('focusout', (e) => {
    if (e.target.id && e.target.matches('input, textarea, select')) {
      touched.add(e.target.id);
      render();
    }
  });
  form.addEventListener('click', (e) => {
    const add = e.target.closest('.cf-add');
    if (!add) return;
    const li = addItem($(add.dataset.group));
    control(li).focus();
    changed();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempted = true;
    saveNow();
    const problems = render();
    if (problems.length) summary.focus();
    else output.focus();
  });
  $('cf-copy').addEventListener('click', async () => {
    const text = $('cf-text').value;
    const status = $('cf-copy-status');
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = T('copied');
    } catch (e) {
      $('cf-text').select();
      status.textContent = document.execCommand && document.execCommand('copy')
        ? T('copied')
        : T('select_and_copy');
    }
  });
  for (const id of ['cf-download', 'cf-open']) {
    const a = $(id);
    if (a) {
      a.addEventListener('click', () => {
        $('cf-copy-status').textContent = T('draft_stays');
      });
    }
  }

  // ---- Start ----

  let draft = null;
  try { draft = storage && JSON.parse(storage.getItem(DRAFT_KEY) || 'null'); } catch (e) { draft = null; }
  if (draft && draft.v === 1) {
    restore(draft);
    draftStatus.textContent = T('draft_restored');
  } else {
    fresh();
  }
  render();
  if (window.fetch) {
    fetch(form.dataset.slugs).then((r) => (r.ok ? r.json() : [])).then((list) => {
      taken = new Set(list);
      render();
    }).catch(() => {});
  }
})();
