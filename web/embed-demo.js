// The embedding example (web/embed-demo.html): a host page that drives the
// explainer in a sandboxed iframe as the reader scrolls, with the
// explainer's postMessage API, and shows what the explainer reports.
//
// Host → explainer: {type: "outage:command", cmd, ...args, id?}
//   cmd "seek" {t}, "play", "pause", "chapter" {n}, "safeguards" {ids},
//   "lang" {lang}, "state".
// Explainer → host: {type: "outage:ready", protocol, state, visible},
//   {type: "outage:state", state, visible, reply?, id?},
//   {type: "outage:error", cmd, error, id?}.
//
// Each <section class="step"> says what the explainer should show while
// it is the section in the middle of the screen: data-chapter (a chapter
// id or number), data-safeguards (comma-separated ids; empty: the real
// night), data-seek (a time, "HH:MM" PDT) and data-play ("0" to stay
// paused).
(function () {
  'use strict';

  var frame = document.getElementById('explainer');
  var $ = function (id) { return document.getElementById(id); };
  var ready = false;
  var active = null;   // the step in the middle of the screen
  var applied = null;  // the step last sent to the explainer
  var nextID = 1;

  // send posts a command to the explainer. The frame is sandboxed without
  // allow-same-origin, so its origin is opaque ("null"): the target origin
  // must be "*". Nothing private is sent.
  function send(cmd, args) {
    var msg = { type: 'outage:command', cmd: cmd, id: 'demo-' + nextID++ };
    for (var k in args) msg[k] = args[k];
    frame.contentWindow.postMessage(msg, '*');
    return msg.id;
  }

  function apply(step) {
    if (!ready || !step || step === applied) return;
    applied = step;
    var d = step.dataset;
    var ids = (d.safeguards || '').split(',').map(function (s) { return s.trim(); }).filter(Boolean);
    send('safeguards', { ids: ids });
    if (d.chapter) send('chapter', { n: /^\d+$/.test(d.chapter) ? Number(d.chapter) : d.chapter });
    if (d.seek) send('seek', { t: d.seek });
    send(d.play === '0' ? 'pause' : 'play', {});
    var steps = document.querySelectorAll('.step');
    for (var i = 0; i < steps.length; i++) steps[i].classList.toggle('current', steps[i] === step);
  }

  // The step whose box crosses the middle of the viewport is the active one.
  var steps = document.querySelectorAll('.step');
  if (typeof IntersectionObserver === 'function') {
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) active = e.target;
      });
      apply(active);
    }, { rootMargin: '-50% 0px -50% 0px' });
    for (var i = 0; i < steps.length; i++) io.observe(steps[i]);
  }
  if (!active) active = steps[0];

  // The buttons under the explainer.
  var tools = document.querySelectorAll('.tools button');
  for (var j = 0; j < tools.length; j++) {
    tools[j].addEventListener('click', function (e) {
      var b = e.currentTarget;
      if (b.dataset.cmd === 'lang') send('lang', { lang: b.dataset.lang });
      else send(b.dataset.cmd, {});
    });
  }

  function show(state) {
    if (!state || typeof state !== 'object') return;
    $('r-chapter').textContent = state.chapter + ' of ' + state.chapters + (state.playing ? ', playing' : ', paused');
    var t = typeof state.t === 'string' ? state.t.replace(/^.*T(\d\d:\d\d:\d\d).*$/, '$1') : '';
    $('r-time').textContent = t ? t + ' PDT' : '—';
    $('r-safeguards').textContent = state.safeguards && state.safeguards.length ? state.safeguards.join(', ') : 'none (the real night)';
    $('r-verdict').textContent = state.verdict ? state.verdict.kind + (state.verdict.summary ? ': ' + state.verdict.summary : '') : '—';
    $('r-caption').textContent = state.caption || '—';
    $('r-caption').lang = state.lang || 'en';
  }

  window.addEventListener('message', function (e) {
    // Only the explainer's frame; its origin is "null" (sandboxed).
    if (e.source !== frame.contentWindow) return;
    var m = e.data;
    if (!m || typeof m !== 'object') return;
    switch (m.type) {
    case 'outage:ready':
      ready = true;
      $('r-status').textContent = 'ready (protocol ' + m.protocol + ')';
      show(m.state);
      apply(active);
      break;
    case 'outage:state':
      if (!ready && m.reply === 'state') {
        // The answer to the "state" sent on load: ready, and outage:ready
        // came before this script listened.
        ready = true;
        apply(active);
      }
      show(m.state);
      if (ready) $('r-status').textContent = m.visible === false ? 'paused while out of view' : 'ready';
      break;
    case 'outage:error':
      $('r-status').textContent = 'error from "' + m.cmd + '": ' + m.error;
      break;
    }
  });

  // If the explainer was ready before this script listened (a cached
  // page), ask: the answer to "state" comes once it is ready.
  frame.addEventListener('load', function () {
    if (!ready) send('state', {});
  });
})();
