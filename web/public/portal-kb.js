/**
 * The help centre of the customer portal: search published public articles and read them
 * without signing in, say whether one helped. A portal session (a random id this tab keeps in
 * sessionStorage) is sent with every read, so the center can count deflection: a session that
 * read an article and opened no contact within 30 minutes (docs/knowledge-base.md).
 * `?article=slug` opens an article directly (the link agents put into replies).
 */
import { zh } from './portal-texts.js';
import { api, el } from './portal-ui.js';

const K = zh
  ? {
      title: '帮助中心',
      hint: '先搜索常见问题，例如“国际漫游”“携号转网”“发票”',
      search: '搜索',
      none: '没有找到相关文章。换个说法试试，或提交新的问题。',
      back: '← 返回搜索结果',
      helped: '这篇文章对您有帮助吗？',
      yes: '有帮助',
      no: '没帮助',
      thanks: '谢谢您的反馈！',
      until: (d) => `有效期至 ${d}`,
      other: '其他语言：',
      missing: '找不到这篇文章，可能已下线。',
    }
  : {
      title: 'Help centre',
      hint: 'Search our answers first, e.g. “roaming”, “keep my number”, “invoice”',
      search: 'Search',
      none: 'No article found. Try other words, or ask a new question.',
      back: '← Back to the results',
      helped: 'Did this help?',
      yes: 'Yes',
      no: 'No',
      thanks: 'Thank you for telling us!',
      until: (d) => `Valid until ${d}`,
      other: 'Other language: ',
      missing: 'This article is not available any more.',
    };

const sessionKey = 'kefu.kbSession';

/** This tab's portal session id (created on first use). */
export function kbSession() {
  let s = sessionStorage.getItem(sessionKey);
  if (!s) {
    s = (
      crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now()
    ).replace(/[^A-Za-z0-9_-]/g, '');
    sessionStorage.setItem(sessionKey, s);
  }
  return s;
}

/** Tells the center this session went on to open a contact (never fails the caller). */
export function kbContactOpened() {
  if (!sessionStorage.getItem(sessionKey)) return Promise.resolve();
  return api('POST', '/api/kb/public/contact', { session: kbSession() }).catch(() => null);
}

/** Highlighted text: hits in <mark>, everything as text nodes. */
const highlighted = (segments) => segments.map((s) => (s.hit ? el('mark', {}, s.text) : s.text));

/** Mounts the help centre into `box`; opens `?article=` when the address names one. */
export function mountHelpCentre(box) {
  const lang = zh ? 'zh-CN' : 'en';
  let lastResults = null;
  const input = el('input', {
    type: 'search',
    id: 'kb-q',
    maxlength: 200,
    placeholder: K.hint,
    'aria-label': K.title,
  });
  const body = el('div', { id: 'kb-body' });
  const form = el(
    'form',
    {
      class: 'kb-search',
      onsubmit: (ev) => {
        ev.preventDefault();
        search(input.value).catch(() => body.replaceChildren(el('p', { class: 'error' }, K.none)));
      },
    },
    input,
    el('button', { type: 'submit' }, K.search),
  );
  box.replaceChildren(
    el('section', { class: 'card', id: 'kb' }, el('h2', {}, K.title), form, body),
  );

  async function search(q) {
    if (!q.trim()) return body.replaceChildren();
    const p = new URLSearchParams({ q, limit: '8', session: kbSession() });
    // Results in the page's language first; the other language when it has nothing.
    let r = await api('GET', `/api/kb/public/search?${p}&lang=${lang}`);
    if (!r.items.length) r = await api('GET', `/api/kb/public/search?${p}`);
    lastResults = r.items;
    showResults();
  }

  function showResults() {
    const items = lastResults || [];
    body.replaceChildren(
      items.length
        ? el(
            'ul',
            { class: 'kb-results' },
            items.map((h) =>
              el(
                'li',
                {},
                el(
                  'button',
                  {
                    type: 'button',
                    class: 'link kb-hit',
                    'data-slug': h.slug,
                    onclick: () => open(h.slug),
                  },
                  highlighted(h.titleSegments),
                ),
                el('p', { class: 'kb-snippet' }, highlighted(h.snippet)),
              ),
            ),
          )
        : el('p', {}, K.none),
    );
  }

  async function open(slug) {
    let a;
    try {
      a = await api(
        'GET',
        `/api/kb/public/articles/${encodeURIComponent(slug)}?session=${kbSession()}`,
      );
    } catch {
      body.replaceChildren(el('p', { class: 'error' }, K.missing));
      return;
    }
    const article = el('div', { class: 'kb-article', id: 'kb-article' });
    // Rendered from Markdown and sanitized by the center (an allow-list of tags, safe links).
    article.innerHTML = a.html;
    const thanks = el('p', { class: 'note', hidden: true }, K.thanks);
    const vote = (helpful) => async () => {
      await api('POST', `/api/kb/public/articles/${encodeURIComponent(slug)}/feedback`, {
        helpful,
        session: kbSession(),
      }).catch(() => null);
      buttons.hidden = true;
      thanks.hidden = false;
    };
    const buttons = el(
      'div',
      { class: 'kb-vote' },
      K.helped,
      ' ',
      el('button', { type: 'button', id: 'kb-yes', onclick: vote(true) }, K.yes),
      ' ',
      el('button', { type: 'button', id: 'kb-no', onclick: vote(false) }, K.no),
    );
    body.replaceChildren(
      lastResults
        ? el('button', { type: 'button', class: 'link', onclick: showResults }, K.back)
        : '',
      el('h3', { id: 'kb-title' }, a.title),
      a.validUntil
        ? el('p', { class: 'kb-meta' }, K.until(new Date(a.validUntil).toLocaleDateString(lang)))
        : '',
      article,
      a.translations.length
        ? el(
            'p',
            { class: 'kb-meta' },
            K.other,
            a.translations.map((t) =>
              el(
                'button',
                { type: 'button', class: 'link', onclick: () => open(t.slug) },
                `${t.title} (${t.lang})`,
              ),
            ),
          )
        : '',
      buttons,
      thanks,
    );
  }

  const wanted = new URLSearchParams(location.search).get('article');
  if (wanted) void open(wanted);
}
