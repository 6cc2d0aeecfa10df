// Shared by every page: FHIR calls on this origin, the "as of" time, small DOM helpers.
import { authHeaders, finishLaunch, relaunch } from './smart.js';

export const FHIR = '/fhir';

// Back from the authorization server (SMART App Launch): exchange the code before the page reads its URL.
try {
  await finishLaunch();
} catch (e) {
  const main = document.getElementById('main') || document.body;
  const message = document.createElement('p');
  message.className = 'status error';
  message.setAttribute('role', 'alert');
  message.textContent = e.message;
  const again = document.createElement('a');
  again.href = 'launch.html';
  again.textContent = 'Sign in again';
  main.replaceChildren(message, again);
  await new Promise(() => {}); // nothing else on this page can work
}

/** fetch on /fhir with the access token when signing in is on; a refused token signs in again. */
async function fhirFetch(url, options = {}) {
  const headers = { ...(options.headers || {}), ...(await authHeaders()) };
  const response = await fetch(url, { ...options, headers });
  if (response.status === 401 && headers.Authorization) {
    relaunch();
    await new Promise(() => {}); // the page is leaving
  }
  return response;
}

export async function fhir(path, options = {}) {
  const headers = { Accept: 'application/fhir+json', ...(options.headers || {}) };
  if (options.body) headers['Content-Type'] = 'application/fhir+json';
  const response = await fhirFetch(FHIR + path, { ...options, headers });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const issue = body && body.issue && body.issue[0];
    const message = issue && (issue.diagnostics || (issue.details && issue.details.text));
    const error = new Error(`${response.status}: ${message || response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return { body, etag: response.headers.get('ETag') };
}

export async function get(path) {
  return (await fhir(path)).body;
}

/** Every page of a search: follows Bundle.link next (the server pages at 20 by default, 100 at most). */
export async function getAll(path) {
  const first = await get(path + (path.includes('?') ? '&' : '?') + '_count=100');
  const all = { ...first, entry: [...(first.entry || [])] };
  let page = first;
  for (let i = 0; i < 50; i++) {
    const next = (page.link || []).find((l) => l.relation === 'next');
    if (!next) break;
    const url = new URL(next.url, location.href);
    const response = await fhirFetch(url.pathname + url.search, { headers: { Accept: 'application/fhir+json' } });
    if (!response.ok) throw new Error(`${response.status}: next page`);
    page = await response.json();
    all.entry.push(...(page.entry || []));
  }
  return all;
}

export function entries(bundle, type) {
  return ((bundle && bundle.entry) || [])
    .map((e) => e.resource)
    .filter((r) => r && (!type || r.resourceType === type));
}

/** The "as of" instant from ?asOf= (ISO, UTC), or null for now (no asOf, or asOf=now). */
export function asOf() {
  const value = new URLSearchParams(location.search).get('asOf');
  if (!value || value === 'now') return null;
  const d = new Date(value);
  return isNaN(d) ? null : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A link to another page that keeps the "as of" time. */
export function pageUrl(page, params = {}) {
  const p = new URLSearchParams(params);
  const at = asOf();
  if (at) p.set('asOf', at);
  else if (new URLSearchParams(location.search).get('asOf') === 'now') p.set('asOf', 'now');
  const q = p.toString();
  return q ? `${page}?${q}` : page;
}

/** Wires the "as of" form: a datetime-local read as UTC; empty means now. */
export function setUpAsOf() {
  const form = document.getElementById('as-of-form');
  if (!form) return;
  const input = form.querySelector('input[name=asOf]');
  const at = asOf();
  if (at) input.value = at.slice(0, 16);
  document.getElementById('as-of-now').textContent = at ? `as of ${formatDateTime(at)}` : 'as of now';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const p = new URLSearchParams(location.search);
    // Empty means now, said explicitly so that an example's chart does not move to the example's time.
    p.set('asOf', input.value ? input.value + ':00Z' : 'now');
    location.search = p.toString();
  });
}

/** Patient id → the evaluation time of the example it comes from (examples/expected-alerts.json). */
let exampleTimesPromise;
export function exampleTimes() {
  exampleTimesPromise = exampleTimesPromise || fetch('example-times.json')
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}));
  return exampleTimesPromise;
}

/** Severity of an alert (CommunicationRequest): its contained DetectedIssue, else its priority. */
const PRIORITY_SEVERITY = { stat: 'high', asap: 'high', urgent: 'moderate', routine: 'low' };
export function alertSeverity(alert) {
  const issue = (alert.contained || []).find((r) => r.resourceType === 'DetectedIssue');
  return (issue && issue.severity) || PRIORITY_SEVERITY[alert.priority] || 'low';
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function humanName(patient) {
  const n = (patient.name || [])[0];
  if (!n) return patient.id;
  if (n.text) return n.text;
  return [...(n.given || []), n.family].filter(Boolean).join(' ') || patient.id;
}

export function formatDate(value) {
  return value ? value.slice(0, 10) : '';
}

export function formatDateTime(value) {
  if (!value) return '';
  if (value.length <= 10) return value;
  return value.replace('T', ' ').replace(/:00(\.0+)?(?=Z$|[+-]\d{2}:\d{2}$)/, '').replace(/(Z|\+00:00)$/, ' UTC');
}

export function showError(where, error) {
  where.replaceChildren(el('p', { class: 'error', role: 'alert', text: `Could not load: ${error.message}` }));
}
