import { getAll, entries, el, humanName, formatDate, pageUrl, setUpAsOf, showError } from './common.js';

const list = document.getElementById('patients');
const status = document.getElementById('list-status');
const form = document.getElementById('search-form');
const input = document.getElementById('name');

async function load(name) {
  status.textContent = 'Loading…';
  try {
    const query = name ? `?name=${encodeURIComponent(name)}` : '';
    const [patients, alerts] = await Promise.all([
      getAll(`/Patient${query}`),
      getAll('/CommunicationRequest?status=active'),
    ]);
    const counts = new Map();
    for (const a of entries(alerts, 'CommunicationRequest')) {
      const ref = a.subject && a.subject.reference;
      counts.set(ref, (counts.get(ref) || 0) + 1);
    }
    const found = entries(patients, 'Patient').sort((a, b) => humanName(a).localeCompare(humanName(b)));
    list.replaceChildren(
      ...found.map((p) => {
        const n = counts.get(`Patient/${p.id}`) || 0;
        return el(
          'li',
          {},
          el('a', { href: pageUrl('chart.html', { patient: p.id }), 'data-patient': p.id }, humanName(p)),
          el('span', { class: 'muted' }, ` · ${p.gender || 'sex unknown'} · born ${formatDate(p.birthDate) || 'unknown'} · ${p.id}`),
          n ? el('span', { class: 'count tag' }, `${n} active alert${n === 1 ? '' : 's'}`) : null,
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
