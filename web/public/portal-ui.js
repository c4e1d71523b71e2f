/** Small helpers of the customer portal: building DOM safely, calling kefu's API. */
import { T, zh } from './portal-texts.js';

const app = document.getElementById('app');

/** Builds an element; children are nodes or text (never parsed as HTML). */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v === true) e.setAttribute(k, '');
    else if (v !== false && v !== null && v !== undefined) e.setAttribute(k, String(v));
  }
  for (const c of children.flat())
    if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code;
    this.retryAfter = problem.retryAfter;
  }
}

export async function api(method, url, body) {
  const r = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  const data = text ? JSON.parse(text) : null;
  if (!r.ok)
    throw new ApiError(r.status, {
      ...(data || {}),
      retryAfter: Number(r.headers.get('retry-after')) || null,
    });
  return data;
}

export const message = (e) => (e instanceof ApiError && T.errors[e.code]) || T.failed;
export const when = (iso) =>
  new Date(iso).toLocaleString(zh ? 'zh-CN' : 'en', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
export const stageLabel = (s) => el('span', { class: 'stage' }, T.stages[s] || s);

export function show(...nodes) {
  app.replaceChildren(...nodes.filter(Boolean));
}

export const newFormLink = () => el('p', {}, el('a', { href: 'form.html' }, T.newForm));
