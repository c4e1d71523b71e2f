/**
 * kefu public web form: posts to POST /api/forms/cases and shows the case number to quote.
 * The `website` field is a honeypot hidden by CSS; people leave it empty. Chinese or English
 * after the browser's language.
 */
(function () {
  'use strict';

  const zh = (navigator.language || 'zh-CN').toLowerCase().startsWith('zh');
  const T = zh
    ? {
        title: '在线提交问题',
        name: '姓名',
        phone: '手机号码',
        email: '电子邮箱',
        contactHint: '手机号码和电子邮箱至少填写一项，以便我们答复您。',
        type: '类型',
        subject: '主题',
        message: '内容',
        submit: '提交',
        portal: '查看我的事件进度',
        done: (n) => `已受理，事件编号 ${n}。我们会尽快与您联系，您也可以登录客服门户查看进度。`,
        invalid: '请检查标出的内容。',
        limited: '提交过于频繁，请稍后再试。',
        failed: '提交失败，请稍后再试。',
      }
    : {
        title: 'Contact us',
        name: 'Name',
        phone: 'Mobile number',
        email: 'E-mail',
        contactHint: 'Give a mobile number or an e-mail address (or both) so we can answer you.',
        type: 'Type',
        subject: 'Subject',
        message: 'Message',
        submit: 'Send',
        portal: 'Follow my cases',
        done: (n) =>
          `Received: your case number is ${n}. We will get back to you soon; you can also follow it in the customer portal.`,
        invalid: 'Please check the marked fields.',
        limited: 'Too many forms sent. Please try again later.',
        failed: 'Could not send. Please try again later.',
      };
  document.documentElement.lang = zh ? 'zh-CN' : 'en';
  document.title = T.title;
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = T[e.dataset.t];

  const form = document.getElementById('form');
  const error = document.getElementById('error');
  const typeSelect = document.getElementById('type');
  const field = (name) => form.elements.namedItem(name);

  fetch('/api/forms/options')
    .then((r) => (r.ok ? r.json() : { types: [] }))
    .then(({ types }) => {
      for (const t of types) {
        const o = new Option(zh ? t.nameZh : t.name, t.code);
        if (t.code === 'query') o.selected = true;
        typeSelect.append(o);
      }
      // Without the list the form still works: the case type defaults to a query.
      typeSelect.hidden = types.length === 0;
      form.querySelector('label[for="type"]').hidden = types.length === 0;
    })
    .catch(() => undefined);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    for (const e of form.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
    const value = (n) => field(n).value.trim() || null;
    const body = {
      name: value('name') || '',
      phone: value('phone'),
      email: value('email'),
      subject: value('subject') || '',
      message: value('message') || '',
      website: field('website').value || null,
      ...(typeSelect.value ? { type: typeSelect.value } : {}),
    };
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const r = await fetch('/api/forms/cases', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const data = await r.json().catch(() => ({}));
      if (r.status === 201) {
        // A visitor who read help articles in this tab and still wrote: not deflected.
        const kbSession = sessionStorage.getItem('kefu.kbSession');
        if (kbSession)
          await fetch('/api/kb/public/contact', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ session: kbSession }),
          }).catch(() => null);
        form.hidden = true;
        const done = document.getElementById('done');
        done.textContent = T.done(data.caseNumber);
        done.hidden = false;
        return;
      }
      if (r.status === 429) error.textContent = T.limited;
      else if (r.status === 400) {
        const names = [
          data.details && data.details.field,
          ...(data.errors || []).map((e) => e.path.split('.')[0]),
        ].filter(Boolean);
        for (const n of names) field(n)?.setAttribute('aria-invalid', 'true');
        error.textContent = data.detail && !names.length ? data.detail : T.invalid;
      } else error.textContent = T.failed;
    } catch {
      error.textContent = T.failed;
    } finally {
      button.disabled = false;
    }
  });
})();
