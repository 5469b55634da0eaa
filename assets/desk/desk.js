// The review desk's page: loads the article list and one article's view
// from the desk's server, and posts verdicts to its JSON API. Every text
// shown comes either as HTML the server escaped or through textContent.
'use strict';

const state = { article: null, tag: null, undo: [], busy: false };
const $ = (sel, root) => (root || document).querySelector(sel);
const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
const enc = encodeURIComponent;

function say(text, bad) {
  const m = $('#message');
  m.textContent = text;
  m.classList.toggle('bad', !!bad);
}

async function call(path, options) {
  const r = await fetch(path, Object.assign({ headers: { Accept: 'application/json' } }, options));
  const type = r.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await r.json() : await r.text();
  return { status: r.status, headers: r.headers, body };
}

function counts(a) {
  if (a.error) return 'unreadable: ' + a.error;
  return `${a.claims} claims · ${a.unreviewed} unreviewed · ${a.confirmed} confirmed · ` +
    `${a.rejected} rejected · ${a.orphaned} orphaned`;
}

async function loadList() {
  const r = await call('/api/articles');
  const list = $('#article-list');
  list.textContent = '';
  if (r.status !== 200) { say(r.body.error || 'could not list articles', true); return; }
  if (r.body.length === 0) {
    const li = document.createElement('li');
    li.textContent = 'No claim files in this folder.';
    list.append(li);
  }
  for (const a of r.body) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.dataset.article = a.id;
    b.classList.toggle('open', a.id === state.article);
    const name = document.createElement('b');
    name.textContent = a.title || a.id;
    const c = document.createElement('span');
    c.className = 'counts';
    c.textContent = counts(a);
    b.append(name, c);
    b.addEventListener('click', () => openArticle(a.id));
    li.append(b);
    list.append(li);
  }
}

function items() { return $$('#view li.item'); }
function shown() { return items().filter((li) => !li.hidden); }
function current() { return $('#view li.item.current'); }
function markOf(li) { return $$('#view mark.claim').find((m) => m.dataset.claim === li.dataset.claim); }

function select(li) {
  for (const el of $$('#view .current')) el.classList.remove('current');
  if (!li) return;
  li.classList.add('current');
  const m = markOf(li);
  if (m) { m.classList.add('current'); m.scrollIntoView({ block: 'nearest' }); }
  li.scrollIntoView({ block: 'nearest' });
}

function move(step) {
  const list = shown();
  if (list.length === 0) return;
  const at = list.indexOf(current());
  const next = at < 0 ? 0 : Math.min(list.length - 1, Math.max(0, at + step));
  select(list[next]);
}

function showReview(li, review) {
  const status = review.status;
  li.dataset.status = status;
  li.dataset.note = review.note || '';
  li.classList.remove('unreviewed', 'confirmed', 'rejected');
  li.classList.add(status);
  $('.status', li).textContent = status;
  $('.note', li).textContent = review.note || '';
  $('.who', li).textContent = review.reviewer || '';
  const m = markOf(li);
  if (m) {
    m.classList.remove('s-unreviewed', 's-confirmed', 's-rejected');
    m.classList.add('s-' + status);
  }
}

function applyFilters() {
  const status = $('#f-status').value;
  const low = $('#f-low').checked;
  const kind = $('#f-kind').value;
  const speaker = $('#f-speaker').value;
  for (const li of items()) {
    li.hidden = (status && li.dataset.status !== status) || (low && li.dataset.low !== 'true') ||
      (kind && li.dataset.kind !== kind) || (speaker && li.dataset.speaker !== speaker);
  }
  const cur = current();
  if (!cur || cur.hidden) select(shown()[0]);
}

function fillSpeakers() {
  const sel = $('#f-speaker');
  const keep = sel.value;
  sel.textContent = '';
  const all = document.createElement('option');
  all.value = '';
  all.textContent = 'all';
  sel.append(all);
  for (const name of [...new Set(items().map((li) => li.dataset.speaker))].sort()) {
    const o = document.createElement('option');
    o.value = name;
    o.textContent = name;
    sel.append(o);
  }
  sel.value = [...sel.options].some((o) => o.value === keep) ? keep : '';
}

async function openArticle(id, keepClaim) {
  const r = await call('/view/' + enc(id));
  if (r.status !== 200) { say(r.body.error || 'could not open ' + id, true); return; }
  if (state.article !== id) state.undo = [];
  state.article = id;
  state.tag = r.headers.get('ETag');
  // The server escaped every text from the claim file in this fragment.
  $('#view').innerHTML = r.body;
  for (const li of items()) showReview(li, { status: li.dataset.status, note: li.dataset.note, reviewer: $('.who', li).textContent });
  for (const b of $$('#article-list button')) b.classList.toggle('open', b.dataset.article === id);
  fillSpeakers();
  applyFilters();
  const keep = keepClaim && items().find((li) => li.dataset.claim === keepClaim);
  select(keep && !keep.hidden ? keep : shown()[0]);
  if (location.hash !== '#' + enc(id)) history.replaceState(null, '', '#' + enc(id));
}

// Posts a verdict on claim `li`; `note` undefined keeps the note. Returns
// whether it was saved.
async function verdict(li, status, note, fromOrphan, isUndo) {
  if (!li || state.busy) return false;
  state.busy = true;
  try {
    const seen = { status: li.dataset.status, note: li.dataset.note || null };
    const body = { status, seen };
    if (note !== undefined) body.note = note;
    if (fromOrphan) body.from_orphan = fromOrphan;
    const claim = li.dataset.claim;
    const r = await call(`/api/articles/${enc(state.article)}/claims/${enc(claim)}/review`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'If-Match': state.tag || '' },
      body: JSON.stringify(body),
    });
    if (r.status === 200) {
      if (!isUndo) state.undo.push({ claim, status: seen.status, note: seen.note || '' });
      state.tag = r.headers.get('ETag');
      if (r.headers.get('X-Whosaid-File-Changed') === 'true' || fromOrphan) {
        await openArticle(state.article, claim);
        if (!fromOrphan) say('The claim file changed on disk: reloaded it and applied your verdict to it.');
      } else {
        showReview(li, r.body.review);
      }
      if (fromOrphan) say('Review moved onto the suggested claim.');
      else if (r.headers.get('X-Whosaid-File-Changed') !== 'true') {
        say(note !== undefined && status === seen.status ? 'Note saved.' : `Saved: ${status}.`);
      }
      loadList();
      return true;
    }
    if (r.status === 409) {
      await openArticle(state.article, claim);
      say(r.body.error + ' (reloaded; nothing was overwritten)', true);
    } else {
      say(r.body.error || 'error ' + r.status, true);
    }
    return false;
  } catch (e) {
    say('could not reach the desk: ' + e, true);
    return false;
  } finally {
    state.busy = false;
  }
}

function editNote(li) {
  if (!li || $('.noteedit', li)) return;
  const box = document.createElement('input');
  box.type = 'text';
  box.className = 'noteedit';
  box.placeholder = 'Note (Enter saves, Esc cancels)';
  box.value = li.dataset.note || '';
  box.addEventListener('keydown', async (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (await verdict(li, li.dataset.status, box.value)) box.remove();
    } else if (e.key === 'Escape') {
      box.remove();
    }
    e.stopPropagation();
  });
  li.append(box);
  box.focus();
}

async function undo() {
  const last = state.undo.pop();
  if (!last) { say('Nothing to undo.'); return; }
  const li = items().find((x) => x.dataset.claim === last.claim);
  if (!li) { say('That claim is no longer shown.', true); return; }
  select(li);
  if (await verdict(li, last.status, last.note, null, true)) say(`Undone: back to ${last.status}.`);
}

function adopt(orphan, button) {
  const li = items().find((x) => x.dataset.claim === button.dataset.successor);
  verdict(li, orphan.dataset.status, orphan.dataset.note, orphan.dataset.orphan);
}

function onClick(e) {
  const button = e.target.closest('button[data-act]');
  const li = e.target.closest('li.item');
  if (button) {
    const act = button.dataset.act;
    if (act === 'adopt') { adopt(button.closest('li.orphan'), button); return; }
    select(li);
    if (act === 'confirm') verdict(li, 'confirmed');
    else if (act === 'reject') verdict(li, 'rejected');
    else if (act === 'reset') verdict(li, 'unreviewed', '');
    else if (act === 'note') editNote(li);
    return;
  }
  const mark = e.target.closest('mark.claim');
  if (li) select(li);
  else if (mark) select(items().find((x) => x.dataset.claim === mark.dataset.claim));
}

function onKey(e) {
  if (e.ctrlKey || e.metaKey || e.altKey || !state.article) return;
  if (e.target.closest('input, textarea, select')) return;
  const keys = {
    j: () => move(1),
    k: () => move(-1),
    c: () => verdict(current(), 'confirmed'),
    r: () => verdict(current(), 'rejected'),
    n: () => editNote(current()),
    u: () => undo(),
  };
  const act = keys[e.key];
  if (act) { e.preventDefault(); act(); }
}

document.addEventListener('DOMContentLoaded', async () => {
  $('#who').textContent = 'reviewing as ' + $('meta[name=reviewer]').content;
  $('#view').addEventListener('click', onClick);
  document.addEventListener('keydown', onKey);
  for (const id of ['#f-status', '#f-low', '#f-kind', '#f-speaker']) $(id).addEventListener('change', applyFilters);
  await loadList();
  const wanted = decodeURIComponent(location.hash.slice(1));
  const first = $('#article-list button');
  if (wanted) await openArticle(wanted);
  else if (first) await openArticle(first.dataset.article);
  document.body.dataset.ready = 'true';
});
