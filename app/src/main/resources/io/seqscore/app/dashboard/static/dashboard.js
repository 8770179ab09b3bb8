'use strict';
// The seqscore dashboard: reads /dashboard/api/stream (server-sent events; polls /dashboard/api/snapshot
// when the stream is refused), keeps the points per key, and draws them with Chart.js.
// A point row is [seq, time, observed, forecast, lower, upper, score, anomaly (0/1), version, status, symbol, rank,
// next]; symbol, rank and next ([[symbol, probability], ...]) are those of categorical events (null, null, []
// for values): a key whose points carry symbols is shown as a sequence instead of a chart.
// An arm's window row is [n, from, to, scored, forecasts, flags, mae, flagRate, meanScore] (the "Rollout evidence"
// panel).
(function () {
  const SEQ = 0, TIME = 1, OBSERVED = 2, FORECAST = 3, LOWER = 4, UPPER = 5, SCORE = 6, ANOMALY = 7, VERSION = 8;
  const STATUS = 9, SYMBOL = 10, RANK = 11, NEXT = 12;
  const CAPACITY = 600;
  const SMALL_CHARTS = 6;
  const VERSION_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
  // Indexes of the main chart's datasets.
  const DS_LOWER = 0, DS_UPPER = 1, DS_FORECAST = 2, DS_OBSERVED = 3, DS_ANOMALY = 4, DS_CHANGE = 5;
  const W_N = 0, W_FROM = 1, W_TO = 2, W_FORECASTS = 4, W_MAE = 6, W_FLAG_RATE = 7, W_MEAN_SCORE = 8;
  const ARM_WINDOWS = 300;
  const ROLE_DASH = {serving: [], canary: [6, 3], shadow: [2, 2]};
  const KIND_COLORS = {canary: '#ff7f0e', shadow: '#9467bd', full: '#1f77b4', promote: '#2ca02c', rollback: '#d62728'};

  const state = {
    seq: 0,
    series: new Map(),
    ranking: [],
    selected: null,
    pinned: false,
    last: null,
    main: null,
    small: [],
    renderQueued: false,
    arms: new Map(),
    releases: [],
    rolloutCharts: new Map(),
    stages: [],
    chartState: {key: null, points: 0, forecastPoints: 0, bandPoints: 0, bandFilled: false, anomalyMarkers: 0,
      versionChanges: 0, versions: []},
  };

  function versionColor(v) {
    return v == null ? '#9aa3af' : VERSION_COLORS[(v - 1) % VERSION_COLORS.length];
  }

  function clock(ms) {
    return new Date(ms).toLocaleTimeString([], {hour12: false});
  }

  const DAY = 86_400_000;
  // Steps of a time axis: whole seconds up to a day, whole minutes beyond (what its labels show), so that no two
  // ticks read the same.
  const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400]
      .map(s => s * 1000);

  // The tick values of a time axis from min to max (ms): at most `limit`, on whole steps of TIME_STEPS.
  function timeTicks(min, max, limit) {
    const span = max - min;
    const unit = span > DAY ? 60_000 : 1000;
    const step = TIME_STEPS.find(s => s >= unit && span / s <= limit - 1)
        || DAY * Math.ceil(span / DAY / (limit - 1));
    const ticks = [];
    for (let v = Math.ceil(min / step) * step; v <= max; v += step) {
      ticks.push(v);
    }
    return ticks;
  }

  // A time-axis label: the time of day, with the date when the chart spans more than a day (replayed CSVs).
  function axisTime(value) {
    if (this.max - this.min <= DAY) {
      return clock(value);
    }
    const d = new Date(value);
    return d.toLocaleDateString([], {month: '2-digit', day: '2-digit'}) + ' '
        + d.toLocaleTimeString([], {hour12: false, hour: '2-digit', minute: '2-digit'});
  }

  function apply(msg) {
    if (msg.full) {
      state.series.clear();
    }
    for (const [key, rows] of Object.entries(msg.points)) {
      let s = state.series.get(key);
      if (!s) {
        s = [];
        state.series.set(key, s);
      }
      for (const r of rows) {
        if (s.length === 0 || r[SEQ] > s[s.length - 1][SEQ]) {
          s.push(r);
        }
      }
      if (s.length > CAPACITY) {
        s.splice(0, s.length - CAPACITY);
      }
    }
    // keys the board has let go of (short-lived keys such as sessions) go here too
    if (state.series.size > msg.keys.length) {
      const kept = new Set(msg.keys.map(r => r.key));
      for (const key of [...state.series.keys()]) {
        if (!kept.has(key)) {
          state.series.delete(key);
        }
      }
    }
    if (msg.rollout) {
      applyRollout(msg.rollout, msg.full);
    }
    state.seq = msg.seq;
    state.ranking = msg.keys;
    state.last = msg;
    if (!state.renderQueued) {
      state.renderQueued = true;
      requestAnimationFrame(render);
    }
  }

  // The arms' windows, kept by their reading number n (a later snapshot repeats the latest few).
  function applyRollout(rollout, full) {
    if (full) {
      state.arms.clear();
    }
    for (const a of rollout.arms) {
      const id = a.model + '\u0000' + a.version + '\u0000' + a.role;
      let arm = state.arms.get(id);
      if (!arm) {
        arm = {model: a.model, version: a.version, role: a.role, windows: []};
        state.arms.set(id, arm);
      }
      for (const w of a.windows) {
        if (arm.windows.length === 0 || w[W_N] > arm.windows[arm.windows.length - 1][W_N]) {
          arm.windows.push(w);
        }
      }
      if (arm.windows.length > ARM_WINDOWS) {
        arm.windows.splice(0, arm.windows.length - ARM_WINDOWS);
      }
    }
    state.releases = rollout.releases;
  }

  // What a chart of one key draws: the series split into Chart.js datasets ({x, y} points, y null = gap).
  function chartData(rows) {
    const lower = [], upper = [], forecast = [], observed = [], anomalies = [], changes = [];
    let previous = null;
    for (const r of rows) {
      const x = r[TIME];
      observed.push({x, y: r[OBSERVED]});
      forecast.push({x, y: r[FORECAST], v: r[VERSION]});
      lower.push({x, y: r[LOWER]});
      upper.push({x, y: r[UPPER]});
      if (r[ANOMALY] === 1) {
        anomalies.push({x, y: r[OBSERVED], score: r[SCORE]});
      }
      if (r[VERSION] != null) {
        if (previous != null && r[VERSION] !== previous) {
          changes.push({x, y: r[OBSERVED], v: r[VERSION], from: previous});
        }
        previous = r[VERSION];
      }
    }
    return {lower, upper, forecast, observed, anomalies, changes};
  }

  function newChart(canvas, small) {
    const datasets = [
      {label: 'interval (lower)', data: [], borderWidth: 0, pointRadius: 0, fill: false},
      {label: 'interval', data: [], borderWidth: 0, pointRadius: 0, fill: '-1',
        backgroundColor: 'rgba(31, 119, 180, 0.18)'},
      {label: 'forecast', data: [], borderWidth: 1.5, borderDash: [5, 3], pointRadius: 0, borderColor: versionColor(1),
        segment: {borderColor: ctx => versionColor(ctx.chart.data.datasets[ctx.datasetIndex].data[ctx.p1DataIndex].v)}},
      {label: 'observed', data: [], borderWidth: 1.2, borderColor: '#1d2430', pointRadius: 0},
      {label: 'anomaly', data: [], showLine: false, pointRadius: small ? 3 : 5, pointHoverRadius: 7,
        pointBackgroundColor: '#d62728', pointBorderColor: '#ffffff', borderColor: '#d62728', backgroundColor: '#d62728'},
      {label: 'model change', data: [], showLine: false, pointStyle: 'triangle', pointRadius: small ? 5 : 9,
        pointBackgroundColor: ctx => versionColor(ctx.raw && ctx.raw.v), borderColor: '#1d2430',
        backgroundColor: '#c7ccd4'},
    ];
    return new Chart(canvas, {
      type: 'line',
      data: {datasets},
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        spanGaps: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: {mode: 'nearest', intersect: false, axis: 'x'},
        scales: {
          x: {type: 'linear', ticks: {display: !small, maxTicksLimit: 8, callback: axisTime}, grid: {display: !small},
            afterBuildTicks: scale => {
              scale.ticks = timeTicks(scale.min, scale.max, 8).map(value => ({value}));
            }},
          y: {ticks: {display: !small, maxTicksLimit: 6}},
        },
        plugins: {
          legend: {display: !small, labels: {filter: item => item.datasetIndex !== DS_LOWER}},
          tooltip: {
            enabled: !small,
            filter: item => item.datasetIndex !== DS_LOWER,
            callbacks: {
              title: items => items.length ? clock(items[0].parsed.x) : '',
              label: item => {
                const raw = item.raw;
                if (item.datasetIndex === DS_CHANGE) {
                  return 'model v' + raw.from + ' → v' + raw.v;
                }
                if (item.datasetIndex === DS_ANOMALY) {
                  return 'flagged, anomaly score ' + (raw.score == null ? '–' : raw.score.toFixed(5));
                }
                return item.dataset.label + ': ' + (raw.y == null ? '–' : raw.y.toFixed(3));
              },
            },
          },
        },
      },
    });
  }

  function fill(chart, rows) {
    const d = chartData(rows);
    const ds = chart.data.datasets;
    // the x axis spans the points exactly: Chart.js would round it out to a tick and leave the right end empty
    const x = chart.options.scales.x;
    if (rows.length) {
      x.min = rows[0][TIME];
      x.max = rows[rows.length - 1][TIME];
    } else {
      delete x.min;
      delete x.max;
    }
    ds[DS_LOWER].data = d.lower;
    ds[DS_UPPER].data = d.upper;
    ds[DS_FORECAST].data = d.forecast;
    ds[DS_OBSERVED].data = d.observed;
    ds[DS_ANOMALY].data = d.anomalies;
    ds[DS_CHANGE].data = d.changes;
    chart.update('none');
    return d;
  }

  // Elements Chart.js actually laid out on the canvas for dataset i (skipped and off-canvas points excluded).
  function drawn(chart, i) {
    if (!chart.isDatasetVisible(i)) {
      return 0;
    }
    const area = chart.chartArea;
    return chart.getDatasetMeta(i).data.filter(p => !p.skip && Number.isFinite(p.x) && Number.isFinite(p.y)
        && p.x >= area.left - 1 && p.x <= area.right + 1 && p.y >= area.top - 1 && p.y <= area.bottom + 1).length;
  }

  function chooseKey() {
    const ranking = state.ranking;
    if (state.pinned && state.selected && state.series.has(state.selected)) {
      return state.selected;
    }
    if (!ranking.length) {
      return null;
    }
    const top3 = ranking.slice(0, 3).map(r => r.key);
    if (state.selected && top3.includes(state.selected)) {
      return state.selected;
    }
    return ranking[0].key;
  }

  function render() {
    state.renderQueued = false;
    const msg = state.last;
    if (!msg) {
      return;
    }
    renderTiles(msg);
    state.selected = chooseKey();
    renderKeys();
    const rows = state.selected ? state.series.get(state.selected) || [] : [];
    const symbolic = rows.length > 0 && rows[rows.length - 1][SYMBOL] != null;
    document.getElementById('sequence-card').hidden = !symbolic;
    document.getElementById('main-card').hidden = symbolic;
    document.getElementById('small-charts').hidden = symbolic;
    if (symbolic) {
      renderSequence(state.selected, rows);
    } else {
      renderMain();
      renderSmall();
    }
    renderModels(msg.models);
    renderRollout();
    renderNotes(msg.notes);
    renderStage(msg.stage);
  }

  // The header line, as the demo sets it (with its live countdowns); every distinct line is kept, for tests.
  function renderStage(text) {
    const line = text || '';
    document.getElementById('stage').textContent = line;
    if (line && state.stages[state.stages.length - 1] !== line) {
      state.stages.push(line);
      if (state.stages.length > 500) {
        state.stages.shift();
      }
    }
  }

  function renderTiles(msg) {
    const t = msg.tiles;
    document.getElementById('tile-rate').textContent = t.eventsPerSecond.toFixed(1);
    document.getElementById('tile-p50').textContent = t.latencyP50Ms == null ? '–' : t.latencyP50Ms + ' ms';
    document.getElementById('tile-p99').textContent = t.latencyP99Ms == null ? '–' : t.latencyP99Ms + ' ms';
    document.getElementById('tile-scored').textContent = t.scored.toLocaleString();
    document.getElementById('tile-flagged').textContent = t.flagged.toLocaleString();
    document.getElementById('tile-keys').textContent = t.keys;
  }

  // A bar length for an anomaly score in [0, 1]: -log10(1 - score) over 6 decades, so that 0.99, 0.9999 and
  // 0.999999 read as a third, two thirds and a full bar instead of three full ones.
  function surprise(score) {
    return Math.min(1, -Math.log10(Math.max(1e-6, 1 - score)) / 6);
  }

  function renderKeys() {
    const list = document.getElementById('key-list');
    const items = [];
    for (const r of state.ranking) {
      const li = document.createElement('li');
      li.dataset.key = r.key;
      if (r.key === state.selected) {
        li.className = 'selected';
      }
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = r.key;
      name.title = r.key + ' — highest anomaly score of the last points ' + r.recentScore.toFixed(5)
          + ', model v' + (r.version == null ? '–' : r.version) + ', ' + (r.status || '');
      const bar = document.createElement('span');
      bar.className = 'bar';
      const fillBar = document.createElement('span');
      fillBar.style.width = (100 * surprise(r.recentScore)).toFixed(1) + '%';
      if (r.recentFlags > 0) {
        fillBar.className = 'hot';
      }
      bar.appendChild(fillBar);
      const flags = document.createElement('span');
      flags.className = 'flags';
      flags.textContent = r.recentFlags > 0 ? '⚑' + r.recentFlags : '';
      li.append(name, bar, flags);
      li.addEventListener('click', () => select(r.key));
      items.push(li);
    }
    list.replaceChildren(...items);
    document.getElementById('follow').hidden = !state.pinned;
  }

  function renderMain() {
    const key = state.selected;
    const canvas = document.getElementById('main-chart');
    if (!key) {
      return;
    }
    if (!state.main) {
      state.main = newChart(canvas, false);
    }
    const rows = state.series.get(key) || [];
    const d = fill(state.main, rows);
    const versions = [...new Set(rows.map(r => r[VERSION]).filter(v => v != null))];
    document.getElementById('main-title').textContent = key + (versions.length
        ? ' — model ' + versions.map(v => 'v' + v).join(' → ') : ' — no model yet');
    const c = state.main;
    state.chartState = {
      key,
      points: drawn(c, DS_OBSERVED),
      forecastPoints: drawn(c, DS_FORECAST),
      bandPoints: Math.min(drawn(c, DS_LOWER), drawn(c, DS_UPPER)),
      bandFilled: c.data.datasets[DS_UPPER].fill === '-1' && c.isDatasetVisible(DS_UPPER),
      anomalyMarkers: drawn(c, DS_ANOMALY),
      versionChanges: drawn(c, DS_CHANGE),
      versions,
      rows: d.observed.length,
      tickLabels: c.scales.x.ticks.map(t => t.label),
      // pixels between the last point and the right end of the plot area
      rightGap: rows.length ? c.chartArea.right - c.scales.x.getPixelForValue(rows[rows.length - 1][TIME]) : null,
      plotWidth: c.chartArea.right - c.chartArea.left,
    };
    canvas.dataset.key = key;
    canvas.dataset.points = state.chartState.points;
    canvas.dataset.bandPoints = state.chartState.bandPoints;
    canvas.dataset.anomalyMarkers = state.chartState.anomalyMarkers;
    canvas.dataset.versionChanges = state.chartState.versionChanges;
  }

  function predictions(next) {
    return (next || []).map(n => (n[0] == null ? '∅' : n[0]) + ' ' + (100 * n[1]).toFixed(1) + '%').join(', ');
  }

  // The selected key's events as a table: symbol, rank, score, and what the previous event predicted for it.
  function renderSequence(key, rows) {
    const flags = rows.filter(r => r[ANOMALY] === 1).length;
    document.getElementById('sequence-title').textContent = key + ' — ' + rows.length + ' events, '
        + (flags ? flags + ' flagged' : 'none flagged');
    const body = rows.map((r, i) => {
      const tr = document.createElement('tr');
      if (r[ANOMALY] === 1) {
        tr.className = 'flagged';
      }
      const rank = r[STATUS] === 'UNSEEN_SYMBOL' ? 'unseen' : r[RANK] == null ? '–' : String(r[RANK]);
      const cells = [String(i + 1), r[SYMBOL], rank, r[SCORE] == null ? '–' : r[SCORE].toFixed(4),
        i > 0 ? predictions(rows[i - 1][NEXT]) : ''];
      cells.forEach((c, j) => {
        const td = document.createElement('td');
        td.textContent = c;
        td.className = j === 1 ? 'symbol' : j === 4 ? 'predicted' : '';
        tr.appendChild(td);
      });
      return tr;
    });
    document.getElementById('sequence-rows').replaceChildren(...body);
    const last = rows[rows.length - 1];
    document.getElementById('sequence-next').textContent = last && last[NEXT].length
        ? 'Next, the model expects: ' + predictions(last[NEXT]) : '';
  }

  function renderSmall() {
    const box = document.getElementById('small-charts');
    const keys = state.ranking.map(r => r.key).filter(k => k !== state.selected).slice(0, SMALL_CHARTS);
    while (state.small.length < keys.length) {
      const card = document.createElement('div');
      card.className = 'card small-card';
      const title = document.createElement('h3');
      const inner = document.createElement('div');
      inner.className = 'box';
      const canvas = document.createElement('canvas');
      inner.appendChild(canvas);
      card.append(title, inner);
      box.appendChild(card);
      const entry = {card, title, chart: newChart(canvas, true), key: null};
      card.addEventListener('click', () => entry.key && select(entry.key));
      state.small.push(entry);
    }
    state.small.forEach((entry, i) => {
      const key = keys[i];
      entry.card.hidden = !key;
      if (!key) {
        return;
      }
      entry.key = key;
      const row = state.ranking.find(r => r.key === key);
      entry.title.replaceChildren(document.createTextNode(key), badge(row && row.version));
      fill(entry.chart, state.series.get(key) || []);
    });
  }

  function badge(version) {
    const b = document.createElement('span');
    b.className = 'badge';
    b.style.background = versionColor(version);
    b.textContent = version == null ? 'no model' : 'v' + version;
    return b;
  }

  function renderModels(view) {
    const box = document.getElementById('models');
    if (!view || !view.models || !view.models.length) {
      box.textContent = 'no model yet';
      return;
    }
    const parts = [];
    for (const m of view.models) {
      const div = document.createElement('div');
      div.className = 'model';
      const h = document.createElement('h3');
      h.textContent = "model '" + m.name + "'";
      div.appendChild(h);
      const p = m.current;
      div.appendChild(roleLine('serving', p && p.serving, p && p.serving
          ? (p.canary ? ' on the keys outside the canary' : ' on every key') : ' nothing'));
      if (p && p.canary) {
        div.appendChild(roleLine('canary', p.canary, ' on ' + p.canaryPercent + '% of the keys'));
      }
      if (p && p.shadow) {
        div.appendChild(roleLine('shadow', p.shadow, ' beside it on every key (scores to the shadow topic)'));
      }
      for (const ph of m.phases.filter(x => x.pending)) {
        const line = document.createElement('div');
        line.className = 'role';
        line.textContent = 'from ' + ph.activeFrom + ': serving v' + (ph.serving ? ph.serving.version : '–')
            + (ph.canary ? ', canary v' + ph.canary.version : '');
        div.appendChild(line);
      }
      if (m.versions.length) {
        const table = document.createElement('table');
        table.innerHTML = '<tr><th>version</th><th>release</th><th>rollout</th><th>created</th><th></th></tr>';
        for (const v of m.versions) {
          const tr = document.createElement('tr');
          const rollout = v.mode + (v.canaryPercent != null ? ' ' + v.canaryPercent + '%' : '')
              + (v.rollbackTo != null ? ' (restores v' + v.rollbackTo + ')' : '');
          const cells = [badge(v.version), text(String(v.release)), text(rollout), text(clock(Date.parse(v.createdAt))),
            text(v.inUse ? 'in use' : 'kept')];
          for (const c of cells) {
            const td = document.createElement('td');
            td.appendChild(c);
            tr.appendChild(td);
          }
          table.appendChild(tr);
        }
        div.appendChild(table);
      }
      for (const r of m.rejected) {
        const line = document.createElement('div');
        line.className = 'rejected';
        line.textContent = 'rejected release ' + r.version + ': ' + r.reason;
        div.appendChild(line);
      }
      parts.push(div);
    }
    box.replaceChildren(...parts);
  }

  // Vertical lines at the releases (state.releases of the chart's model) inside the x range.
  const releaseMarkers = {
    id: 'releaseMarkers',
    afterDatasetsDraw(chart) {
      const marks = chart.$releases || [];
      const x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
      ctx.save();
      ctx.font = '10px system-ui, sans-serif';
      for (const r of marks) {
        if (r.at < x.min || r.at > x.max) {
          continue;
        }
        const px = x.getPixelForValue(r.at);
        ctx.strokeStyle = KIND_COLORS[r.kind] || '#677285';
        ctx.fillStyle = ctx.strokeStyle;
        ctx.setLineDash([3, 3]);
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        ctx.fillText(r.kind + ' v' + r.version, Math.min(px + 3, area.right - 60), area.top + 10);
      }
      ctx.restore();
    },
  };

  function armChart(canvas, title, percent) {
    return new Chart(canvas, {
      type: 'line',
      data: {datasets: []},
      plugins: [releaseMarkers],
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        spanGaps: true,
        responsive: true,
        maintainAspectRatio: false,
        interaction: {mode: 'nearest', intersect: false, axis: 'x'},
        scales: {
          x: {type: 'linear', ticks: {maxTicksLimit: 5, callback: axisTime},
            afterBuildTicks: scale => {
              scale.ticks = timeTicks(scale.min, scale.max, 5).map(value => ({value}));
            }},
          y: {beginAtZero: true, ticks: {maxTicksLimit: 5, callback: v => percent ? (v * 100).toFixed(1) + '%' : Number(v.toPrecision(3))}},
        },
        plugins: {
          title: {display: true, text: title, font: {size: 12}},
          legend: {labels: {boxWidth: 12, font: {size: 11}}},
          tooltip: {callbacks: {
            title: items => items.length ? clock(items[0].parsed.x) : '',
            label: item => item.dataset.label + ': ' + (item.raw.y == null ? '–'
                : percent ? (item.raw.y * 100).toFixed(2) + '%' : item.raw.y.toFixed(4)) + ' (' + item.raw.f
                + ' forecasts)',
          }},
        },
      },
    });
  }

  // The "Rollout evidence" panel: per model, the arms' MAE and flag rate per window, and its releases.
  function renderRollout() {
    const box = document.getElementById('rollout');
    const models = new Map();
    for (const arm of state.arms.values()) {
      if (!models.has(arm.model)) {
        models.set(arm.model, []);
      }
      models.get(arm.model).push(arm);
    }
    for (const r of state.releases) {
      if (!models.has(r.model)) {
        models.set(r.model, []);
      }
    }
    if (!models.size) {
      box.textContent = 'no arm has scored yet';
      for (const view of state.rolloutCharts.values()) {
        view.mae.destroy();
        view.flags.destroy();
      }
      state.rolloutCharts.clear();
      return;
    }
    if (!state.rolloutCharts.size) {
      box.replaceChildren();
    }
    for (const [name, arms] of models) {
      let view = state.rolloutCharts.get(name);
      if (!view) {
        view = newRolloutView(box, name);
        state.rolloutCharts.set(name, view);
      }
      const releases = state.releases.filter(r => r.model === name);
      let min = Infinity, max = -Infinity;
      for (const arm of arms) {
        if (arm.windows.length) {
          min = Math.min(min, arm.windows[0][W_FROM]);
          max = Math.max(max, arm.windows[arm.windows.length - 1][W_TO]);
        }
      }
      // a model of symbols alone has no MAE: its error is the mean anomaly score, 1 - p
      const symbols = !arms.some(arm => arm.windows.some(w => w[W_MAE] != null))
          && arms.some(arm => arm.windows.some(w => w[W_MEAN_SCORE] != null));
      view.mae.options.plugins.title.text = symbols ? 'mean 1 − p per window' : 'MAE per window';
      for (const [chart, column] of [[view.mae, symbols ? W_MEAN_SCORE : W_MAE], [view.flags, W_FLAG_RATE]]) {
        chart.$releases = releases;
        chart.data.datasets = arms.map(arm => ({
          label: 'v' + arm.version + ' ' + arm.role,
          data: arm.windows.map(w => ({x: w[W_TO], y: w[column], f: w[W_FORECASTS]})),
          borderColor: versionColor(arm.version),
          backgroundColor: versionColor(arm.version),
          borderDash: ROLE_DASH[arm.role] || [],
          borderWidth: 1.5,
          pointRadius: 1.5,
        }));
        const x = chart.options.scales.x;
        if (min < max) {
          x.min = min;
          x.max = max;
        } else {
          delete x.min;
          delete x.max;
        }
        chart.update('none');
      }
      view.list.replaceChildren(...releases.slice().reverse().map(r => {
        const li = document.createElement('li');
        const t = document.createElement('time');
        t.textContent = clock(r.at);
        const kind = document.createElement('span');
        kind.className = 'kind';
        kind.style.background = KIND_COLORS[r.kind] || '#677285';
        kind.textContent = r.kind;
        li.append(t, kind, text(' v' + r.version + ' (release ' + r.release + ')'));
        return li;
      }));
    }
  }

  function newRolloutView(box, name) {
    const root = document.createElement('div');
    root.className = 'rollout-model';
    const h = document.createElement('h3');
    h.textContent = "model '" + name + "'";
    const charts = document.createElement('div');
    charts.className = 'rollout-charts';
    const canvases = [];
    for (const label of ['MAE', 'flag rate']) {
      const b = document.createElement('div');
      b.className = 'box';
      const c = document.createElement('canvas');
      c.setAttribute('aria-label', label + ' per arm over time');
      b.appendChild(c);
      charts.appendChild(b);
      canvases.push(c);
    }
    const list = document.createElement('ol');
    list.className = 'releases';
    root.append(h, charts, list);
    box.appendChild(root);
    return {root, list, mae: armChart(canvases[0], 'MAE per window', false),
      flags: armChart(canvases[1], 'flag rate per window', true)};
  }

  // For tests: per model, the arms drawn (label and windows) and the releases listed.
  function rolloutState() {
    const out = [];
    for (const [name, view] of state.rolloutCharts) {
      out.push({model: name,
        arms: view.mae.data.datasets.map(d => ({label: d.label, windows: d.data.length,
          withMae: d.data.filter(p => p.y != null).length})),
        releases: Array.from(view.list.children).map(li => li.textContent)});
    }
    return out;
  }

  function roleLine(role, ref, rest) {
    const line = document.createElement('div');
    const label = document.createElement('span');
    label.className = 'role';
    label.textContent = role + ' ';
    line.appendChild(label);
    if (ref) {
      line.appendChild(badge(ref.version));
      if (ref.release !== ref.version) {
        line.appendChild(text(' (release ' + ref.release + ')'));
      }
    }
    line.appendChild(text(rest));
    return line;
  }

  function text(s) {
    return document.createTextNode(s);
  }

  function renderNotes(notes) {
    const list = document.getElementById('notes');
    const items = (notes || []).slice().reverse().map(n => {
      const li = document.createElement('li');
      const t = document.createElement('time');
      t.textContent = clock(n.at);
      li.append(t, text(n.text));
      return li;
    });
    list.replaceChildren(...items);
  }

  function select(key) {
    state.selected = key;
    state.pinned = true;
    render();
  }

  function connection(mode) {
    const el = document.getElementById('connection');
    el.textContent = mode;
    el.className = 'connection ' + mode;
  }

  function poll() {
    connection('polling');
    fetch('/dashboard/api/snapshot?since=' + state.seq)
        .then(r => r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status)))
        .then(msg => {
          apply(msg);
        })
        .catch(() => connection('disconnected'))
        .finally(() => setTimeout(poll, 1000));
  }

  function connect() {
    const source = new EventSource('/dashboard/api/stream');
    source.onopen = () => connection('live');
    source.onmessage = e => apply(JSON.parse(e.data));
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        poll();
      } else {
        connection('reconnecting');
      }
    };
  }

  document.getElementById('follow').addEventListener('click', () => {
    state.pinned = false;
    render();
  });

  // For people and tests: what the main chart drew, and a way to pick its key.
  window.seqscoreDashboard = {
    chartState: () => state.chartState,
    select,
    seq: () => state.seq,
    timeTicks,
    stages: () => state.stages.slice(),
    rollout: rolloutState,
  };

  connect();
})();
