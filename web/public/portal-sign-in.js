/** Signing in to the portal: a code by SMS, or a link by e-mail. */
import { T } from './portal-texts.js';
import { api, el, message, newFormLink, show } from './portal-ui.js';

/** The sign-in card on its phone or e-mail tab, with an error to show if any. */
export function signInView(tab, onSignedIn, problem = '') {
  const error = el('div', { class: 'error', role: 'alert' }, problem);
  const note = el('div', { class: 'note' });
  const tabs = el(
    'div',
    { class: 'tabs', role: 'tablist' },
    el(
      'button',
      {
        role: 'tab',
        'aria-selected': String(tab === 'phone'),
        onclick: () => signInView('phone', onSignedIn),
      },
      T.byPhone,
    ),
    el(
      'button',
      {
        role: 'tab',
        'aria-selected': String(tab === 'email'),
        onclick: () => signInView('email', onSignedIn),
      },
      T.byEmail,
    ),
  );
  const body = tab === 'phone' ? phoneForm(error, note, onSignedIn) : emailForm(error, note);
  show(el('section', { class: 'card' }, tabs, body, note, error), newFormLink());
}

function phoneForm(error, note, onSignedIn) {
  const phone = el('input', {
    id: 'phone',
    type: 'tel',
    autocomplete: 'tel',
    inputmode: 'tel',
    required: true,
  });
  const code = el('input', {
    id: 'code',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    maxlength: 6,
    pattern: '\\d{6}',
  });
  const send = el('button', { type: 'button' }, T.sendCode);
  const submit = el('button', { type: 'submit' }, T.signIn);
  send.addEventListener('click', async () => {
    error.textContent = '';
    send.disabled = true;
    try {
      await api('POST', '/api/portal/sms-code', { phone: phone.value });
      note.textContent = T.codeSent;
      code.focus();
      countdown(send, 60);
    } catch (e) {
      error.textContent = message(e);
      if (e.retryAfter) countdown(send, e.retryAfter);
      else send.disabled = false;
    }
  });
  return el(
    'form',
    {
      onsubmit: async (ev) => {
        ev.preventDefault();
        error.textContent = '';
        submit.disabled = true;
        try {
          await api('POST', '/api/portal/sms-code/verify', {
            phone: phone.value,
            code: code.value.trim(),
          });
          await onSignedIn();
        } catch (e) {
          error.textContent = message(e);
          submit.disabled = false;
        }
      },
    },
    el('label', { for: 'phone' }, T.phone),
    phone,
    send,
    el('label', { for: 'code' }, T.code),
    code,
    submit,
  );
}

function countdown(button, seconds) {
  let left = Math.min(Math.ceil(seconds), 3600);
  const label = button.textContent;
  button.disabled = true;
  const tick = () => {
    if (left <= 0) {
      button.textContent = label;
      button.disabled = false;
      return;
    }
    button.textContent = T.resendIn(left--);
    setTimeout(tick, 1000);
  };
  tick();
}

function emailForm(error, note) {
  const email = el('input', {
    id: 'email',
    type: 'email',
    autocomplete: 'email',
    required: true,
  });
  const submit = el('button', { type: 'submit' }, T.sendLink);
  return el(
    'form',
    {
      onsubmit: async (ev) => {
        ev.preventDefault();
        error.textContent = '';
        submit.disabled = true;
        try {
          await api('POST', '/api/portal/email-link', { email: email.value });
          note.textContent = T.linkSent;
        } catch (e) {
          error.textContent = message(e);
          submit.disabled = false;
        }
      },
    },
    el('label', { for: 'email' }, T.email),
    email,
    submit,
  );
}

/** Arriving from the e-mail link: the token is in the fragment, never sent to any server. */
export async function followLink(onSignedIn) {
  const m = /(?:^#|&)login=([\w-]+)/.exec(location.hash);
  if (!m) return false;
  history.replaceState(null, '', location.pathname);
  show(el('section', { class: 'card' }, T.signingIn));
  try {
    await api('POST', '/api/portal/email-link/verify', { token: m[1] });
  } catch (e) {
    signInView('email', onSignedIn, message(e));
    return true;
  }
  await onSignedIn();
  return true;
}
