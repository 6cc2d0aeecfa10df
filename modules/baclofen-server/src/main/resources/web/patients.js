import {
  getAll, entries, el, humanName, formatDate, pageUrl, setUpAsOf, showError, alertSeverity, exampleTimes,
} from './common.js';

const list = document.getElementById('patients');
const status = document.getElementById('list-status');
const form = document.getElementById('search-form');
const input = document.getElementById('name');

async function load(name) {
  status.textContent = 'Loading…';
  try {
    const query = name ? `?name=${encodeURIComponent(name)}` : '';
    const [patients, alerts, times] = await Promise.all([
      getAll(`/Patient${query}`),
      getAll('/CommunicationRequest?status=active'),
      exampleTimes(),
    ]);
    // Active alerts per patient by severity (the server checks the examples at their evaluation times).
    const counts = new Map();
    for (const a of entries(alerts, 'CommunicationRequest')) {
      const ref = a.subject && a.subject.reference;
      const bySeverity = counts.get(ref) || { high: 0, moderate: 0, low: 0 };
      bySeverity[alertSeverity(a)] += 1;
      counts.set(ref, bySeverity);
    }
    const found = entries(patients, 'Patient').sort((a, b) => humanName(a).localeCompare(humanName(b)));
    list.replaceChildren(
      ...found.map((p) => {
        const c = counts.get(`Patient/${p.id}`) || { high: 0, moderate: 0, low: 0 };
        const n = c.high + c.moderate + c.low;
        const badges = ['high', 'moderate', 'low'].filter((s) => c[s]).map((s) => el(
          'span',
          { class: `badge ${s}`, 'data-severity': s, title: `${c[s]} ${s}-severity active alert${c[s] === 1 ? '' : 's'}` },
          `${c[s]} ${s}`,
        ));
        return el(
          'li',
          { 'data-alerts': String(n) },
          el('a', { href: pageUrl('chart.html', { patient: p.id }), 'data-patient': p.id }, humanName(p)),
          el('span', { class: 'muted' }, ` · ${p.gender || 'sex unknown'} · born ${formatDate(p.birthDate) || 'unknown'} · ${p.id}`
            + (times[p.id] ? ` · example, as of ${formatDate(times[p.id])}` : '')),
          el('span', { class: 'badges', 'aria-label': n ? `${n} active alert${n === 1 ? '' : 's'}` : 'no active alerts' },
            n ? badges : el('span', { class: 'muted' }, 'no active alerts')),
        );
      }),
    );
    document.body.dataset.ready = 'true';
    status.textContent = `${found.length} patient${found.length === 1 ? '' : 's'}${name ? ` matching “${name}”` : ''}.`;
  } catch (e) {
    showError(list, e);
    status.textContent = '';
  }
}

setUpAsOf();
const initial = new URLSearchParams(location.search).get('name') || '';
input.value = initial;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const p = new URLSearchParams(location.search);
  if (input.value.trim()) p.set('name', input.value.trim());
  else p.delete('name');
  history.replaceState(null, '', `?${p}`);
  load(input.value.trim());
});
load(initial);
