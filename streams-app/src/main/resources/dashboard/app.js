// The live dashboard. Every string that comes from the feed is set with textContent, never parsed as HTML.
// The races come from GET /races; the page follows one race at a time over /events?race=R, in the race's own time
// zone and units.
(function () {
  'use strict';

  const MAX_ALERTS = 14;
  const KEPT_ALERTS = 300;     // alerts held for the "all alerts" view and for athletes who come onto the board
  const MAX_MATCHES = 8;
  const MAX_TICKER = 10;
  // what the page shows: no projections (the followed athlete's history comes from its own endpoint)
  const KINDS = 'state,leaderboard,alert,broadcast,result';
  const RACES_EVERY_MS = 30000, RACES_WHILE_NONE_MS = 2000;
  const METRES = { km: 1000, mi: 1609.344 };
  const state = {
    race: null, category: 'ALL', selected: null, followLeader: true,
    athletes: new Map(),      // athleteId -> latest projection, of the chosen race
    boards: new Map(),        // raceId/category -> leaderboard
    results: new Map(),       // athleteId -> result
    races: new Map(),         // raceId -> { info: from /races, start: ms of the gun (estimated), latestReadAt: ms }
    alertKeys: new Set(), tickerKeys: new Set(), ticker: [],
    alerts: [],               // the race's alerts, newest first, each { alert, li }
    allAlerts: false,         // show every alert, not only those about the athletes on the board and the followed one
    history: [],              // selected athlete's projections
    clockAnchor: null,        // { raceMs, wallMs, readAt }
    source: null              // the open EventSource
  };

  const { $, el, hms, showVsTarget } = window.raceTracker;

  // ---- the chosen race's units and time zone ----------------------------------------------------------------
  function info() { const r = state.races.get(state.race); return r && r.info ? r.info : null; }
  function units() { const i = info(); return i && i.units === 'mi' ? 'mi' : 'km'; }
  function zone() { const i = info(); return i && i.timeZone ? i.timeZone : 'UTC'; }
  function perUnit(secPerKm) { return secPerKm * METRES[units()] / 1000; }
  function pace(secPerUnit) {
    if (!secPerUnit || !isFinite(secPerUnit)) return '-';
    const s = Math.round(secPerUnit);
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0') + '/' + units();
  }
  function distance(m) { return (m / METRES[units()]).toFixed(1) + ' ' + units(); }
  function pct(p) { return Math.round(p * 100) + '%'; }

  // "09:25:59 CEST": the time of day on the race's clock, labelled with the zone's short name
  function zoneName(ms, tz) {
    let fallback = null;
    for (const locale of ['en-US', 'en-GB']) {
      const part = new Intl.DateTimeFormat(locale, { timeZone: tz, timeZoneName: 'short' }).formatToParts(new Date(ms))
        .find((p) => p.type === 'timeZoneName');
      if (part && !/^GMT[+-]/.test(part.value)) return part.value;
      fallback = fallback || (part && part.value);
    }
    return fallback || tz;
  }
  function timeOfDay(ms) {
    const tz = zone();
    try {
      const parts = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', second: '2-digit',
        hourCycle: 'h23' }).formatToParts(new Date(ms));
      const get = (t) => (parts.find((p) => p.type === t) || {}).value || '00';
      return get('hour') + ':' + get('minute') + ':' + get('second') + ' ' + zoneName(ms, tz);
    } catch (e) {
      return new Date(ms).toISOString().substring(11, 19) + ' UTC';
    }
  }

  // ---- connection -------------------------------------------------------------------------------------------
  function setConnection(kind, text) {
    const c = $('connection');
    c.className = 'conn conn-' + kind;
    $('connection-text').textContent = text;
  }

  // One stream per chosen race. The browser reconnects a broken stream by itself, sending the id of the last event it
  // got (Last-Event-ID), and the server goes on from there; a stream the server refused or closed is reopened here.
  function connect() {
    if (state.source) state.source.close();
    state.source = null;
    if (!state.race) return;
    const race = state.race;
    const source = new EventSource('/events?race=' + encodeURIComponent(race) + '&kind=' + KINDS);
    state.source = source;
    setConnection('connecting', 'CONNECTING');
    const on = (name, handle) => source.addEventListener(name, (e) => { if (state.source === source) handle(JSON.parse(e.data)); });
    on('ready', () => setConnection('live', 'LIVE'));
    on('state', onState);
    on('leaderboard', onLeaderboard);
    on('alert', onAlert);
    on('broadcast', onBroadcast);
    on('result', onResult);
    source.onerror = () => {
      if (state.source !== source) return;
      if (source.readyState === EventSource.CLOSED) {
        setConnection('offline', 'OFFLINE');
        setTimeout(() => { if (state.source === source) connect(); }, 3000);
      } else {
        setConnection('connecting', 'RECONNECTING');
      }
    };
  }

  // ---- races and clock ----------------------------------------------------------------------------------------
  // the races from /races, now and then: the list is not learnt from events, which come for the chosen race only
  function loadRaces() {
    fetch('/races', { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error('GET /races answered ' + r.status))))
      .then((list) => { showRaces(list); schedule(list.length ? RACES_EVERY_MS : RACES_WHILE_NONE_MS); })
      .catch(() => schedule(RACES_WHILE_NONE_MS));
  }
  function schedule(ms) { setTimeout(loadRaces, ms); }

  function showRaces(list) {
    for (const r of list) {
      const known = state.races.get(r.raceId);
      if (known) known.info = r; else state.races.set(r.raceId, { info: r, start: null, latestReadAt: null });
    }
    state.raceList = list;
    renderRaceList();
    if (!list.length) {
      if (!state.race) setConnection('connecting', 'WAITING FOR A RACE');
      return;
    }
    if (!state.race || !list.some((r) => r.raceId === state.race)) {
      selectRace(defaultRace(list));
    } else {
      showRaceInfo();
    }
  }

  // every race the server knows, by start time, each with its gun time of day in its own zone; the chosen one marked
  function renderRaceList() {
    const list = state.raceList || [];
    $('race-list').replaceChildren(...list.map((r) => {
      const li = el('li');
      const b = el('button', 'race' + (r.raceId === state.race ? ' race-current' : ''));
      b.type = 'button';
      b.dataset.race = r.raceId;
      b.title = r.raceId;
      if (r.raceId === state.race) b.setAttribute('aria-current', 'true');
      b.appendChild(el('span', 'race-name', r.name || r.raceId));
      const km = r.units === 'mi' ? (r.distanceM / METRES.mi).toFixed(1) + ' mi' : (r.distanceM / 1000).toFixed(1) + ' km';
      b.appendChild(el('span', 'race-when', (r.startTime ? startOf(r) + ' \u00B7 ' : '') + km));
      b.addEventListener('click', () => selectRace(r.raceId));
      li.appendChild(b);
      return li;
    }));
  }
  function startOf(r) {
    try {
      return new Intl.DateTimeFormat('en-GB', { timeZone: r.timeZone || 'UTC', day: 'numeric', month: 'short',
        hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.parse(r.startTime)));
    } catch (e) {
      return r.startTime.substring(0, 16).replace('T', ' ') + ' UTC';
    }
  }

  // the latest race to have started, or the first one to come
  function defaultRace(list) {
    const now = Date.now();
    const started = list.filter((r) => r.startTime && Date.parse(r.startTime) <= now);
    return (started.length ? started[started.length - 1] : list[0]).raceId;
  }

  function noteRead(raceId, readAt, elapsedMs) {
    let race = state.races.get(raceId);
    if (!race) {
      race = { info: null, start: null, latestReadAt: null };
      state.races.set(raceId, race);
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
    $('race-time-of-day').textContent = 'latest read ' + timeOfDay(a.readAt);
  }

  // A new race: what the page holds of the old one goes, and the page subscribes to the new one.
  function selectRace(raceId) {
    if (raceId === state.race) return;
    state.race = raceId;
    state.category = 'ALL';
    state.selected = null;
    state.followLeader = true;
    state.athletes.clear();
    state.boards.clear();
    state.results.clear();
    state.alertKeys.clear();
    state.tickerKeys.clear();
    state.ticker = [];
    state.history = [];
    state.alerts = [];
    $('alerts').replaceChildren();
    $('search').value = '';
    showMatches([]);
    $('ticker').replaceChildren();
    $('race-clock').textContent = '-:--:--';
    $('race-time-of-day').textContent = '';
    renderRaceList();
    const race = state.races.get(raceId);
    state.clockAnchor = race && race.latestReadAt !== null
      ? { raceMs: race.latestReadAt - race.start, wallMs: Date.now(), readAt: race.latestReadAt } : null;
    showRaceInfo();
    refreshCategories();
    renderBoard();
    renderAthlete();
    renderCharts();
    connect();
  }

  function showRaceInfo() {
    const i = info();
    $('race-name').textContent = i && i.name ? i.name : state.race;
    $('pace-title').textContent = 'Pace per segment (min/' + units() + ')';
    configureCharts();
  }

  function refreshCategories() {
    const select = $('category-select');
    const cats = ['ALL'];
    for (const lb of state.boards.values()) {
      if (lb.raceId === state.race && lb.category !== 'ALL' && !cats.includes(lb.category)) cats.push(lb.category);
    }
    if (select.options.length === cats.length && [...select.options].every((o, i) => o.value === cats[i])) return;
    select.replaceChildren(...cats.map((c) => { const o = el('option', null, c); o.value = c; return o; }));
    select.value = cats.includes(state.category) ? state.category : 'ALL';
  }

  // ---- feed handlers ------------------------------------------------------------------------------------------
  // the events are the chosen race's; one of another race (a stream being replaced) is ignored
  function onState(p) {
    if (p.raceId !== state.race) return;
    state.athletes.set(p.athleteId, p);
    noteRead(p.raceId, p.readAt, p.elapsedMs);
    if (p.athleteId === state.selected) {
      renderAthlete();
      // the followed athlete's new mat extends the charts; their history so far came from its own endpoint
      if (!state.history.some((h) => h.distanceM === p.distanceM && h.elapsedMs === p.elapsedMs)) {
        state.history.push(p);
        state.history.sort((a, b) => a.distanceM - b.distanceM);
        renderCharts();
      }
    }
  }

  function onLeaderboard(lb) {
    if (lb.raceId !== state.race) return;
    state.boards.set(lb.raceId + '/' + lb.category, lb);
    refreshCategories();
    if (lb.category === state.category) renderBoard();
  }

  function onResult(r) {
    if (r.raceId !== state.race) return;
    state.results.set(r.athleteId, r);
    if (r.athleteId === state.selected) renderAthlete();
  }

  // pacemakers are tracked but kept off the broadcast: their drop-outs and lines are noise on screen
  function isPacemaker(athleteId) {
    const p = state.athletes.get(athleteId);
    return !!(p && p.pacemaker);
  }

  // alerts and lines are told apart by what they say, not by event id: a snapshot's events carry no id
  function onAlert(a) {
    const key = [a.raceId, a.athleteId, a.type, a.category, a.timingPointId, a.elapsedMs].join('|');
    if (a.raceId !== state.race || state.alertKeys.has(key)) return;
    state.alertKeys.add(key);
    if (isPacemaker(a.athleteId)) return;
    const li = el('li', 't-' + a.type);
    li.dataset.athlete = a.athleteId || '';
    li.appendChild(el('span', 'alert-type', a.type.replace(/_/g, ' ') + (a.timingPointId ? ' - ' + a.timingPointId : '')));
    li.appendChild(document.createTextNode(a.message));
    state.alerts.unshift({ alert: a, li: li });
    state.alerts.length = Math.min(state.alerts.length, KEPT_ALERTS);
    renderAlerts();
  }

  // By default only the alerts about the athletes on the shown board and the followed athlete (and race-level ones
  // about nobody in particular): in a mass race the rest is a stream about runners known only by bib.
  function shownAthletes() {
    const lb = state.boards.get(state.race + '/' + state.category);
    const ids = new Set(lb ? lb.entries.map((e) => e.athleteId) : []);
    if (state.selected) ids.add(state.selected);
    return ids;
  }
  function renderAlerts() {
    const ids = shownAthletes();
    const about = state.alerts.filter((x) => !x.alert.athleteId || ids.has(x.alert.athleteId));
    const shown = (state.allAlerts ? state.alerts : about).slice(0, MAX_ALERTS);
    const hidden = state.alerts.length - about.length;
    $('alerts-hidden').textContent = hidden > 0 && !state.allAlerts ? '(' + hidden + ' more)' : '';
    const list = $('alerts');
    // items already in place are left alone (a new one goes in before them), so that they do not slide in again
    shown.forEach((x, i) => { if (list.children[i] !== x.li) list.insertBefore(x.li, list.children[i] || null); });
    while (list.children.length > shown.length) list.removeChild(list.lastChild);
    const empty = $('alerts-empty');
    empty.hidden = shown.length > 0;
    empty.textContent = state.alerts.length ? 'No alerts about the athletes shown; tick "all alerts" for the '
      + hidden + ' about others.' : 'Nothing to call out yet.';
  }

  function onBroadcast(b) {
    const key = [b.raceId, b.athleteId, b.elapsedMs, b.text].join('|');
    if (b.raceId !== state.race || state.tickerKeys.has(key)) return;
    state.tickerKeys.add(key);
    if (isPacemaker(b.athleteId)) return;
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
    $('board-meta').textContent = lb.athletes + ' on the board' + (lb.updatedAt ? ', as of ' + timeOfDay(Date.parse(lb.updatedAt)) : '');
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
      mat.appendChild(el('span', 'km', distance(e.distanceM)));
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
    renderAlerts();
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
    renderAlerts();
    renderAthlete();
    renderCharts();
    const race = state.race;
    fetch('/races/' + encodeURIComponent(race) + '/athletes/' + encodeURIComponent(athleteId) + '/history', { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : []))
      .then((list) => {
        if (state.race !== race || state.selected !== athleteId) return;
        const seen = new Set(state.history.map((h) => h.distanceM + ':' + h.elapsedMs));
        list.forEach((p) => { if (!seen.has(p.distanceM + ':' + p.elapsedMs)) state.history.push(p); });
        state.history.sort((a, b) => a.distanceM - b.distanceM);
        renderCharts();
      })
      .catch(() => { /* the live feed fills the charts */ });
  }

  function renderAthlete() {
    const p = state.athletes.get(state.selected);
    if (!p) {
      if (!state.selected) {
        for (const id of ['athlete-name', 'fig-projected', 'fig-chance', 'fig-vs']) $(id).textContent = '-';
        for (const id of ['athlete-sub', 'fig-band', 'fig-target', 'fig-pace']) $(id).textContent = '';
      }
      return;
    }
    const result = state.results.get(p.athleteId);
    $('athlete-name').textContent = p.name;
    $('athlete-sub').textContent = ['#' + (p.bib || '-'), p.category, p.timingPointId + ' ' + distance(p.distanceM),
      hms(p.elapsedMs), result ? 'FINISHED ' + result.finishTime + ', place ' + result.place : p.status.replace(/_/g, ' ')]
      .join('  \u00B7  ');
    $('fig-projected').textContent = p.display.projectedFinish;
    $('fig-band').textContent = p.display.band;
    $('fig-chance').textContent = p.display.chance;
    $('fig-target').textContent = 'under ' + p.display.target;
    showVsTarget($('fig-vs'), 'fig-value', p);
    $('fig-pace').textContent = 'avg ' + p.display.averagePace + ', last ' + p.display.segmentPace;
  }

  // ---- search -------------------------------------------------------------------------------------------------
  // Among the chosen race's athletes the server holds a state for (every one of them comes on the stream): by bib, or
  // by any part of the name, accents and case aside. A query that finds no one here is tried as an athlete id on
  // GET /races/{race}/athletes/{id}, which the server answers from whichever instance owns the athlete.
  const fold = (text) => String(text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  function findAthletes(query) {
    const q = fold(query.trim().replace(/^#/, ''));
    if (!q) return [];
    const scored = [];
    for (const p of state.athletes.values()) {
      const bib = fold(p.bib), name = fold(p.name);
      let score = -1;
      if (bib === q || fold(p.athleteId) === q) score = 0;
      else if (bib && bib.startsWith(q)) score = 1;
      else if (name.startsWith(q) || name.includes(' ' + q)) score = 2;
      else if (name.includes(q)) score = 3;
      if (score >= 0) scored.push({ p: p, score: score });
    }
    scored.sort((a, b) => a.score - b.score || b.p.distanceM - a.p.distanceM || a.p.elapsedMs - b.p.elapsedMs);
    return scored.slice(0, MAX_MATCHES).map((x) => x.p);
  }

  function search() {
    const query = $('search').value;
    const found = findAthletes(query);
    showMatches(found);
    const id = query.trim();
    if (found.length || !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(id)) return;
    const race = state.race;
    fetch('/races/' + encodeURIComponent(race) + '/athletes/' + encodeURIComponent(id), { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((p) => {
        if (!p || state.race !== race || $('search').value !== query) return;
        if (!state.athletes.has(p.athleteId)) state.athletes.set(p.athleteId, p);
        showMatches([p]);
      })
      .catch(() => { /* nothing found */ });
  }

  function showMatches(list) {
    const box = $('search-results');
    const query = $('search').value.trim();
    box.replaceChildren(...list.map((p) => {
      const li = el('li', 'match');
      li.dataset.athlete = p.athleteId;
      li.appendChild(el('span', 'match-name', p.name));
      li.appendChild(el('span', 'match-sub', ['#' + (p.bib || '-'), p.category, p.timingPointId].filter(Boolean).join('  \u00B7  ')));
      li.addEventListener('mousedown', (e) => { e.preventDefault(); follow(p.athleteId); });
      return li;
    }));
    if (!list.length && query) box.appendChild(el('li', 'match-none', 'No athlete with that bib or name yet'));
    box.hidden = !query;
  }

  function follow(athleteId) {
    $('search').value = '';
    showMatches([]);
    selectAthlete(athleteId, false);
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
      scales: { x: { type: 'linear', title: { display: true, text: units() }, min: 0, max: 42.2 }, y: yOptions }
    });
    paceChart = new Chart($('pace-chart'), {
      type: 'line',
      data: { datasets: [{ data: [], borderColor: '#3aa0ff', backgroundColor: '#3aa0ff', stepped: 'after', pointRadius: 3, borderWidth: 3 }] },
      options: Object.assign(common({ reverse: true, min: 150, max: 210, ticks: { stepSize: 10, callback: (v) => pace(v).replace(/\/(km|mi)$/, '') },
        afterBuildTicks: distinctTicks }), {
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => pace(c.parsed.y) } } } })
    });
    chanceChart = new Chart($('chance-chart'), {
      type: 'line',
      data: { datasets: [{ data: [], borderColor: '#ffcc00', backgroundColor: 'rgba(255,204,0,0.15)', fill: true, pointRadius: 3, borderWidth: 3, tension: 0.25 }] },
      options: common({ min: 0, max: 100, ticks: { callback: (v) => v + '%' } })
    });
    configureCharts();
  }

  // the x axes in the chosen race's units, to its distance
  function configureCharts() {
    if (!paceChart) return;
    const i = info();
    const max = Math.round(((i && i.distanceM) || 42195) / METRES[units()] * 10) / 10;
    for (const chart of [paceChart, chanceChart]) {
      chart.options.scales.x.title.text = units();
      chart.options.scales.x.max = max;
      chart.update();
    }
  }

  // The pace axis in whole seconds, on a round step with at most about six labels: left to itself, Chart.js puts
  // ticks a fraction of a second apart on a flat pace, and every label then reads the same (2:50, 2:50, 2:50).
  const PACE_STEPS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300];
  function paceScale(paces) {
    const y = paceChart.options.scales.y;
    if (!paces.length) { y.min = 150; y.max = 210; y.ticks.stepSize = 10; return; }
    const lo = Math.min(...paces), hi = Math.max(...paces);
    const step = PACE_STEPS.find((s) => (Math.ceil((hi + 1) / s) - Math.floor((lo - 1) / s)) <= 6) || 600;
    y.min = Math.floor((lo - 1) / step) * step;
    y.max = Math.ceil((hi + 1) / step) * step;
    y.ticks.stepSize = step;
  }
  // a tick whose label repeats the one before it goes
  function distinctTicks(axis) {
    const seen = new Set();
    axis.ticks = axis.ticks.filter((t) => {
      const label = pace(t.value);
      if (seen.has(label)) return false;
      seen.add(label);
      return true;
    });
  }

  function renderCharts() {
    makeCharts();
    if (!paceChart) return;
    const along = (p) => Math.round(p.distanceM / METRES[units()] * 100) / 100;
    paceChart.data.datasets[0].data = state.history.filter((p) => p.segmentPaceSecPerKm > 0)
      .map((p) => ({ x: along(p), y: perUnit(p.segmentPaceSecPerKm) }));
    chanceChart.data.datasets[0].data = state.history.map((p) => ({ x: along(p), y: Math.round(p.pTarget * 1000) / 10 }));
    paceScale(paceChart.data.datasets[0].data.map((d) => d.y));
    paceChart.update();
    chanceChart.update();
  }

  // ---- start --------------------------------------------------------------------------------------------------
  $('search').addEventListener('input', search);
  $('search').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      const first = $('search-results').querySelector('li.match');
      if (first) follow(first.dataset.athlete);
    } else if (e.key === 'Escape') {
      $('search').value = '';
      showMatches([]);
    }
  });
  $('search').addEventListener('blur', () => { $('search-results').hidden = true; });
  $('search').addEventListener('focus', () => { if ($('search').value.trim()) search(); });
  $('alerts-all').addEventListener('change', (e) => { state.allAlerts = e.target.checked; renderAlerts(); });
  $('category-select').addEventListener('change', (e) => { state.category = e.target.value; state.followLeader = true; renderBoard(); renderAlerts(); });
  setInterval(tickClock, 250);
  makeCharts();
  loadRaces();
}());
