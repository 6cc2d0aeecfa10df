// The chart's pictures, drawn as inline SVG by the page itself (nothing from another origin): the baclofen
// dose history (daily dose per order over time, with the maximum for age and the renal ceiling, starts,
// restarts and stops) and the renal-function trend. Input: the $baclofen-summary Parameters.
import { el, formatDate } from './common.js';

const SVG = 'http://www.w3.org/2000/svg';
const DAY = 86400000;
const COLOURS = ['#1f5fa8', '#7a3e9d', '#1b7f5a', '#9a5b00', '#00707a', '#a0306a'];
const W = 760;
const H = 250;
const M = { left: 58, right: 196, top: 16, bottom: 40 };

function parts(p, name) {
  return ((p && (p.parameter || p.part)) || []).filter((x) => x.name === name);
}
function value(p) {
  if (!p) return undefined;
  const key = Object.keys(p).find((k) => k.startsWith('value'));
  return key ? p[key] : undefined;
}
function v(p, name) {
  return value(parts(p, name)[0]);
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, val] of Object.entries(attrs)) {
    if (val !== null && val !== undefined) node.setAttribute(k, String(val));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

function niceStep(max) {
  for (const s of [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000]) {
    if (max / s <= 6) return s;
  }
  return Math.ceil(max / 6);
}

/** Frame: axes, grid and date ticks; returns the scales. */
function frame(root, t0, t1, yMax, yLabel) {
  const x = (t) => M.left + ((t - t0) / (t1 - t0)) * (W - M.left - M.right);
  const y = (val) => H - M.bottom - (val / yMax) * (H - M.top - M.bottom);
  const step = niceStep(yMax);
  for (let val = 0; val <= yMax + 1e-9; val += step) {
    root.append(svg('line', { x1: M.left, x2: W - M.right, y1: y(val), y2: y(val), class: 'grid' }));
    root.append(svg('text', { x: M.left - 6, y: y(val) + 4, 'text-anchor': 'end', class: 'tick' }, String(val)));
  }
  root.append(svg('text', { x: 12, y: (M.top + H - M.bottom) / 2, class: 'axis-label',
    transform: `rotate(-90 12 ${(M.top + H - M.bottom) / 2})`, 'text-anchor': 'middle' }, yLabel));
  const ticks = 5;
  for (let i = 0; i <= ticks; i++) {
    const t = t0 + ((t1 - t0) * i) / ticks;
    root.append(svg('line', { x1: x(t), x2: x(t), y1: H - M.bottom, y2: H - M.bottom + 4, class: 'axis' }));
    root.append(svg('text', { x: x(t), y: H - M.bottom + 17, 'text-anchor': 'middle', class: 'tick' },
      new Date(t).toISOString().slice(0, 10)));
  }
  root.append(svg('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: 'axis' }));
  return { x, y };
}

function asOfLine(root, x, at) {
  root.append(svg('line', { x1: x(at), x2: x(at), y1: M.top, y2: H - M.bottom, class: 'as-of-line' }));
  root.append(svg('text', { x: x(at), y: H - 4, 'text-anchor': 'end', class: 'tick as-of-text' }, 'evaluation time'));
}

function limitLine(root, x0, x1, y, cls, label) {
  root.append(svg('line', { x1: x0, x2: x1, y1: y, y2: y, class: `limit ${cls}` }));
  root.append(svg('text', { x: x1 + 6, y: y + 4, class: `limit-label ${cls}` }, label));
}

function newSvg(label) {
  return svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, class: 'picture' });
}

/** The baclofen orders the picture can draw: taken (not cancelled, not entered in error), with a start. */
function doseSegments(summary, at) {
  const orders = parts(summary, 'order').filter((o) => parts(o, 'class').some((c) => value(c) === 'baclofen'));
  const segments = [];
  for (const o of orders) {
    const status = v(o, 'status');
    if (status === 'cancelled' || status === 'entered-in-error' || v(o, 'authored') === undefined) continue;
    const start = Date.parse(v(o, 'authored'));
    let end;
    let ending;
    if (v(o, 'current')) {
      end = at;
      ending = status === 'draft' ? 'draft' : 'current';
    } else if (v(o, 'stopped') && v(o, 'stopDate')) {
      end = Date.parse(v(o, 'stopDate'));
      ending = status === 'on-hold' ? 'on hold' : 'stopped';
    } else {
      continue;
    }
    const q = v(o, 'dailyDose');
    segments.push({
      ref: v(o, 'medicationRequest').reference,
      name: v(o, 'name'),
      route: v(o, 'route'),
      start: Math.min(start, end),
      end,
      ending,
      status,
      dose: q ? Number(q.value) : null,
      unit: q ? q.unit : (v(o, 'route') === 'intrathecal' ? 'microgram/day' : 'mg/day'),
    });
  }
  segments.sort((a, b) => a.start - b.start || a.ref.localeCompare(b.ref));
  // A start at least a day after every earlier order had stopped is a restart; a start while or as another
  // order ends is a change of dose.
  segments.forEach((s, i) => {
    const earlier = segments.slice(0, i).filter((e) => e.unit === s.unit);
    const allEnded = earlier.every((e) => e.ending !== 'current' && e.ending !== 'draft');
    const lastEnd = Math.max(...earlier.map((e) => e.end));
    s.kind = !earlier.length ? 'start' : allEnded && s.start - lastEnd >= DAY ? 'restart' : 'change';
  });
  return segments;
}

/** Total daily dose over time where orders overlap: [{from, to, total}] for intervals with two or more orders. */
function overlaps(segments) {
  const points = [...new Set(segments.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const mid = (points[i] + points[i + 1]) / 2;
    const active = segments.filter((s) => s.dose !== null && s.start <= mid && s.end >= mid);
    if (active.length > 1) out.push({ from: points[i], to: points[i + 1], total: active.reduce((a, s) => a + s.dose, 0) });
  }
  return out;
}

function doseFigure(segments, unit, limits, at) {
  const oral = unit === 'mg/day';
  const shownLimits = oral ? limits : [];
  const totals = overlaps(segments);
  const t0raw = Math.min(...segments.map((s) => s.start));
  const span = Math.max(at - t0raw, 7 * DAY);
  const t0 = at - span * 1.08;
  const t1 = at + span * 0.02;
  const top = Math.max(...segments.map((s) => s.dose || 0), ...totals.map((t) => t.total), ...shownLimits.map((l) => l.value), 1);
  const yMax = top * 1.18;
  const describe = segments.map((s) => `${s.name}: ${s.dose === null ? 'dose not computable' : `${s.dose} ${unit}`}`
    + ` from ${formatDate(new Date(s.start).toISOString())} ${s.ending === 'current' ? 'to now' : `to ${formatDate(new Date(s.end).toISOString())} (${s.ending})`}`).join('; ');
  const root = newSvg(`Baclofen daily dose over time. ${describe}.`
    + shownLimits.map((l) => ` ${l.label}: ${l.value} mg/day.`).join(''));
  const { x, y } = frame(root, t0, t1, yMax, oral ? 'mg/day' : 'microgram/day');
  for (const l of shownLimits) {
    const short = l.kind === 'renal-ceiling' ? 'renal ceiling' : 'maximum for age';
    limitLine(root, M.left, W - M.right, y(l.value), l.kind, `${short} ${l.value} mg/day`);
  }
  asOfLine(root, x, at);
  for (const t of totals) {
    root.append(svg('line', { x1: x(t.from), x2: x(t.to), y1: y(t.total), y2: y(t.total), class: 'total' }));
    root.append(svg('text', { x: x(t.from) + 4, y: y(t.total) - 6, class: 'total-label' }, `together ${t.total} ${unit}`));
  }
  segments.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const yy = s.dose === null ? y(top * 1.08) : y(s.dose);
    const g = svg('g', { class: `segment ${s.ending.replace(' ', '-')}`, 'data-order': s.ref });
    g.append(svg('line', { x1: x(s.start), x2: x(s.end), y1: yy, y2: yy, stroke: colour,
      class: s.dose === null ? 'dose-line unknown' : s.ending === 'draft' ? 'dose-line draft' : 'dose-line' }));
    g.append(svg('circle', { cx: x(s.start), cy: yy, r: 5, fill: colour, class: 'start-mark' }));
    g.append(svg('text', { x: x(s.start) + 2, y: yy - 8, class: 'mark-label', fill: colour },
      `${s.kind === 'change' ? 'new order' : s.kind} ${s.dose === null ? '(dose not computable)' : s.dose}`));
    if (s.ending === 'stopped' || s.ending === 'on hold') {
      const cx = x(s.end);
      g.append(svg('path', { d: `M${cx - 5},${yy - 5} L${cx + 5},${yy + 5} M${cx - 5},${yy + 5} L${cx + 5},${yy - 5}`,
        stroke: colour, class: 'stop-mark' }));
      g.append(svg('text', { x: cx + 2, y: yy + 18, class: 'mark-label stop-label', fill: colour }, s.ending));
    }
    root.append(g);
  });
  const legend = el('ul', { class: 'legend' }, segments.map((s, i) => el('li', {},
    el('span', { class: 'swatch', style: null, 'data-colour': i % COLOURS.length }),
    `${s.name}: ${s.dose === null ? 'dose not computable' : `${s.dose} ${unit}`}, `
    + `${s.kind === 'restart' ? 'restarted' : 'started'} ${formatDate(new Date(s.start).toISOString())}`
    + (s.ending === 'current' ? ', current' : s.ending === 'draft' ? ', draft being written'
      : `, ${s.ending} ${formatDate(new Date(s.end).toISOString())}`))));
  return el('figure', { class: 'picture-figure dose-history', 'data-unit': unit }, root,
    el('figcaption', {}, oral
      ? `Oral baclofen daily dose per order. Dashed lines, as at the evaluation time: ${
        shownLimits.map((l) => `${l.label} ${l.value} mg/day`).join('; ')}.`
      : 'Intrathecal baclofen daily dose per order.'), legend);
}

/** The dose-history section content: one figure per unit (oral mg/day; intrathecal microgram/day). */
export function doseHistory(summary, atIso) {
  const at = atIso ? Date.parse(atIso) : Date.parse(v(summary, 'evaluationTime')) || Date.now();
  const segments = doseSegments(summary, at);
  if (!segments.length) {
    return [el('p', { class: 'muted', id: 'no-dose-history' }, 'No baclofen orders with a start date to draw.')];
  }
  const limits = parts(summary, 'doseLimit').map((l) => ({
    kind: v(l, 'kind'), value: Number(v(l, 'value').value), label: v(l, 'label'),
  }));
  const units = [...new Set(segments.map((s) => s.unit))].sort((a) => (a === 'mg/day' ? -1 : 1));
  return units.map((u) => doseFigure(segments.filter((s) => s.unit === u), u, limits, at));
}

/** The renal trend: eGFR and creatinine clearance over time, the value the checks used marked. */
export function renalTrend(summary, atIso) {
  const at = atIso ? Date.parse(atIso) : Date.parse(v(summary, 'evaluationTime')) || Date.now();
  const results = parts(summary, 'renalResult').map((r) => ({
    kind: v(r, 'kind'), value: Number(v(r, 'value').value), unit: v(r, 'value').unit || v(r, 'value').code || '',
    date: Date.parse(v(r, 'date')), ref: (v(r, 'observation') || {}).reference,
  }));
  const renal = parts(summary, 'renalFunction')[0];
  const clearances = results.filter((r) => r.kind !== 'serum creatinine');
  const creatinine = results.filter((r) => r.kind === 'serum creatinine');
  const used = renal && v(renal, 'known') && v(renal, 'value') !== undefined && v(renal, 'date')
    ? { value: Number(v(renal, 'value')), date: Date.parse(v(renal, 'date')), method: v(renal, 'method'), band: v(renal, 'bandLabel') }
    : null;
  const out = [];
  if (clearances.length || used) {
    const dates = [...clearances.map((r) => r.date), ...(used ? [used.date] : [])];
    const span = Math.max(at - Math.min(...dates), 7 * DAY);
    const t0 = at - span * 1.06;
    const t1 = at + span * 0.02;
    const yMax = Math.max(120, ...clearances.map((r) => r.value), used ? used.value : 0) * 1.1;
    const root = newSvg('Renal function over time: '
      + clearances.map((r) => `${r.kind} ${r.value} on ${new Date(r.date).toISOString().slice(0, 10)}`).join('; ')
      + (used ? `. The checks used ${used.method} ${used.value} (${used.band}).` : '.'));
    const { x, y } = frame(root, t0, t1, yMax, 'mL/min');
    // Moderate impairment begins below 50 (CrCl) or 60 (eGFR); severe below 30.
    limitLine(root, M.left, W - M.right, y(30), 'band', 'severe below 30');
    asOfLine(root, x, at);
    for (const kind of ['eGFR', 'creatinine clearance']) {
      const pts = clearances.filter((r) => r.kind === kind).sort((a, b) => a.date - b.date);
      if (!pts.length) continue;
      const cls = kind === 'eGFR' ? 'egfr' : 'crcl';
      if (pts.length > 1) {
        root.append(svg('polyline', { points: pts.map((p) => `${x(p.date)},${y(p.value)}`).join(' '), class: `trend ${cls}` }));
      }
      for (const p of pts) {
        root.append(svg('circle', { cx: x(p.date), cy: y(p.value), r: 4, class: `point ${cls}`, 'data-kind': kind }));
        root.append(svg('text', { x: x(p.date) + 6, y: y(p.value) - 6, class: `point-label ${cls}` }, `${kind === 'eGFR' ? 'eGFR' : 'CrCl'} ${p.value}`));
      }
    }
    if (used) {
      root.append(svg('rect', { x: x(used.date) - 6, y: y(used.value) - 6, width: 12, height: 12, class: 'used' }));
      root.append(svg('text', { x: W - M.right + 6, y: y(used.value) + 4, class: 'limit-label used-label' },
        `used: ${used.value} (${used.band})`));
    }
    out.push(el('figure', { class: 'picture-figure renal-trend' }, root,
      el('figcaption', {}, used
        ? `Square: the value the checks used, ${used.method} ${used.value} (${used.band}).`
        : 'No renal value the checks could use.')));
  }
  if (creatinine.length) {
    out.push(el('p', { class: 'explain', id: 'creatinine-results' }, 'Serum creatinine: ',
      creatinine.sort((a, b) => a.date - b.date)
        .map((r) => `${r.value} ${r.unit} on ${new Date(r.date).toISOString().slice(0, 10)}`).join('; ')));
  }
  if (!out.length) out.push(el('p', { class: 'muted', id: 'no-renal-trend' }, 'No renal-function results in the last three years.'));
  return out;
}
