/**
 * kefu customer portal: sign in with an SMS code or an e-mail link, see your cases and their
 * stages, read and write messages, rate the answer. Plain browser modules on kefu's API; the
 * session lives in kefu's httpOnly cookie, so this page never holds the token.
 */
import { T, zh } from './portal-texts.js';
import { followLink, signInView } from './portal-sign-in.js';
import { api, el, message, newFormLink, show, stageLabel, when } from './portal-ui.js';
import { kbContactOpened, mountHelpCentre } from './portal-kb.js';

const path = ['accepted', 'verifying', 'dispatched', 'supervising', 'replied', 'closed'];
const logoutButton = document.getElementById('logout');
document.documentElement.lang = zh ? 'zh-CN' : 'en';
document.title = T.title;
document.getElementById('title').textContent = T.title;
logoutButton.textContent = T.logout;

/** A page that could not load: say so, with the way back to the list. */
function failed(e) {
  show(
    el('section', { class: 'card error' }, message(e)),
    el('button', { class: 'link', onclick: () => start() }, T.back),
  );
}

async function listView() {
  const page = await api('GET', '/api/portal/cases?limit=100');
  const rows = page.items.map((k) =>
    el(
      'tr',
      { class: 'case', tabindex: 0, onclick: () => caseView(k.id).catch(failed) },
      el('td', {}, k.number),
      el('td', {}, k.title),
      el('td', {}, stageLabel(k.stage)),
      el('td', {}, when(k.updatedAt)),
    ),
  );
  show(
    el(
      'section',
      { class: 'card' },
      el('h2', {}, T.myCases),
      rows.length
        ? el(
            'table',
            {},
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                el('th', {}, T.number),
                el('th', {}, T.subject),
                el('th', {}, T.stage),
                el('th', {}, T.updated),
              ),
            ),
            el('tbody', {}, rows),
          )
        : el('p', {}, T.none),
    ),
    newFormLink(),
  );
}

function stageBar(stage) {
  if (stage === 'canceled')
    return el('div', { class: 'stages' }, el('span', { class: 'now' }, T.stages.canceled));
  const at = path.indexOf(stage);
  return el(
    'div',
    { class: 'stages' },
    path.map((s, i) => el('span', { class: i < at ? 'done' : i === at ? 'now' : '' }, T.stages[s])),
  );
}

async function caseView(id) {
  const { case: k, messages } = await api('GET', `/api/portal/cases/${encodeURIComponent(id)}`);
  const thread = messages.map((m) =>
    el(
      'div',
      { class: `msg ${m.direction}` },
      el('small', {}, `${m.direction === 'inbound' ? T.you : T.center} · ${when(m.createdAt)}`),
      m.body,
    ),
  );
  const open = !['closed', 'canceled'].includes(k.stage);
  show(
    el('button', { class: 'link', onclick: () => listView().catch(failed) }, T.back),
    el(
      'section',
      { class: 'card' },
      el('h2', {}, k.title),
      el('div', {}, `${T.number} ${k.number} · `, stageLabel(k.stage)),
      stageBar(k.stage),
      k.description ? el('p', {}, k.description) : null,
    ),
    k.canRate ? ratingCard(k) : null,
    k.satisfaction ? el('section', { class: 'card note' }, T.rated(k.satisfaction)) : null,
    el('section', { class: 'card' }, el('h3', {}, T.messages), thread),
    open ? replyCard(k) : el('section', { class: 'card' }, T.closedNote),
  );
}

function replyCard(k) {
  const body = el('textarea', { id: 'reply', maxlength: 5000, required: true });
  const error = el('div', { class: 'error', role: 'alert' });
  const submit = el('button', { type: 'submit' }, T.send);
  return el(
    'form',
    {
      class: 'card',
      onsubmit: async (ev) => {
        ev.preventDefault();
        submit.disabled = true;
        try {
          await api('POST', `/api/portal/cases/${encodeURIComponent(k.id)}/replies`, {
            body: body.value,
          });
          await kbContactOpened();
          await caseView(k.id);
        } catch (e) {
          error.textContent = message(e);
          submit.disabled = false;
        }
      },
    },
    el('label', { for: 'reply' }, T.reply),
    body,
    submit,
    error,
  );
}

function ratingCard(k) {
  let score = 0;
  const stars = [1, 2, 3, 4, 5].map((n) =>
    el(
      'button',
      {
        type: 'button',
        class: 'off',
        'aria-label': `${n}/5`,
        onclick: () => {
          score = n;
          stars.forEach((s, i) => s.classList.toggle('off', i >= n));
          submit.disabled = false;
        },
      },
      '★',
    ),
  );
  const comment = el('textarea', { id: 'comment', maxlength: 2000 });
  const error = el('div', { class: 'error', role: 'alert' });
  const submit = el('button', { type: 'submit', disabled: true }, T.submitRating);
  return el(
    'form',
    {
      class: 'card',
      onsubmit: async (ev) => {
        ev.preventDefault();
        submit.disabled = true;
        try {
          await api('POST', `/api/portal/cases/${encodeURIComponent(k.id)}/satisfaction`, {
            score,
            comment: comment.value.trim() || null,
          });
          await caseView(k.id);
        } catch (e) {
          error.textContent = message(e);
          submit.disabled = false;
        }
      },
    },
    el('h3', {}, T.rate),
    el('div', { class: 'stars' }, stars),
    el('label', { for: 'comment' }, T.comment),
    comment,
    submit,
    error,
  );
}

async function start() {
  const me = await api('GET', '/api/auth/me').catch(() => null);
  if (!me || me.role !== 'customer') {
    logoutButton.hidden = true;
    signInView('phone', start);
    return;
  }
  logoutButton.hidden = false;
  await listView().catch((e) => show(el('section', { class: 'card error' }, message(e))));
}

logoutButton.addEventListener('click', async () => {
  await api('POST', '/api/auth/logout').catch(() => null);
  await start();
});

mountHelpCentre(document.getElementById('help'));
followLink(start).then((handled) => (handled ? undefined : start()));
// A link opened in a tab already showing the portal changes only the fragment.
window.addEventListener('hashchange', () => followLink(start));
