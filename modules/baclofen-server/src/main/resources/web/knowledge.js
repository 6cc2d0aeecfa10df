import { getAll, entries, el, setUpAsOf, showError } from './common.js';

function codingText(cc) {
  if (!cc) return '';
  return cc.text || ((cc.coding || [])[0] || {}).display || ((cc.coding || [])[0] || {}).code || '';
}
function quantity(q) {
  return q ? `${q.value} ${q.unit || q.code || ''}`.trim() : '';
}
function narrative(div) {
  // The narrative is XHTML: show its text only, never its markup.
  const doc = new DOMParser().parseFromString(div || '', 'text/html');
  return doc.body.textContent || '';
}

function guidelines(mk) {
  return (mk.administrationGuidelines || []).map((g) => {
    const groups = (g.dosage || []).map((d) =>
      el('div', {},
        el('h4', {}, codingText(d.type) || 'Dosing'),
        el('ul', {}, (d.dosage || []).map((x) => el('li', {}, x.text || '')))));
    const who = (g.patientCharacteristics || []).map((pc) =>
      el('li', {}, el('strong', {}, `${codingText(pc.characteristicCodeableConcept) || quantity(pc.characteristicQuantity)}: `),
        (pc.value || []).join('; ')));
    return el('section', {}, groups, who.length ? el('ul', { class: 'characteristics' }, who) : null);
  });
}

function product(mk) {
  const name = codingText(mk.code) || mk.id;
  const strength = (mk.ingredient || []).map((i) => i.strength
    ? `${quantity(i.strength.numerator)} per ${quantity(i.strength.denominator)}` : '').filter(Boolean).join(', ');
  const rxnorm = ((mk.code || {}).coding || []).filter((c) => c.system === 'http://www.nlm.nih.gov/research/umls/rxnorm').map((c) => c.code);
  return el('article', { id: mk.id, tabindex: '-1', 'aria-labelledby': `${mk.id}-title` },
    el('h2', { id: `${mk.id}-title` }, name),
    el('dl', { class: 'banner' }, [
      ['Dose form', codingText(mk.doseForm)],
      ['Strength', strength || '—'],
      ['Route', (mk.intendedRoute || []).map(codingText).join(', ')],
      ['RxNorm', rxnorm.join(', ') || '—'],
      ['Also known as', (mk.synonym || []).join(', ') || '—'],
      ['Half-life', (mk.kinetics || []).map((k) => quantity(k.halfLifePeriod)).join(', ') || '—'],
    ].map(([label, text]) => el('div', {}, el('dt', {}, label), el('dd', {}, text)))),
    el('h3', {}, 'Dosing, renal bands and warnings'),
    guidelines(mk),
    (mk.monitoringProgram || []).length
      ? [el('h3', {}, 'Monitoring'), el('ul', {}, mk.monitoringProgram.map((m) => el('li', {}, `${codingText(m.type)}: ${m.name || ''}`)))]
      : null,
    mk.text ? el('details', {}, el('summary', {}, 'Product summary and sources'), el('p', {}, narrative(mk.text.div))) : null,
  );
}

async function load() {
  setUpAsOf();
  const where = document.getElementById('products');
  try {
    const bundle = await getAll('/MedicationKnowledge');
    // Oral products first (most orders), then intrathecal; within each, by name.
    const intrathecal = (mk) => (mk.id.includes('intrathecal') ? 1 : 0);
    const all = entries(bundle, 'MedicationKnowledge')
      .sort((a, b) => intrathecal(a) - intrathecal(b) || a.id.localeCompare(b.id, 'en', { numeric: true }));
    document.getElementById('toc').replaceChildren(...all.map((mk) => el('li', {}, el('a', { href: `#${mk.id}` }, codingText(mk.code) || mk.id))));
    where.replaceChildren(...all.map(product));
    if (location.hash) {
      const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) { target.scrollIntoView(); target.focus(); }
    }
    document.body.dataset.ready = 'true';
  } catch (e) {
    showError(where, e);
  }
}

load();
