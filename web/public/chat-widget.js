/**
 * kefu web chat widget. One tag on any page:
 *   <script src="https://center.example/chat-widget.js" data-kefu-title="在线客服" async></script>
 * Optional: data-kefu-color="#1677ff", data-kefu-lang="zh|en", and for visitors the page already
 * knows, data-kefu-name / data-kefu-email / data-kefu-phone (they skip the form).
 *
 * It talks to the center over the WebSocket next to its own URL (…/chat/ws; protocol in
 * src/channels/webchat/chat-socket.ts). Everything lives in a shadow root, so the page's CSS and
 * the widget's never touch. The session token is kept in localStorage to resume after a reload.
 * Plain browser JavaScript on purpose: no build step, nothing else to load.
 */
(function () {
  'use strict';
  if (window.KefuChat) return;
  const script = document.currentScript || document.querySelector('script[src*="chat-widget.js"]');
  const src = new URL(script ? script.src : location.href, location.href);
  const wsUrl =
    (src.protocol === 'https:' ? 'wss://' : 'ws://') +
    src.host +
    src.pathname.replace(/[^/]*$/, '') +
    'chat/ws';
  const data = (k) => (script && script.getAttribute('data-kefu-' + k)) || '';
  const lang = (data('lang') || navigator.language || 'en').toLowerCase().startsWith('zh')
    ? 'zh'
    : 'en';
  const T = {
    zh: {
      title: '在线客服',
      start: '开始咨询',
      name: '您的称呼',
      email: '电子邮箱（选填）',
      phone: '手机号（选填）',
      placeholder: '输入消息…',
      send: '发送',
      end: '结束',
      waiting: '正在为您接通客服…',
      joined: (n) => `${n} 为您服务`,
      typing: '客服正在输入…',
      offline: '客服暂时不在线，请留言，我们会尽快回复您。',
      leave: '提交留言',
      message: '留言内容',
      left: (n) => `留言已收到${n ? '，编号 ' + n : ''}。我们会尽快联系您。`,
      ended: '对话已结束。',
      transcript: '把聊天记录发到我的邮箱',
      transcriptSent: '聊天记录已发送。',
      again: '开始新的对话',
      failed: '发送失败',
      reconnecting: '连接中断，正在重连…',
      needContact: '请留下邮箱或手机号',
      you: '我',
      help: '先搜索常见问题…',
      search: '搜索',
      noHelp: '没有找到相关文章，请直接咨询客服。',
      helped: '有帮助吗？',
      yes: '有帮助',
      no: '没帮助',
      thanks: '谢谢反馈！',
      back: '← 返回',
    },
    en: {
      title: 'Chat with us',
      start: 'Start chat',
      name: 'Your name',
      email: 'E-mail (optional)',
      phone: 'Phone (optional)',
      placeholder: 'Type a message…',
      send: 'Send',
      end: 'End',
      waiting: 'Connecting you to an agent…',
      joined: (n) => `${n} joined the chat`,
      typing: 'Agent is typing…',
      offline: 'No agent is available right now. Leave a message and we will get back to you.',
      leave: 'Send message',
      message: 'Your message',
      left: (n) => `Thank you, we got your message${n ? ' (' + n + ')' : ''}.`,
      ended: 'The chat has ended.',
      transcript: 'E-mail me the transcript',
      transcriptSent: 'The transcript is on its way.',
      again: 'Start a new chat',
      failed: 'not sent',
      reconnecting: 'Connection lost, reconnecting…',
      needContact: 'Leave an e-mail address or a phone number',
      you: 'You',
      help: 'Search our answers first…',
      search: 'Search',
      noHelp: 'No article found; ask an agent below.',
      helped: 'Did this help?',
      yes: 'Yes',
      no: 'No',
      thanks: 'Thanks for telling us!',
      back: '← Back',
    },
  }[lang];
  const color = /^#[0-9a-f]{3,8}$/i.test(data('color')) ? data('color') : '#1677ff';
  const storeKey = 'kefu-chat:' + wsUrl;

  const host = document.createElement('div');
  host.setAttribute('data-kefu-chat', '');
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>
    :host{all:initial}
    *{box-sizing:border-box;font:14px/1.4 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif}
    .fab{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:28px;padding:12px 18px;background:${color};color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}
    .panel{position:fixed;right:20px;bottom:80px;z-index:2147483000;width:340px;max-width:calc(100vw - 40px);height:480px;max-height:calc(100vh - 100px);display:none;flex-direction:column;background:#fff;color:#222;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden}
    .panel.open{display:flex}
    header{background:${color};color:#fff;padding:10px 12px;display:flex;align-items:center;gap:8px}
    header b{flex:1}
    header button{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.6);border-radius:6px;cursor:pointer;padding:2px 8px}
    .status{font-size:12px;color:#666;padding:4px 12px;min-height:22px}
    .log{flex:1;overflow-y:auto;padding:8px 12px;display:flex;flex-direction:column;gap:6px}
    .msg{max-width:80%;padding:6px 10px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word}
    .msg.visitor{align-self:flex-end;background:${color};color:#fff}
    .msg.agent{align-self:flex-start;background:#f0f0f0}
    .msg small{display:block;font-size:11px;opacity:.75}
    form{display:flex;flex-direction:column;gap:8px;padding:12px}
    form.row{flex-direction:row;padding:8px;border-top:1px solid #eee}
    input,textarea{flex:1;border:1px solid #ccc;border-radius:6px;padding:7px;color:#222;background:#fff}
    textarea{min-height:90px;resize:vertical}
    form button{border:0;border-radius:6px;padding:7px 12px;background:${color};color:#fff;cursor:pointer}
    .hide{display:none!important}
    .kb{padding:8px 12px 0;border-bottom:1px solid #eee;max-height:55%;overflow-y:auto}
    form.kbs{flex-direction:row;padding:0 0 8px}
    .kbr button.hit{display:block;background:none;border:0;color:${color};cursor:pointer;padding:4px 0;text-align:left}
    .kbr p{margin:0 0 6px;color:#666;font-size:12px}
    .kbr .art table{border-collapse:collapse}.kbr .art td,.kbr .art th{border:1px solid #ddd;padding:2px 6px}
    .kbr .art img{max-width:100%}
    .kbr .vote button{border:1px solid #ccc;background:#fff;border-radius:6px;margin:0 4px 8px 0;cursor:pointer}
    mark{background:#fff1b8}
  </style>
  <button class="fab" part="button"></button>
  <div class="panel" role="dialog">
    <header><b></b><button class="end"></button><button class="close" aria-label="close">×</button></header>
    <div class="status" aria-live="polite"></div>
    <div class="kb"><form class="kbs"><input name="q" type="search" maxlength="200"><button></button></form><div class="kbr"></div></div>
    <form class="start"><input name="name" maxlength="80" required><input name="email" type="email" maxlength="254"><button></button></form>
    <form class="leave hide"><input name="name" maxlength="80"><input name="email" type="email" maxlength="254"><input name="phone" maxlength="32"><textarea name="text" maxlength="4000" required></textarea><button></button></form>
    <div class="log hide"></div>
    <form class="ended hide"><input name="to" type="email" maxlength="254"><button class="tx"></button><button type="button" class="again"></button></form>
    <form class="row compose hide"><input name="text" maxlength="4000" autocomplete="off"><button></button></form>
  </div>`;
  const $ = (s) => root.querySelector(s);
  const title = data('title') || T.title;
  $('.fab').textContent = '💬 ' + title;
  $('header b').textContent = title;
  $('.end').textContent = T.end;
  $('.start [name=name]').placeholder = T.name;
  $('.start [name=email]').placeholder = T.email;
  $('.start button').textContent = T.start;
  $('.leave [name=name]').placeholder = T.name;
  $('.leave [name=email]').placeholder = T.email;
  $('.leave [name=phone]').placeholder = T.phone;
  $('.leave [name=text]').placeholder = T.message;
  $('.leave button').textContent = T.leave;
  $('.ended [name=to]').placeholder = T.email;
  $('.tx').textContent = T.transcript;
  $('.again').textContent = T.again;
  $('.compose [name=text]').placeholder = T.placeholder;
  $('.compose button').textContent = T.send;
  $('.kbs [name=q]').placeholder = T.help;
  $('.kbs button').textContent = T.search;

  let ws = null;
  let token = localStorage.getItem(storeKey);
  let who = { name: data('name'), email: data('email'), phone: data('phone') };
  let retry = 0;
  let typingSent = 0;
  let typingTimer = null;
  let wantOpen = false;
  let agentLine = '';
  const shown = new Map();

  const status = (text) => ($('.status').textContent = text || '');
  const show = (view) => {
    for (const v of ['start', 'leave', 'ended']) $('.' + v).classList.toggle('hide', v !== view);
    $('.log').classList.toggle('hide', view === 'start' || view === 'leave');
    $('.compose').classList.toggle('hide', view !== 'chat');
    $('.end').classList.toggle('hide', view !== 'chat');
    $('.kb').classList.toggle('hide', view !== 'start' && view !== 'leave');
  };
  const send = (frame) => ws && ws.readyState === 1 && ws.send(JSON.stringify(frame));

  function line(id, from, name, text) {
    let el = id && shown.get(id);
    if (!el) {
      el = document.createElement('div');
      el.className = 'msg ' + from;
      el.append(document.createElement('small'), document.createTextNode(''));
      $('.log').append(el);
      if (id) shown.set(id, el);
    }
    el.firstChild.textContent = name;
    el.lastChild.textContent = text;
    $('.log').scrollTop = $('.log').scrollHeight;
    return el;
  }

  function connect() {
    if (ws && ws.readyState <= 1) return;
    ws = new WebSocket(wsUrl);
    ws.onopen = () => {
      retry = 0;
      status(agentLine);
      send({ type: 'hello', token, ...who });
    };
    ws.onmessage = (ev) => {
      let f;
      try {
        f = JSON.parse(ev.data);
      } catch {
        return;
      }
      on(f);
    };
    ws.onclose = () => {
      ws = null;
      if (!token || !wantOpen) return;
      status(T.reconnecting);
      setTimeout(connect, Math.min(15000, 1000 * 2 ** retry++));
    };
  }

  function on(f) {
    if (f.type === 'welcome') {
      token = f.token;
      localStorage.setItem(storeKey, token);
      for (const h of f.history) {
        line(h.id, h.from, h.from === 'visitor' ? T.you : h.name, h.text);
        if (h.from === 'agent') send({ type: 'delivered', id: h.id });
      }
      if (f.ended) show('ended');
      else if (!f.available && f.history.length === 0) {
        $('.leave [name=name]').value = f.name;
        $('.leave [name=email]').value = who.email || '';
        status(T.offline);
        show('leave');
      } else {
        show('chat');
        agentLine = f.agentName ? T.joined(f.agentName) : '';
        status(agentLine);
      }
    } else if (f.type === 'ack') {
      const el = shown.get(f.clientId);
      if (el) {
        shown.delete(f.clientId);
        shown.set(f.id, el);
        el.firstChild.textContent = T.you + ' ✓';
      }
      if (!agentLine) status(T.waiting);
    } else if (f.type === 'message') {
      line(f.id, 'agent', f.name, f.text);
      send({ type: 'delivered', id: f.id });
      status(agentLine);
    } else if (f.type === 'agent_joined') {
      agentLine = T.joined(f.name);
      status(agentLine);
    } else if (f.type === 'typing') {
      status(T.typing);
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => status(agentLine), 4000);
    } else if (f.type === 'ended') {
      agentLine = '';
      status(f.transcript === 'queued' ? T.transcriptSent : T.ended);
      $('.ended [name=to]').value = $('.ended [name=to]').value || who.email || '';
      show('ended');
    } else if (f.type === 'message_left') {
      status(T.left(f.caseNumber));
      $('.leave').classList.add('hide');
    } else if (f.type === 'error') {
      const el = f.ref && shown.get(f.ref);
      if (el) el.firstChild.textContent = T.you + ' ⚠ ' + T.failed;
      else status(f.detail);
    }
  }

  $('.fab').onclick = () => (wantOpen ? close() : open());
  $('.close').onclick = () => close();
  $('.end').onclick = () => send({ type: 'end' });
  $('.start').onsubmit = (e) => {
    e.preventDefault();
    who = { name: $('.start [name=name]').value, email: $('.start [name=email]').value };
    kbContact();
    show('chat');
    connect();
  };
  $('.leave').onsubmit = (e) => {
    e.preventDefault();
    const v = (n) => $('.leave [name=' + n + ']').value.trim();
    if (!v('email') && !v('phone')) return status(T.needContact);
    kbContact();
    send({
      type: 'leave_message',
      name: v('name'),
      email: v('email'),
      phone: v('phone'),
      text: v('text'),
    });
  };
  $('.ended').onsubmit = (e) => {
    e.preventDefault();
    const to = $('.ended [name=to]').value.trim();
    if (to) send({ type: 'end', transcriptTo: to });
  };
  $('.again').onclick = () => {
    $('.log').textContent = '';
    shown.clear();
    status('');
    show('chat');
  };
  function sendText(text) {
    if (!text) return;
    const clientId = 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    const el = line(clientId, 'visitor', T.you, text);
    if (!send({ type: 'message', text, clientId }))
      el.firstChild.textContent = T.you + ' ⚠ ' + T.failed;
  }
  $('.compose').onsubmit = (e) => {
    e.preventDefault();
    const input = $('.compose [name=text]');
    sendText(input.value.trim());
    input.value = '';
  };
  $('.compose [name=text]').oninput = () => {
    if (Date.now() - typingSent < 2000) return;
    typingSent = Date.now();
    send({ type: 'typing' });
  };

  // ── help articles before a chat: public knowledge-base search on the center's API ──
  // A session id per tab lets the center count deflection (read, then no chat within 30 min).
  const apiBase = src.origin;
  const kbKey = 'kefu-kb-session:' + apiBase;
  const kbSession = () => {
    let id = sessionStorage.getItem(kbKey);
    if (!id) {
      id = (
        crypto.randomUUID ? crypto.randomUUID() : Math.random().toString(36).slice(2) + Date.now()
      ).replace(/[^A-Za-z0-9_-]/g, '');
      sessionStorage.setItem(kbKey, id);
    }
    return id;
  };
  const kbFetch = (path, body) =>
    fetch(
      apiBase + path,
      body
        ? {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          }
        : {},
    ).then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))));
  function kbContact() {
    if (sessionStorage.getItem(kbKey))
      kbFetch('/api/kb/public/contact', { session: kbSession() }).catch(() => null);
  }
  const marked = (segments) =>
    segments.map((s) => {
      const n = document.createElement(s.hit ? 'mark' : 'span');
      n.textContent = s.text;
      return n;
    });
  let kbHits = [];
  function kbList() {
    const box = $('.kbr');
    box.textContent = '';
    if (!kbHits.length) {
      const p = document.createElement('p');
      p.textContent = T.noHelp;
      return box.append(p);
    }
    for (const h of kbHits) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'hit';
      b.append(...marked(h.titleSegments));
      b.onclick = () => kbOpen(h.slug);
      const p = document.createElement('p');
      p.append(...marked(h.snippet));
      box.append(b, p);
    }
  }
  async function kbOpen(slug) {
    const a = await kbFetch(
      '/api/kb/public/articles/' + encodeURIComponent(slug) + '?session=' + kbSession(),
    ).catch(() => null);
    if (!a) return;
    const box = $('.kbr');
    box.textContent = '';
    const back = document.createElement('button');
    back.type = 'button';
    back.className = 'hit';
    back.textContent = T.back;
    back.onclick = kbList;
    const h = document.createElement('b');
    h.textContent = a.title;
    const art = document.createElement('div');
    art.className = 'art';
    // Rendered from Markdown and sanitized by the center (allow-listed tags, safe links).
    art.innerHTML = a.html;
    const vote = document.createElement('div');
    vote.className = 'vote';
    vote.append(T.helped + ' ');
    for (const [label, helpful] of [
      [T.yes, true],
      [T.no, false],
    ]) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.onclick = () => {
        kbFetch('/api/kb/public/articles/' + encodeURIComponent(slug) + '/feedback', {
          helpful,
          session: kbSession(),
        }).catch(() => null);
        vote.textContent = T.thanks;
      };
      vote.append(b);
    }
    box.append(back, h, art, vote);
  }
  $('.kbs').onsubmit = async (e) => {
    e.preventDefault();
    const q = $('.kbs [name=q]').value.trim();
    if (!q) return;
    const p =
      '/api/kb/public/search?limit=5&session=' + kbSession() + '&q=' + encodeURIComponent(q);
    const r = await kbFetch(p + '&lang=' + (lang === 'zh' ? 'zh-CN' : 'en')).catch(() => ({
      items: [],
    }));
    kbHits = r.items.length ? r.items : (await kbFetch(p).catch(() => ({ items: [] }))).items;
    kbList();
  };

  function open() {
    wantOpen = true;
    $('.panel').classList.add('open');
    if (token || who.name || who.email || who.phone) {
      show('chat');
      connect();
    } else show('start');
  }
  function close() {
    wantOpen = false;
    $('.panel').classList.remove('open');
  }

  const mount = () => document.body.append(host);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
  // A chat in progress comes back open after a reload.
  if (token) open();
  window.KefuChat = { open, close, send: sendText };
})();
