// The live dashboard. Every string that comes from the feed is set with textContent, never parsed as HTML.
(function () {
  'use strict';

  const MAX_ALERTS = 14;
  const MAX_TICKER = 10;
  const state = {
    race: null, category: 'ALL', selected: null, followLeader: true,
    athletes: new Map(),      // athleteId -> latest projection
    boards: new Map(),        // raceId/category -> leaderboard
    results: new Map(),       // athleteId -> result
    races: new Map(),         // raceId -> { start: ms of the gun (estimated), latestReadAt: ms }
    alertIds: new Set(), tickerIds: new Set(), ticker: [],
    history: [],              // selected athlete's projections
    clockAnchor: null         // { raceMs, wallMs }
  };

  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };

  function hms(ms) {
    if (ms === null || ms === undefined || !isFinite(ms)) return '-';
    const s = Math.max(0, Math.round(ms / 1000));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return h + ':' + String(m).padStart(2, '0') + ':' + String(sec).padStart(2, '0');
  }
  function pace(secPerKm) {
    if (!secPerKm || !isFinite(secPerKm)) return '-';
    const s = Math.round(secPerKm);
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0') + '/km';
  }
  function km(m) { return (m / 1000).toFixed(1) + ' km'; }
  function pct(p) { return Math.round(p * 100) + '%'; }

  // ---- connection -------------------------------------------------------------------------------------------
  function setConnection(kind, text) {
    const c = $('connection');
    c.className = 'conn conn-' + kind;
    $('connection-text').textContent = text;
  }

  function connect() {
    const source = new EventSource('/events');
    setConnection('connecting', 'CONNECTING');
    source.addEventListener('ready', () => setConnection('live', 'LIVE'));
    source.addEventListener('state', (e) => onState(JSON.parse(e.data)));
    source.addEventListener('projection', (e) => onProjection(JSON.parse(e.data)));
    source.addEventListener('leaderboard', (e) => onLeaderboard(JSON.parse(e.data)));
    source.addEventListener('alert', (e) => onAlert(e.lastEventId, JSON.parse(e.data)));
    source.addEventListener('broadcast', (e) => onBroadcast(e.lastEventId, JSON.parse(e.data)));
    source.addEventListener('result', (e) => onResult(JSON.parse(e.data)));
    source.onerror = () => {
      // the browser reconnects by itself while the state is CONNECTING; a CLOSED source is reopened here
      if (source.readyState === EventSource.CLOSED) {
        setConnection('offline', 'OFFLINE');
        setTimeout(connect, 3000);
      } else {
        setConnection('connecting', 'RECONNECTING');
      }
    };
  }

  // ---- races and clock ----------------------------------------------------------------------------------------
  function noteRace(raceId, readAt, elapsedMs) {
    let race = state.races.get(raceId);
    if (!race) {
      race = { start: null, latestReadAt: null };
      state.races.set(raceId, race);
      const opt = el('option', null, raceId);
      opt.value = raceId;
      $('race-select').appendChild(opt);
      if (!state.race) selectRace(raceId);
    }
    if (readAt) {
      const t = Date.parse(readAt);
      if (isFinite(elapsedMs)) race.start = race.start === null ? t - elapsedMs : Math.min(race.start, t - elapsedMs);
      if (race.latestReadAt === null || t > race.latestReadAt) {
        race.latestReadAt = t;
        if (raceId === state.race) state.clockAnchor = { raceMs: t - race.start, wallMs: Date.now(), readAt: t };
      }
    }
  }

  function tickClock() {
    const a = state.clockAnchor;
    if (!a) return;
    // between reads the clock runs at real time, for at most a minute past the latest read
    const since = Math.min(Date.now() - a.wallMs, 60000);
    $('race-clock').textContent = hms(a.raceMs + since);
    $('race-time-of-day').textContent = 'latest read ' + new Date(a.readAt).toISOString().substring(11, 19) + ' UTC';
  }

  function selectRace(raceId) {
    state.race = raceId;
    $('race-select').value = raceId;
    $('race-name').textContent = raceId;
    const race = state.races.get(raceId);
    state.clockAnchor = race && race.latestReadAt !== null
      ? { raceMs: race.latestReadAt - race.start, wallMs: Date.now(), readAt: race.latestReadAt } : null;
    refreshCategories();
    renderBoard();
  }

  function refreshCategories() {
    const select = $('category-select');
    const cats = ['ALL'];
    for (const lb of state.boards.values()) {
      if (lb.raceId === state.race && lb.category !== 'ALL' && !cats.includes(lb.category)) cats.push(lb.category);
    }
    if (select.options.length === cats.length) return;
    select.replaceChildren(...cats.map((c) => { const o = el('option', null, c); o.value = c; return o; }));
    select.value = cats.includes(state.category) ? state.category : 'ALL';
  }

  // ---- feed handlers ------------------------------------------------------------------------------------------
  function onState(p) {
    state.athletes.set(p.athleteId, p);
    noteRace(p.raceId, p.readAt, p.elapsedMs);
    if (p.athleteId === state.selected) renderAthlete();
  }

  function onProjection(p) {
    noteRace(p.raceId, p.readAt, p.elapsedMs);
    if (p.athleteId === state.selected && !state.history.some((h) => h.distanceM === p.distanceM && h.elapsedMs === p.elapsedMs)) {
      state.history.push(p);
      state.history.sort((a, b) => a.distanceM - b.distanceM);
      renderCharts();
    }
  }

  function onLeaderboard(lb) {
    state.boards.set(lb.raceId + '/' + lb.category, lb);
    noteRace(lb.raceId, null, NaN);
    if (lb.raceId === state.race) {
      refreshCategories();
      if (lb.category === state.category) renderBoard();
    }
  }

  function onResult(r) {
    state.results.set(r.athleteId, r);
    if (r.athleteId === state.selected) renderAthlete();
  }

  // pacemakers are tracked but kept off the broadcast: their drop-outs and lines are noise on screen
  function isPacemaker(athleteId) {
    const p = state.athletes.get(athleteId);
    return !!(p && p.pacemaker);
  }

  function onAlert(id, a) {
    if (state.alertIds.has(id)) return;
    state.alertIds.add(id);
    if ((state.race && a.raceId !== state.race) || isPacemaker(a.athleteId)) return;
    const li = el('li', 't-' + a.type);
    li.appendChild(el('span', 'alert-type', a.type.replace(/_/g, ' ') + (a.timingPointId ? ' - ' + a.timingPointId : '')));
    li.appendChild(document.createTextNode(a.message));
    const list = $('alerts');
    list.insertBefore(li, list.firstChild);
    while (list.children.length > MAX_ALERTS) list.removeChild(list.lastChild);
    $('alerts-empty').hidden = true;
  }

  function onBroadcast(id, b) {
    if (state.tickerIds.has(id)) return;
    state.tickerIds.add(id);
    if ((state.race && b.raceId !== state.race) || isPacemaker(b.athleteId)) return;
    state.ticker.unshift(b.text);
    state.ticker.length = Math.min(state.ticker.length, MAX_TICKER);
    const t = $('ticker');
    const parts = [];
    state.ticker.forEach((text, i) => {
      if (i > 0) parts.push(el('span', 'sep', '\u25C6'));
      parts.push(el('span', null, text));
    });
    t.replaceChildren(...parts);
  }

  // ---- leaderboard --------------------------------------------------------------------------------------------
  function renderBoard() {
    const lb = state.boards.get(state.race + '/' + state.category);
    const body = $('leaderboard').tBodies[0];
    $('board-empty').hidden = !!(lb && lb.entries.length);
    if (!lb) { body.replaceChildren(); $('board-meta').textContent = ''; return; }
    $('board-meta').textContent = lb.athletes + ' on the board' + (lb.updatedAt ? ', as of ' + lb.updatedAt.substring(11, 19) + ' UTC' : '');
    const before = new Map([...body.rows].map((r) => [r.dataset.athlete, r.dataset.stamp]));
    const rows = lb.entries.map((e) => {
      const tr = el('tr');
      tr.dataset.athlete = e.athleteId;
      tr.dataset.stamp = e.timingPointId + '@' + e.elapsedMs;
      if (before.has(e.athleteId) && before.get(e.athleteId) !== tr.dataset.stamp) {
        tr.classList.add('flash');
        setTimeout(() => tr.classList.remove('flash'), 700);
      }
      if (e.athleteId === state.selected) tr.classList.add('selected');
      tr.appendChild(el('td', 'pos', e.position));
      const name = el('td', 'name');
      name.appendChild(el('span', 'athlete-label', e.name));
      if (e.bib) name.appendChild(el('span', 'bib', '#' + e.bib));
      if (e.status && e.status !== 'ON_COURSE') name.appendChild(el('span', 'status status-' + e.status, e.status.replace(/_/g, ' ')));
      tr.appendChild(name);
      const mat = el('td', 'mat', e.timingPointId);
      mat.appendChild(el('span', 'km', km(e.distanceM)));
      tr.appendChild(mat);
      tr.appendChild(el('td', 'num time', hms(e.elapsedMs)));
      tr.appendChild(el('td', 'num gap', e.gapMs === 0 ? 'leader' : e.gap));
      tr.appendChild(el('td', 'num proj', hms(e.projectedFinishMs)));
      const chance = el('td', 'chance');
      const bar = el('div', 'bar');
      const fill = el('div', 'bar-fill');
      fill.style.width = Math.round(Math.max(0, Math.min(1, e.pTarget)) * 100) + '%';
      bar.appendChild(fill);
      bar.appendChild(el('span', 'bar-text', pct(e.pTarget)));
      chance.appendChild(bar);
      tr.appendChild(chance);
      tr.addEventListener('click', () => selectAthlete(e.athleteId, false));
      return tr;
    });
    body.replaceChildren(...rows);
    if (state.followLeader && lb.entries.length && state.selected !== lb.entries[0].athleteId) {
      selectAthlete(lb.entries[0].athleteId, true);
    }
  }

  // ---- athlete ------------------------------------------------------------------------------------------------
  function selectAthlete(athleteId, follow) {
    state.followLeader = follow;
    state.selected = athleteId;
    state.history = [];
    for (const tr of $('leaderboard').tBodies[0].rows) tr.classList.toggle('selected', tr.dataset.athlete === athleteId);
    renderAthlete();
    renderCharts();
    fetch('/races/' + encodeURIComponent(state.race) + '/athletes/' + encodeURIComponent(athleteId) + '/history', { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : []))
      .then((list) => {
        if (state.selected !== athleteId) return;
        const seen = new Set(state.history.map((h) => h.distanceM + ':' + h.elapsedMs));
        list.forEach((p) => { if (!seen.has(p.distanceM + ':' + p.elapsedMs)) state.history.push(p); });
        state.history.sort((a, b) => a.distanceM - b.distanceM);
        renderCharts();
      })
      .catch(() => { /* the live feed fills the charts */ });
  }

  function renderAthlete() {
    const p = state.athletes.get(state.selected);
    if (!p) return;
    const result = state.results.get(p.athleteId);
    $('athlete-name').textContent = p.name;
    $('athlete-sub').textContent = ['#' + (p.bib || '-'), p.category, p.timingPointId + ' ' + km(p.distanceM),
      hms(p.elapsedMs), result ? 'FINISHED ' + result.finishTime + ', place ' + result.place : p.status.replace(/_/g, ' ')]
      .join('  \u00B7  ');
    $('fig-projected').textContent = p.display.projectedFinish;
    $('fig-band').textContent = p.display.band;
    $('fig-chance').textContent = p.display.chance;
    $('fig-target').textContent = 'under ' + p.display.target;
    const vs = $('fig-vs');
    vs.textContent = p.display.vsTarget;
    vs.className = 'fig-value ' + (p.aheadOfTargetMs >= 0 ? 'ahead' : 'behind');
    $('fig-pace').textContent = 'avg ' + p.display.averagePace + ', last ' + p.display.segmentPace;
  }

  // ---- charts -------------------------------------------------------------------------------------------------
  let paceChart = null, chanceChart = null;
  function makeCharts() {
    if (!window.Chart || paceChart) return;
    Chart.defaults.color = '#8c9ab5';
    Chart.defaults.borderColor = '#243049';
    Chart.defaults.font.size = 13;
    const common = (yOptions) => ({
      responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { display: false } },
      scales: { x: { type: 'linear', title: { display: true, text: 'km' }, min: 0, max: 42.2 }, y: yOptions }
    });
    paceChart = new Chart($('pace-chart'), {
      type: 'line',
      data: { datasets: [{ data: [], borderColor: '#3aa0ff', backgroundColor: '#3aa0ff', stepped: 'after', pointRadius: 3, borderWidth: 3 }] },
      options: Object.assign(common({ reverse: true, ticks: { callback: (v) => pace(v).replace('/km', '') } }), {
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => pace(c.parsed.y) } } } })
    });
    chanceChart = new Chart($('chance-chart'), {
      type: 'line',
      data: { datasets: [{ data: [], borderColor: '#ffcc00', backgroundColor: 'rgba(255,204,0,0.15)', fill: true, pointRadius: 3, borderWidth: 3, tension: 0.25 }] },
      options: common({ min: 0, max: 100, ticks: { callback: (v) => v + '%' } })
    });
  }

  function renderCharts() {
    makeCharts();
    if (!paceChart) return;
    paceChart.data.datasets[0].data = state.history.filter((p) => p.segmentPaceSecPerKm > 0)
      .map((p) => ({ x: p.distanceM / 1000, y: p.segmentPaceSecPerKm }));
    chanceChart.data.datasets[0].data = state.history.map((p) => ({ x: p.distanceM / 1000, y: Math.round(p.pTarget * 1000) / 10 }));
    paceChart.update();
    chanceChart.update();
  }

  // ---- start --------------------------------------------------------------------------------------------------
  $('race-select').addEventListener('change', (e) => selectRace(e.target.value));
  $('category-select').addEventListener('change', (e) => { state.category = e.target.value; state.followLeader = true; renderBoard(); });
  setInterval(tickClock, 250);
  makeCharts();
  connect();
}());
