import {
  fhir, get, getAll, entries, el, humanName, formatDate, formatDateTime, asOf, pageUrl, setUpAsOf, showError,
  exampleTimes,
} from './common.js';
import { doseHistory, renalTrend } from './pictures.js';

const OVERRIDE_SYSTEM = 'http://baclofen-cds.org/fhir/CodeSystem/baclofen-override-reason';
const SEVERITY_RANK = { high: 0, moderate: 1, low: 2 };
const PRIORITY_SEVERITY = { stat: 'high', asap: 'high', urgent: 'moderate', routine: 'low' };
const RECENT_STOP_DAYS = 30;
const CLINICIAN_KEY = 'baclofen-cds.clinician';

const patientId = new URLSearchParams(location.search).get('patient');
const alertList = document.getElementById('alerts');
const alertStatus = document.getElementById('alert-status');
const runButton = document.getElementById('run-checks');

let overrideReasons = [];
let productByOrder = new Map();

// ---- summary (Parameters) helpers ----
function parts(p, name) {
  return ((p && (p.parameter || p.part)) || []).filter((x) => x.name === name);
}
function part(p, name) {
  return parts(p, name)[0];
}
function value(p) {
  if (!p) return undefined;
  const key = Object.keys(p).find((k) => k.startsWith('value'));
  return key ? p[key] : undefined;
}
function v(p, name) {
  return value(part(p, name));
}

// ---- banner ----
function renderBanner(patient, summary) {
  document.getElementById('patient-name').textContent = humanName(patient);
  document.title = `${humanName(patient)} · baclofen-cds`;
  const age = v(summary, 'age');
  const weight = part(summary, 'weight');
  const renal = part(summary, 'renalFunction');
  const items = [
    ['Age', age !== undefined ? `${age} years` : 'unknown', `born ${formatDate(patient.birthDate) || 'unknown'}`],
    ['Sex', patient.gender || 'unknown', null],
    weight
      ? ['Weight', `${v(weight, 'value').value} ${v(weight, 'value').unit || v(weight, 'value').code || ''}`, `on ${formatDateTime(v(weight, 'date'))}`]
      : ['Weight', 'none in the last 365 days', null],
    renalItem(renal),
    ['Patient id', patient.id, null],
  ];
  document.getElementById('banner').replaceChildren(
    ...items.map(([label, text, how]) => el('div', { class: label === 'Renal function' ? 'wide' : null },
      el('dt', {}, label),
      el('dd', { id: `banner-${label.toLowerCase().replace(/\W+/g, '-')}` }, text, how ? el('span', { class: 'how' }, how) : null))),
  );
}

function renalItem(renal) {
  if (!renal || !v(renal, 'known')) {
    const notes = parts(renal, 'note').map(value);
    return ['Renal function', 'no usable result in the last 365 days', notes.join('; ') || null];
  }
  const method = v(renal, 'method') || '';
  const val = v(renal, 'value');
  const label = method.includes('eGFR') ? 'eGFR' : method === 'condition' ? 'Renal' : 'CrCl';
  const headline = val !== undefined
    ? `${label} ${val} ${v(renal, 'unit')} (${v(renal, 'bandLabel')})${v(renal, 'date') ? ` on ${formatDateTime(v(renal, 'date'))}` : ''}`
    : `${v(renal, 'bandLabel')}`;
  // The description starts with the method and carries the numbers (e.g. the Cockcroft–Gault inputs).
  return ['Renal function', headline, v(renal, 'description') || method];
}

// ---- medications ----
function renderMedications(summary, requestsBundle) {
  const requests = new Map(entries(requestsBundle, 'MedicationRequest').map((r) => [`MedicationRequest/${r.id}`, r]));
  const at = new Date(asOf() || Date.now());
  const orders = parts(summary, 'order').filter((o) => {
    if (v(o, 'current')) return true;
    const stop = v(o, 'stopDate');
    if (!v(o, 'stopped') || !stop) return false;
    const days = (at - new Date(stop)) / 86400000;
    return days >= -1 && days <= RECENT_STOP_DAYS;
  });
  productByOrder = new Map();
  for (const o of parts(summary, 'order')) {
    const product = v(o, 'product');
    if (product) productByOrder.set(v(o, 'medicationRequest').reference, product);
  }
  const isBaclofen = (o) => parts(o, 'class').some((c) => value(c) === 'baclofen');
  orders.sort((a, b) => (isBaclofen(b) - isBaclofen(a)) || (v(b, 'current') - v(a, 'current')) || v(a, 'name').localeCompare(v(b, 'name')));
  const where = document.getElementById('medications');
  if (!orders.length) {
    where.replaceChildren(el('p', { class: 'muted' }, 'No current or recently stopped orders.'));
    return;
  }
  const rows = orders.map((o) => {
    const ref = v(o, 'medicationRequest').reference;
    const request = requests.get(ref);
    const dosage = request && (request.dosageInstruction || []).map((d) => d.text).filter(Boolean).join('; ');
    const classes = parts(o, 'class').map((c) => el('span', { class: `tag ${value(c) === 'baclofen' ? 'baclofen' : ''}` }, value(c)));
    const product = v(o, 'product');
    let dose = '—';
    if (isBaclofen(o)) {
      const q = v(o, 'dailyDose');
      dose = [
        q ? el('span', { class: 'dose' }, `${q.value} ${q.unit}`) : el('span', { class: 'dose' }, 'not computable'),
        el('span', { class: 'explain' }, v(o, 'doseExplanation')),
        el('span', { class: 'explain' }, `Route: ${v(o, 'route')} (${v(o, 'routeNote')})`),
      ];
    }
    return el(
      'tr',
      { class: v(o, 'current') ? 'current' : 'stopped', 'data-order': ref },
      el('td', {}, el('span', {}, v(o, 'name')), el('br'), ...classes,
        product ? el('a', { class: 'explain', href: pageUrl('knowledge.html') + `#${product.reference.split('/')[1]}` }, product.display) : null),
      el('td', {}, v(o, 'status') || ''),
      el('td', {}, dosage || '—'),
      el('td', {}, dose),
      el('td', {}, formatDateTime(v(o, 'authored'))),
      el('td', {}, formatDateTime(v(o, 'stopDate'))),
    );
  });
  where.replaceChildren(
    el('table', {},
      el('caption', { class: 'skip' }, 'Medication orders'),
      el('thead', {}, el('tr', {}, ...['Medication', 'Status', 'Dosage', 'Daily dose', 'Authored', 'Stopped'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows)),
  );
}

// ---- alerts ----
function severityOf(alert) {
  const issue = (alert.contained || []).find((r) => r.resourceType === 'DetectedIssue');
  return (issue && issue.severity) || PRIORITY_SEVERITY[alert.priority] || 'low';
}
function issueOf(alert) {
  return (alert.contained || []).find((r) => r.resourceType === 'DetectedIssue') || {};
}
function alertCode(alert) {
  const c = ((alert.reasonCode || [])[0] || {}).coding || [];
  return (c[0] && c[0].code) || '';
}
function isInstruction(alert) {
  return (alert.category || []).some((cat) => (cat.coding || []).some((c) => c.code === 'instruction'));
}

const SVG = 'http://www.w3.org/2000/svg';
function icon(severity) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const shape = document.createElementNS(SVG, severity === 'high' ? 'polygon' : severity === 'moderate' ? 'polygon' : 'circle');
  if (severity === 'high') shape.setAttribute('points', '7,1 17,1 23,7 23,17 17,23 7,23 1,17 1,7');
  else if (severity === 'moderate') shape.setAttribute('points', '12,1 23,22 1,22');
  else { shape.setAttribute('cx', '12'); shape.setAttribute('cy', '12'); shape.setAttribute('r', '11'); }
  shape.setAttribute('fill', 'currentColor');
  const mark = document.createElementNS(SVG, 'text');
  mark.setAttribute('x', '12');
  mark.setAttribute('y', severity === 'moderate' ? '19' : '17.5');
  mark.setAttribute('text-anchor', 'middle');
  mark.setAttribute('font-size', '14');
  mark.setAttribute('font-weight', '700');
  mark.setAttribute('fill', '#fff');
  mark.textContent = severity === 'low' ? 'i' : '!';
  svg.append(shape, mark);
  return svg;
}

function referenceList(refs) {
  const items = refs.filter((r) => r.reference && !r.reference.startsWith('#'));
  if (!items.length) return null;
  return el('ul', {}, items.map((r) => el('li', {}, r.display ? `${r.display} (${r.reference})` : r.reference)));
}

function renderAlert(alert) {
  const severity = severityOf(alert);
  const code = alertCode(alert);
  const summary = ((alert.payload || [])[0] || {}).contentString || code;
  const detail = ((alert.payload || [])[1] || {}).contentString || '';
  const issue = issueOf(alert);
  const implicated = (alert.about || []).filter((r) => r.reference && r.reference.startsWith('MedicationRequest/'));
  const product = implicated.map((r) => productByOrder.get(r.reference)).find(Boolean);
  const knowledgeHref = pageUrl('knowledge.html') + (product ? `#${product.reference.split('/')[1]}` : '');
  const li = el('li', { class: `alert ${severity}`, 'data-alert-code': code, 'data-alert-id': alert.id });
  const form = el('form', { class: 'respond', hidden: true, 'aria-label': `Respond to ${code}` });
  li.append(
    el('div', { class: 'alert-head' },
      el('span', { class: 'severity' }, icon(severity), el('span', { class: 'severity-word' }, severity[0].toUpperCase() + severity.slice(1))),
      el('div', {},
        el('p', { class: 'alert-summary' }, summary),
        el('span', { class: 'alert-code' }, `${code} · ${isInstruction(alert) ? 'patient education' : 'clinician alert'} · ${formatDateTime(alert.authoredOn)}`))),
    el('details', { class: 'alert-detail' },
      el('summary', {}, 'Details, numbers and source'),
      el('p', { class: 'detail-text' }, detail),
      implicated.length ? el('p', {}, el('strong', {}, 'Orders: '), referenceList(implicated)) : null,
      (alert.reasonReference || []).length ? el('div', {}, el('strong', {}, 'Evidence: '), referenceList(alert.reasonReference)) : null,
      el('p', {},
        el('strong', {}, 'Source: '),
        issue.reference ? el('a', { href: issue.reference, rel: 'noreferrer', class: 'source' }, issue.reference) : 'not stated',
        ' · ',
        el('a', { href: knowledgeHref, class: 'knowledge-link' }, product ? `Baclofen knowledge: ${product.display}` : 'Baclofen knowledge'))),
    el('div', { class: 'alert-actions' },
      el('button', { type: 'button', class: 'acknowledge', onclick: () => openForm(form, alert, 'acknowledge') }, 'Acknowledge'),
      el('button', { type: 'button', class: 'override', onclick: () => openForm(form, alert, 'override') }, 'Override…')),
    form,
  );
  return li;
}

function openForm(form, alert, mode) {
  const code = alertCode(alert);
  const who = localStorage.getItem(CLINICIAN_KEY) || '';
  const children = [];
  if (mode === 'override') {
    children.push(el('fieldset', {},
      el('legend', {}, 'Reason for override'),
      overrideReasons.map((r, i) => el('label', { class: 'choice' },
        el('input', { type: 'radio', name: 'reason', value: r.code, required: true, id: `${alert.id}-reason-${i}` }),
        ` ${r.display}`))));
  } else {
    children.push(el('p', {}, 'Acknowledge: the alert has been seen and no change is needed.'));
  }
  children.push(
    el('label', { class: 'field' }, el('span', {}, 'Comment (optional)'), el('textarea', { name: 'comment' })),
    el('label', { class: 'field' }, el('span', {}, 'Recorded by'), el('input', { type: 'text', name: 'who', value: who, autocomplete: 'name' })),
    el('div', { class: 'alert-actions' },
      el('button', { type: 'submit', class: 'primary' }, mode === 'override' ? 'Record override' : 'Record acknowledgement'),
      el('button', { type: 'button', onclick: () => { form.hidden = true; } }, 'Cancel')),
  );
  form.replaceChildren(...children);
  form.onsubmit = (event) => {
    event.preventDefault();
    respond(form, alert, mode);
  };
  form.hidden = false;
  const first = form.querySelector('input, textarea');
  if (first) first.focus();
  form.dataset.mode = mode;
  form.dataset.code = code;
}

async function respond(form, alert, mode) {
  const data = new FormData(form);
  const who = (data.get('who') || '').trim();
  if (who) localStorage.setItem(CLINICIAN_KEY, who);
  const reason = overrideReasons.find((r) => r.code === data.get('reason'));
  if (mode === 'override' && !reason) {
    alertStatus.textContent = 'Choose a reason for the override.';
    return;
  }
  const comment = (data.get('comment') || '').trim();
  const submit = form.querySelector('button[type=submit]');
  submit.disabled = true;
  try {
    // Re-read so the update carries the current version (If-Match): a concurrent change is refused, not lost.
    const { body: current, etag } = await fhir(`/CommunicationRequest/${alert.id}`);
    current.status = mode === 'override' ? 'revoked' : 'completed';
    current.statusReason = mode === 'override'
      ? { coding: [{ system: OVERRIDE_SYSTEM, code: reason.code, display: reason.display }], text: reason.display }
      : { text: 'Acknowledged by a clinician' };
    const text = mode === 'override' ? `Overridden: ${reason.display}` : 'Acknowledged';
    current.note = [...(current.note || []), {
      authorString: who || 'clinician (chart view)',
      time: new Date().toISOString(),
      text: comment ? `${text}. ${comment}` : text,
    }];
    await fhir(`/CommunicationRequest/${alert.id}`, {
      method: 'PUT',
      body: JSON.stringify(current),
      headers: { 'If-Match': etag || `W/"${current.meta.versionId}"` },
    });
    await loadAlerts();
    alertStatus.textContent = `${mode === 'override' ? 'Override' : 'Acknowledgement'} of “${alertCode(alert)}” recorded; it is no longer active.`;
    document.getElementById('alerts-heading').focus();
  } catch (e) {
    submit.disabled = false;
    alertStatus.textContent = e.status === 409 || e.status === 412
      ? 'The alert changed meanwhile; reloaded. Please try again.'
      : `Could not record: ${e.message}`;
    if (e.status === 409 || e.status === 412) await loadAlerts();
  }
}

const UNTIL_EXTENSION = 'http://baclofen-cds.org/fhir/StructureDefinition/alert-override-until';

// Overrides recorded on the alerts, in the chart or as CDS Hooks feedback (the same record): who, when, why.
async function loadDecisions() {
  const bundle = await getAll(`/CommunicationRequest?subject=${encodeURIComponent(`Patient/${patientId}`)}&status=revoked`);
  const overridden = entries(bundle, 'CommunicationRequest').filter((cr) =>
    ((cr.statusReason || {}).coding || []).some((c) => c.system === OVERRIDE_SYSTEM)
    || (cr.extension || []).some((e) => e.url === UNTIL_EXTENSION));
  const list = document.getElementById('decisions');
  list.replaceChildren(...overridden.map((cr) => {
    const note = (cr.note || [])[(cr.note || []).length - 1] || {};
    const until = (cr.extension || []).find((e) => e.url === UNTIL_EXTENSION);
    const summary = ((cr.payload || [])[0] || {}).contentString || alertCode(cr);
    const reason = (cr.statusReason || {}).text || 'no reason given';
    const parts = [`${note.text || 'Overridden'} (${reason})`];
    if (note.authorString) parts.push(`by ${note.authorString}`);
    if (note.time) parts.push(`at ${formatDateTime(note.time)}`);
    if (until) parts.push(`not shown in CDS Hooks until ${formatDateTime(until.valueDateTime)}`);
    return el('li', { 'data-alert-code': alertCode(cr), 'data-alert-id': cr.id },
      el('strong', {}, summary), ' — ', parts.join(', '));
  }));
  document.getElementById('decisions-panel').hidden = overridden.length === 0;
  document.getElementById('decisions-heading').textContent = `Overridden alerts (${overridden.length})`;
}

async function loadAlerts() {
  const bundle = await getAll(`/CommunicationRequest?subject=${encodeURIComponent(`Patient/${patientId}`)}&status=active`);
  const alerts = entries(bundle, 'CommunicationRequest').sort((a, b) =>
    (SEVERITY_RANK[severityOf(a)] - SEVERITY_RANK[severityOf(b)])
    || (isInstruction(a) - isInstruction(b))
    || alertCode(a).localeCompare(alertCode(b)));
  alertList.replaceChildren(...alerts.map(renderAlert));
  alertList.setAttribute('aria-label', `${alerts.length} active alert${alerts.length === 1 ? '' : 's'}`);
  if (!alerts.length) alertList.replaceChildren(el('li', { class: 'muted', id: 'no-alerts' }, 'No active baclofen alerts.'));
  await loadDecisions();
  return alerts;
}

async function runChecks() {
  runButton.disabled = true;
  alertStatus.textContent = 'Running checks…';
  try {
    const parameters = { resourceType: 'Parameters', parameter: [{ name: 'persist', valueBoolean: true }] };
    const at = asOf();
    if (at) parameters.parameter.push({ name: 'evaluationTime', valueDateTime: at });
    await fhir(`/Patient/${encodeURIComponent(patientId)}/$baclofen-check`, { method: 'POST', body: JSON.stringify(parameters) });
    const alerts = await loadAlerts();
    alertStatus.textContent = `Checks run ${at ? `as of ${formatDateTime(at)}` : 'now'}: ${alerts.length} active alert${alerts.length === 1 ? '' : 's'}.`;
  } catch (e) {
    alertStatus.textContent = `Checks failed: ${e.message}`;
  } finally {
    runButton.disabled = false;
    runButton.dataset.runs = String(Number(runButton.dataset.runs || 0) + 1);
  }
}

async function init() {
  setUpAsOf();
  document.getElementById('alerts-heading').setAttribute('tabindex', '-1');
  if (!patientId) {
    document.getElementById('patient-name').textContent = 'No patient chosen';
    alertStatus.replaceChildren(el('a', { href: pageUrl('index.html') }, 'Choose a patient'));
    runButton.hidden = true;
    return;
  }
  // An example patient's alerts hold at its evaluation time: open its chart there unless a time was chosen.
  if (!new URLSearchParams(location.search).has('asOf')) {
    const exampleAt = (await exampleTimes())[patientId];
    if (exampleAt) {
      const p = new URLSearchParams(location.search);
      p.set('asOf', exampleAt);
      location.replace(`?${p}`);
      return;
    }
  }
  const at = asOf();
  const id = encodeURIComponent(patientId);
  try {
    const [patient, summary, requests, reasons] = await Promise.all([
      get(`/Patient/${id}`),
      get(`/Patient/${id}/$baclofen-summary${at ? `?evaluationTime=${encodeURIComponent(at)}` : ''}`),
      getAll(`/MedicationRequest?patient=${id}`),
      get('/CodeSystem/baclofen-override-reason'),
    ]);
    overrideReasons = (reasons.concept || []).map((c) => ({ code: c.code, display: c.display }));
    renderBanner(patient, summary);
    document.getElementById('dose-history').replaceChildren(...doseHistory(summary, at));
    document.getElementById('renal-trend').replaceChildren(...renalTrend(summary, at));
    renderMedications(summary, requests);
  } catch (e) {
    showError(document.getElementById('banner'), e);
    runButton.hidden = true;
    return;
  }
  runButton.addEventListener('click', runChecks);
  // Opening the chart runs the checks as of the chosen time, as an EHR's patient-view hook would.
  await runChecks();
  document.body.dataset.ready = 'true';
}

init();
