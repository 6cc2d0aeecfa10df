import { getAll, entries, el, setUpAsOf, showError } from './common.js';
import { SOURCES } from './sources.js';

// One card per product family (tablets, oral solution, oral suspension, oral granules, intrathecal injection)
// with its strengths listed; the dosing, renal guidance, warnings and monitoring said once; sources by title.

function codingText(cc) {
  if (!cc) return '';
  return cc.text || ((cc.coding || [])[0] || {}).display || ((cc.coding || [])[0] || {}).code || '';
}
function quantity(q) {
  return q ? `${q.value} ${q.unit || q.code || ''}`.trim() : '';
}
function narrative(div) {
  // The narrative is XHTML: its text only, never its markup.
  const doc = new DOMParser().parseFromString(div || '', 'text/html');
  return doc.body.textContent || '';
}

const CITATION = /\s*\[([^\[\]]*)\]/g;
/** Documents cited as "[Source: title, section: address | …]", by their address. */
const CITED = {};
/** Text without its bracketed citations, and the sources it cites (only those with a known title). */
function cited(text) {
  const keys = [];
  const clean = (text || '').replace(CITATION, (_, inside) => {
    if (inside.startsWith('Source: ')) {
      for (const part of inside.slice(8).split(' | ')) {
        const m = part.trim().match(/^(.*): (https?:\/\/\S+)$/);
        const key = m ? m[2] : part.trim();
        CITED[key] = { title: m ? m[1] : part.trim(), url: m ? m[2] : null };
        keys.push(key);
      }
      return '';
    }
    for (const part of inside.split(';')) {
      const m = part.trim().match(/^(?:[A-Za-z]{1,2}\s+)?([A-Z0-9][A-Z0-9-]+)$/);
      if (m && SOURCES[m[1]]) {
        CITED[m[1]] = SOURCES[m[1]];
        keys.push(m[1]);
      }
    }
    return '';
  });
  return { text: clean.trim(), keys };
}

function strengthOf(mk) {
  return (mk.ingredient || []).map((i) => (i.strength
    ? `${quantity(i.strength.numerator)} per ${quantity(i.strength.denominator)}` : '')).filter(Boolean).join(', ');
}
function amountOf(mk) {
  const n = ((mk.ingredient || [])[0] || {}).strength;
  return n && n.numerator ? Number(n.numerator.value) / Number((n.denominator && n.denominator.value) || 1) : 0;
}
function familyOf(mk) {
  const route = (mk.intendedRoute || []).map(codingText).join(', ');
  return `${codingText(mk.doseForm)}|${route}`;
}
function familyTitle(mk) {
  const form = codingText(mk.doseForm) || 'Baclofen';
  return `Baclofen ${form.toLowerCase()}`;
}

function guidelineSections(mk, keys) {
  return (mk.administrationGuidelines || []).map((g) => {
    const groups = (g.dosage || []).map((d) => el('div', {},
      el('h4', {}, codingText(d.type) || 'Dosing'),
      el('ul', {}, (d.dosage || []).map((x) => {
        const c = cited(x.text);
        keys.push(...c.keys);
        return el('li', {}, c.text);
      }))));
    const who = (g.patientCharacteristics || []).map((pc) => {
      const label = codingText(pc.characteristicCodeableConcept) || quantity(pc.characteristicQuantity);
      const values = (pc.value || []).map((v) => cited(v)).filter((c) => c.text && c.text !== label);
      values.forEach((c) => keys.push(...c.keys));
      return el('li', {}, values.length ? [el('strong', {}, `${label}: `), values.map((c) => c.text).join('; ')] : label);
    });
    return el('section', {}, groups, who.length ? el('ul', { class: 'characteristics' }, who) : null);
  });
}

function sameGuidance(a, b) {
  return JSON.stringify(a.administrationGuidelines || []) === JSON.stringify(b.administrationGuidelines || [])
    && JSON.stringify(a.monitoringProgram || []) === JSON.stringify(b.monitoringProgram || []);
}

function family(products) {
  products.sort((a, b) => amountOf(a) - amountOf(b));
  const first = products[0];
  const keys = [];
  const id = `family-${familyOf(first).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-+$/, '')}`;
  const strengths = el('table', { class: 'strengths' },
    el('caption', { class: 'skip' }, 'Strengths'),
    el('thead', {}, el('tr', {}, ['Strength', 'Product', 'RxNorm', 'Also known as'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, products.map((mk) => {
      const rxnorm = ((mk.code || {}).coding || []).filter((c) => c.system === 'http://www.nlm.nih.gov/research/umls/rxnorm').map((c) => c.code);
      keys.push(...cited(mk.text && narrative(mk.text.div)).keys);
      // Each product keeps its own anchor, so an alert's link lands on its strength.
      return el('tr', { id: mk.id, tabindex: '-1', 'data-product': mk.id },
        el('td', {}, strengthOf(mk) || '—'),
        el('td', {}, codingText(mk.code) || mk.id),
        el('td', {}, rxnorm.join(', ') || '—'),
        el('td', {}, (mk.synonym || []).join(', ') || '—'));
    })));
  const shared = products.every((mk) => sameGuidance(first, mk));
  const guidance = shared
    ? guidelineSections(first, keys)
    : products.map((mk) => el('section', {}, el('h4', {}, codingText(mk.code)), guidelineSections(mk, keys)));
  const monitoring = (first.monitoringProgram || []);
  const halfLife = [...new Set(products.flatMap((mk) => (mk.kinetics || []).map((k) => quantity(k.halfLifePeriod))))].filter(Boolean);
  // Several keys can name the same document: list each title once.
  const seen = new Set();
  const uniqueKeys = [...new Set(keys)].filter((k) => !seen.has(CITED[k].title) && seen.add(CITED[k].title));
  return el('article', { id, class: 'family', 'aria-labelledby': `${id}-title` },
    el('h2', { id: `${id}-title` }, familyTitle(first)),
    el('p', { class: 'muted' }, `${products.length} strength${products.length === 1 ? '' : 's'} · route: ${
      (first.intendedRoute || []).map(codingText).join(', ')}${halfLife.length ? ` · half-life ${halfLife.join(', ')}` : ''}`),
    strengths,
    el('details', { class: 'guidance' },
      el('summary', {}, 'Dosing, renal guidance and warnings'),
      guidance,
      monitoring.length
        ? [el('h3', {}, 'Monitoring'), el('ul', {}, monitoring.map((m) => el('li', {}, `${codingText(m.type)}: ${m.name || ''}`)))]
        : null),
    uniqueKeys.length
      ? el('details', { class: 'sources' },
        el('summary', {}, `Sources (${uniqueKeys.length})`),
        el('ul', {}, uniqueKeys.map((k) => el('li', { 'data-source': k },
          CITED[k].url ? el('a', { href: CITED[k].url, rel: 'noreferrer' }, CITED[k].title) : CITED[k].title))))
      : null);
}

async function load() {
  setUpAsOf();
  const where = document.getElementById('products');
  try {
    const bundle = await getAll('/MedicationKnowledge');
    const byFamily = new Map();
    for (const mk of entries(bundle, 'MedicationKnowledge')) {
      const key = familyOf(mk);
      if (!byFamily.has(key)) byFamily.set(key, []);
      byFamily.get(key).push(mk);
    }
    // Oral families first (most orders), then intrathecal; within each, by name.
    const families = [...byFamily.values()].sort((a, b) => (a[0].id.includes('intrathecal') - b[0].id.includes('intrathecal'))
      || familyTitle(a[0]).localeCompare(familyTitle(b[0])));
    const cards = families.map(family);
    document.getElementById('toc').replaceChildren(...cards.map((card) => el('li', {},
      el('a', { href: `#${card.id}` }, card.querySelector('h2').textContent))));
    where.replaceChildren(...cards);
    if (location.hash) {
      const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) {
        const details = target.closest('article') && target.closest('article').querySelector('details.guidance');
        if (details) details.open = true;
        target.scrollIntoView();
        target.focus();
      }
    }
    document.body.dataset.ready = 'true';
  } catch (e) {
    showError(where, e);
  }
}

load();
