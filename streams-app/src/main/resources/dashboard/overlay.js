// Broadcast overlays, driven by the same server-sent events as the dashboard. The server checked the parameters before
// serving the page; every string from the feed is set with textContent, never parsed as HTML.
//   /overlay/lower-third?race=R&athlete=A          one athlete: name, projected finish, chance of the target, vs schedule
//   /overlay/leaderboard?race=R&category=ALL&n=5   the top n of a race or category
(function () {
  'use strict';

  const params = new URLSearchParams(location.search);
  const race = params.get('race');
  const { $, el, hms, showVsTarget } = window.raceTracker;

  // One stream; the browser resumes a broken one with Last-Event-ID, and one the server closed is opened again.
  function follow(query, handlers) {
    let source = null;
    const open = () => {
      source = new EventSource('/events?' + query);
      for (const [name, handle] of Object.entries(handlers)) {
        source.addEventListener(name, (e) => handle(JSON.parse(e.data)));
      }
      source.onerror = () => {
        if (source.readyState === EventSource.CLOSED) setTimeout(open, 3000);
      };
    };
    open();
  }

  // ---- lower third ------------------------------------------------------------------------------------------------
  function lowerThird() {
    const athlete = params.get('athlete');
    follow('race=' + encodeURIComponent(race) + '&athlete=' + encodeURIComponent(athlete) + '&kind=state', {
      state: (p) => {
        if (p.raceId !== race || p.athleteId !== athlete) return;
        $('lt-name').textContent = p.name;
        $('lt-bib').textContent = p.bib ? '#' + p.bib : '';
        $('lt-projected').textContent = p.display.projectedFinish;
        $('lt-chance').textContent = p.display.chance;
        $('lt-target').textContent = 'SUB-' + p.display.target;
        showVsTarget($('lt-vs'), 'lt-value', p);
        $('lt-at').textContent = (p.status === 'FINISHED' ? 'AT THE FINISH' : 'AT ' + p.display.distance.toUpperCase());
        $('lower-third').hidden = false;
      }
    });
  }

  // ---- leaderboard strip ------------------------------------------------------------------------------------------
  function leaderboard() {
    const category = params.get('category') || 'ALL';
    const n = Number(params.get('n') || 5);
    follow('race=' + encodeURIComponent(race) + '&kind=leaderboard', {
      leaderboard: (lb) => {
        if (lb.raceId !== race || lb.category !== category) return;
        const top = lb.entries.slice(0, n);
        $('strip-title').textContent = category === 'ALL' ? 'Leaders' : category;
        $('strip-mat').textContent = top.length ? top[0].timingPointId : '';
        $('strip-rows').replaceChildren(...top.map((e) => {
          const li = el('li');
          li.dataset.athlete = e.athleteId;
          li.appendChild(el('span', 'strip-pos', e.position));
          li.appendChild(el('span', 'strip-name', e.name));
          li.appendChild(el('span', 'strip-time', e.gapMs === 0 ? hms(e.elapsedMs) : e.gap));
          return li;
        }));
        $('strip').hidden = !top.length;
      }
    });
  }

  if (document.body.dataset.overlay === 'lower-third') lowerThird(); else leaderboard();
}());
