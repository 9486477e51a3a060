// The page around the explainer's canvas (index.html): what the app cannot
// do from inside its canvas. Loaded before web/app.js.
//
//  - The page's own text in the reader's language (English, Bahasa
//    Indonesia), the transcript links (web/transcript.<lang>.html).
//  - Screen readers: the aria-live region #live mirrors the caption and
//    the latest event of the app's outage:state events, deduplicated and
//    at most one announcement every ANNOUNCE_MS; the canvas gets a role,
//    a label and a description of the keys.
//  - Keyboard: the canvas keeps Tab for its own widgets, so a skip link
//    comes before it, and Escape then Tab (Shift+Tab) moves the focus out
//    of it, to the links after it (before it).
//  - Embed mode (?embed=1): the link "Open the full explainer" over the
//    strip layout()["embed.link"] that the app leaves free; the explainer
//    pauses while it is scrolled out of view or its tab is hidden, and
//    plays again on return if it was playing; no focus is taken.
//  - The postMessage API for a host page that frames the explainer (see
//    PROTOCOL below and the README).
//  - The error screen (showError), for web/app.js's loader and for a
//    crash of the app (outage:crash): one sentence, what the host must
//    change if anything, Reload, the transcript and the link of the moment
//    it stopped; a host gets outage:error with fatal: true.
//
// It never reads cookies or storage and makes no request: it works inside
// <iframe sandbox="allow-scripts"> (an opaque origin) under the strict CSP.
// For tests, window.outagePage exposes the validator and the settings.
(function () {
  'use strict';

  // PROTOCOL is the version of the postMessage API, sent with outage:ready.
  var PROTOCOL = 1;
  // ANNOUNCE_MS is the shortest time between two screen-reader updates.
  var ANNOUNCE_MS = 1500;
  // QUEUE_MAX is how many commands wait for the app to be ready.
  var QUEUE_MAX = 16;

  var strings = {
    en: {
      title: 'The us-east-1 outage, explained',
      skip: 'Skip the interactive explainer',
      skipEmbed: 'Skip the explainer',
      preferText: 'Prefer text? Read the transcript',
      cannotStart: 'The explainer can’t start here',
      transcriptInstead: 'Read the transcript instead',
      transcript: 'Transcript',
      openFull: 'Open the full explainer',
      hint: 'Esc, then Tab, leaves the explainer · ? lists the keys',
      canvas: 'The us-east-1 outage explainer, interactive',
      keys: 'Keyboard: Space plays or pauses; the Left and Right arrows step through the events; ' +
        'Page Up and Page Down change chapter; P pauses at the end of each chapter or not; S opens the safeguards; ' +
        'B the scoreboard; W what you may have read, tested; ? lists every key. ' +
        'Press Escape, then Tab, to leave the explainer.',
      noWasm: 'Your browser does not support WebAssembly, which the explainer needs. ' +
        'Try a current version of Firefox, Chrome, Edge or Safari.',
      noWebGL: 'Your browser has WebGL 2 turned off or unavailable, and the explainer draws with it. ' +
        'Turn on hardware acceleration in the browser settings, or try another browser.',
      starting: 'Starting…',
      stopped: 'The explainer stopped',
      crashed: 'Something went wrong inside the explainer, and it stopped.',
      exited: 'The explainer’s program ended unexpectedly.',
      reload: 'Reload',
      moment: 'Link to the moment it stopped',
      cors: 'The explainer could not download its program: it runs here in a sandboxed frame, ' +
        'and the site that hosts it does not let such frames fetch its files.',
      corsFix: 'The host must send the header “Access-Control-Allow-Origin: *” with {file}.',
      network: 'The explainer could not download its program ({error}). Check the connection and reload.',
      httpError: 'The explainer could not download its program (the server answered {error}).',
      startError: 'The explainer could not start ({error}).',
      downloadingOf: 'Downloading {a} of {b} MB',
      downloading: 'Downloading {a} MB',
      decimal: '.',
    },
    id: {
      title: 'Gangguan us-east-1, dijelaskan',
      skip: 'Lewati penjelasan interaktif',
      skipEmbed: 'Lewati penjelasan',
      preferText: 'Lebih suka teks? Baca transkripnya',
      cannotStart: 'Penjelasan ini tidak bisa berjalan di sini',
      transcriptInstead: 'Baca transkripnya saja',
      transcript: 'Transkrip',
      openFull: 'Buka penjelasan lengkap',
      hint: 'Esc, lalu Tab, untuk keluar dari penjelasan · ? menampilkan semua tombol',
      canvas: 'Penjelasan gangguan us-east-1, interaktif',
      keys: 'Papan ketik: Spasi memutar atau menjeda; panah kiri dan kanan berpindah antarperistiwa; ' +
        'Page Up dan Page Down berganti bab; P berhenti atau tidak di akhir tiap bab; S membuka pengaman; ' +
        'B papan skor; W yang mungkin Anda baca, diuji; ? menampilkan semua tombol. ' +
        'Tekan Escape, lalu Tab, untuk keluar dari penjelasan.',
      noWasm: 'Peramban Anda tidak mendukung WebAssembly, yang dibutuhkan penjelasan ini. ' +
        'Coba versi terbaru Firefox, Chrome, Edge, atau Safari.',
      noWebGL: 'WebGL 2 di peramban Anda mati atau tidak tersedia, padahal penjelasan ini menggambar dengannya. ' +
        'Nyalakan akselerasi perangkat keras di pengaturan peramban, atau coba peramban lain.',
      starting: 'Memulai…',
      stopped: 'Penjelasan ini berhenti',
      crashed: 'Terjadi kesalahan di dalam penjelasan ini, dan penjelasan berhenti.',
      exited: 'Program penjelasan ini berakhir tanpa diduga.',
      reload: 'Muat ulang',
      moment: 'Tautan ke saat penjelasan berhenti',
      cors: 'Penjelasan ini tidak bisa mengunduh programnya: ia berjalan di sini dalam bingkai ber-sandbox, ' +
        'dan situs yang menampungnya tidak mengizinkan bingkai seperti itu mengambil berkasnya.',
      corsFix: 'Situs penampung harus mengirim header “Access-Control-Allow-Origin: *” bersama {file}.',
      network: 'Penjelasan ini tidak bisa mengunduh programnya ({error}). Periksa koneksi, lalu muat ulang.',
      httpError: 'Penjelasan ini tidak bisa mengunduh programnya (server menjawab {error}).',
      startError: 'Penjelasan ini tidak bisa dimulai ({error}).',
      downloadingOf: 'Mengunduh {a} dari {b} MB',
      downloading: 'Mengunduh {a} MB',
      decimal: ',',
    },
  };

  var $ = function (id) { return document.getElementById(id); };
  var params = new URLSearchParams(location.search);

  // langOf maps a language tag to one the page has, or ''.
  function langOf(tag) {
    if (typeof tag !== 'string') return '';
    var p = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (p === 'in') p = 'id'; // the old code for Indonesian
    return Object.prototype.hasOwnProperty.call(strings, p) ? p : '';
  }

  // The language before the app says: the link's, else the browser's (as
  // the app chooses), else English.
  function initialLang() {
    if (params.has('lang')) return langOf(params.get('lang')) || 'en';
    var ls = (navigator.languages || []).concat(navigator.language || []);
    for (var i = 0; i < ls.length; i++) {
      var l = langOf(ls[i]);
      if (l) return l;
    }
    return 'en';
  }

  function truthy(v) {
    return v !== null && ['', '1', 'true', 'yes', 'on'].indexOf(v.trim().toLowerCase()) >= 0;
  }

  var framed = false;
  try { framed = window.parent !== window; } catch (e) { framed = true; }

  var page = window.outagePage = {
    lang: initialLang(),
    embed: truthy(params.get('embed')),
    framed: framed,
    visible: true,
    t: function (key) { return (strings[page.lang] || strings.en)[key] || strings.en[key] || ''; },
    validate: validate,
    showError: showError,
    error: null,
    transcriptURL: function (lang) { return 'web/transcript.' + (langOf(lang) || 'en') + '.html'; },
  };

  // ---- Text and links in the reader's language -------------------------

  function applyLang(lang) {
    lang = langOf(lang) || 'en';
    page.lang = lang;
    document.documentElement.lang = lang;
    var nodes = document.querySelectorAll('[data-text]');
    for (var i = 0; i < nodes.length; i++) {
      var key = nodes[i].getAttribute('data-text');
      if (key === 'skip' && page.embed) key = 'skipEmbed';
      var text = page.t(key);
      if (text) nodes[i].textContent = text;
    }
    var links = document.querySelectorAll('a.transcript-link');
    for (var j = 0; j < links.length; j++) {
      links[j].href = page.transcriptURL(lang);
      links[j].hreflang = lang;
    }
    $('live').lang = lang;
    var c = canvas();
    if (c) c.setAttribute('aria-label', page.t('canvas'));
  }

  // ---- The canvas: role, label, focus ----------------------------------

  function canvas() { return document.querySelector('body > canvas'); }

  function dressCanvas() {
    var c = canvas();
    if (!c || c.hasAttribute('role')) return !!c;
    c.setAttribute('role', 'application');
    c.setAttribute('aria-label', page.t('canvas'));
    c.setAttribute('aria-describedby', 'keys');
    return true;
  }

  // The element the focus goes to when it leaves the canvas forwards.
  function afterCanvas() { return page.embed ? $('open-full') : $('after'); }

  function focus(el) {
    if (!el) return;
    el.focus();
  }

  $('skip').addEventListener('click', function (e) {
    e.preventDefault();
    focus(afterCanvas());
  });

  // Escape, then Tab: Ebitengine cancels every key on its canvas, Tab
  // included (the app moves its own focus with it). The Escape still
  // reaches the app (it closes a dialog); the Tab right after it does not.
  var escArmed = false;
  window.addEventListener('keydown', function (e) {
    if (document.activeElement !== canvas()) {
      escArmed = false;
      return;
    }
    if (e.key === 'Escape') {
      // An Escape that closes a dialog does not also arm leaving.
      var st = call('state');
      escArmed = !(st && st.overlay);
      return;
    }
    if (e.key === 'Tab' && escArmed) {
      escArmed = false;
      e.preventDefault();
      e.stopImmediatePropagation();
      focus(e.shiftKey ? $('skip') : afterCanvas());
      return;
    }
    if (['Shift', 'Control', 'Alt', 'Meta'].indexOf(e.key) < 0) escArmed = false;
  }, true);

  // ---- Screen readers: the live region ---------------------------------

  var said = { caption: '', feed: '' };
  var latest = null, lastAnnounce = -Infinity, announceTimer = 0;

  function queueAnnounce(state) {
    latest = state;
    if (announceTimer) return;
    var wait = Math.max(0, lastAnnounce + ANNOUNCE_MS - performance.now());
    announceTimer = setTimeout(flushAnnounce, wait);
  }

  function flushAnnounce() {
    announceTimer = 0;
    var s = latest;
    if (!s) return;
    var parts = [];
    if (typeof s.caption === 'string' && s.caption && s.caption !== said.caption) parts.push(s.caption);
    if (typeof s.feed === 'string' && s.feed && s.feed !== said.feed) parts.push(s.feed);
    said.caption = s.caption || '';
    said.feed = s.feed || '';
    if (!parts.length) return;
    lastAnnounce = performance.now();
    var live = $('live');
    live.textContent = '';
    for (var i = 0; i < parts.length; i++) {
      // A space after each part, so that the region's text never runs
      // two sentences together ("backlog.SQS").
      if (i > 0) live.appendChild(document.createTextNode(' '));
      var p = document.createElement('p');
      p.textContent = parts[i];
      live.appendChild(p);
    }
  }

  // ---- Embed mode: the link and pausing while hidden -------------------

  var openLink = $('open-full');

  function fullURL(state) {
    var q = new URLSearchParams(state && typeof state.url === 'string' ? state.url : '');
    // The reader's display choices travel with the link; embedding does not.
    ['theme', 'motion'].forEach(function (k) {
      if (params.has(k) && !q.has(k)) q.set(k, params.get(k));
    });
    var s = q.toString();
    return location.href.split(/[?#]/)[0] + (s ? '?' + s : '');
  }

  function placeLink() {
    var app = window.outage;
    if (!page.embed || !app || !app.ready) return;
    var l = call('layout');
    var r = l && l['embed.link'];
    var c = canvas();
    if (!r || !(r.w > 0 && r.h > 0) || !c) {
      openLink.hidden = true;
      return;
    }
    var b = c.getBoundingClientRect();
    var st = openLink.style;
    st.left = (b.left + r.x) + 'px';
    st.top = (b.top + r.y) + 'px';
    st.width = r.w + 'px';
    st.height = r.h + 'px';
    st.lineHeight = r.h + 'px';
    openLink.hidden = false;
  }

  var placeQueued = false;
  function placeLinkSoon() {
    if (placeQueued) return;
    placeQueued = true;
    // The app lays itself out on its next tick after a resize.
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        placeQueued = false;
        placeLink();
      });
    });
  }

  // auto: whether the page paused the app because it is out of view, and
  // whether to play again on return.
  var auto = { paused: false, resume: false };
  var inView = true;

  function updateVisibility() {
    var visible = inView && document.visibilityState !== 'hidden';
    if (visible === page.visible) return;
    page.visible = visible;
    var app = window.outage;
    if (!app || !app.ready) return;
    if (!visible) {
      var s = call('state');
      auto.paused = true;
      auto.resume = !!(s && s.playing);
      if (auto.resume) call('pause');
    } else if (auto.paused) {
      auto.paused = false;
      if (auto.resume) call('play');
    }
  }

  var embedSet = false;
  function setupEmbed() {
    document.documentElement.classList.toggle('embed', page.embed);
    if (!page.embed || embedSet) return;
    embedSet = true;
    document.addEventListener('visibilitychange', updateVisibility);
    if (typeof IntersectionObserver === 'function') {
      // With no root, the intersection is with the top-level viewport,
      // across origins: this is how a frame knows it is scrolled away.
      new IntersectionObserver(function (entries) {
        inView = entries[entries.length - 1].isIntersecting;
        updateVisibility();
      }).observe(document.documentElement);
    }
    window.addEventListener('resize', placeLinkSoon);
    // Keep the link's address current between state events (the time).
    var refresh = function () { openLink.href = fullURL(call('state')); };
    openLink.addEventListener('focus', refresh);
    openLink.addEventListener('pointerenter', refresh);
  }
  setupEmbed();

  // ---- The postMessage API ----------------------------------------------

  // Warnings are rate-limited: a noisy host must not flood the console.
  var warned = 0, warnWindow = 0;
  function warn(msg) {
    var now = performance.now();
    if (now - warnWindow > 10000) { warnWindow = now; warned = 0; }
    warned++;
    if (warned <= 30) console.warn('outage: ' + msg);
    else if (warned === 31) console.warn('outage: more ignored messages; warnings paused for 10 s');
  }

  var NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
  var LANG = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,3}$/;

  // The commands: the arguments each takes, how to check them, what to
  // call. Checks here are of form and size; the app checks the values
  // (times in range, known chapters and safeguards) and says what is valid.
  var commands = {
    seek: { args: { t: function (v) { return typeof v === 'string' && v.length >= 1 && v.length <= 40 ? '' : 't must be a time: RFC 3339 or "HH:MM" PDT (a string of 1 to 40 characters)'; } },
      run: function (m) { return call('seek', m.t); } },
    play: { args: {}, run: function () { return playPause(true); } },
    pause: { args: {}, run: function () { return playPause(false); } },
    chapter: { args: { n: function (v) {
      if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 99) return '';
      if (typeof v === 'string' && NAME.test(v)) return '';
      return 'n must be a chapter number from 1 or a chapter id such as "race"';
    } }, run: function (m) { return call('chapter', m.n); } },
    safeguards: { args: { ids: function (v) {
      if (!Array.isArray(v) || v.length > 32) return 'ids must be an array of at most 32 safeguard ids';
      for (var i = 0; i < v.length; i++) {
        if (typeof v[i] !== 'string' || !NAME.test(v[i])) return 'ids must hold safeguard ids such as "apply-time-check"';
      }
      return '';
    } }, run: function (m) { return call('setSafeguards', m.ids.slice()); } },
    lang: { args: { lang: function (v) { return typeof v === 'string' && v.length <= 35 && LANG.test(v) ? '' : 'lang must be a language tag such as "en" or "id"'; } },
      run: function (m) { return call('setLang', m.lang); } },
    state: { args: {}, run: function () { return { ok: true }; } },
  };
  var commandNames = Object.keys(commands);

  function clip(s) { return String(s).slice(0, 40); }

  // validate checks a message's data. It returns {ok, cmd, msg, id} for a
  // valid command; {error, cmd, id} for a command that is malformed (its
  // sender is told); {ignore} for anything that is not a command at all.
  // It never throws.
  function validate(data) {
    try {
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        return { ignore: 'the message is not an object' };
      }
      var proto = Object.getPrototypeOf(data);
      if (proto !== Object.prototype && proto !== null) return { ignore: 'the message is not a plain object' };
      if (data.type !== 'outage:command') {
        return { ignore: typeof data.type === 'string' ? 'unknown message type "' + clip(data.type) + '"' : 'the message has no type' };
      }
      var keys = Object.keys(data);
      var cmd = typeof data.cmd === 'string' ? clip(data.cmd) : null;
      var id;
      if (Object.prototype.hasOwnProperty.call(data, 'id')) {
        var okID = (typeof data.id === 'string' && data.id.length <= 64) ||
          (typeof data.id === 'number' && Number.isFinite(data.id));
        if (!okID) return { error: 'id must be a string of at most 64 characters or a finite number', cmd: cmd };
        id = data.id;
      }
      if (typeof data.cmd !== 'string' || !Object.prototype.hasOwnProperty.call(commands, data.cmd)) {
        return { error: 'unknown cmd; valid: ' + commandNames.join(', '), cmd: cmd, id: id };
      }
      var spec = commands[data.cmd];
      for (var i = 0; i < keys.length; i++) {
        var k = keys[i];
        if (k !== 'type' && k !== 'cmd' && k !== 'id' && !Object.prototype.hasOwnProperty.call(spec.args, k)) {
          var want = Object.keys(spec.args);
          return { error: 'unknown field "' + clip(k) + '" for ' + data.cmd +
            (want.length ? ' (it takes ' + want.join(', ') + ')' : ' (it takes no arguments)'), cmd: cmd, id: id };
        }
      }
      for (var a in spec.args) {
        if (!Object.prototype.hasOwnProperty.call(data, a)) return { error: data.cmd + ' needs "' + a + '"', cmd: cmd, id: id };
        var problem = spec.args[a](data[a]);
        if (problem) return { error: problem, cmd: cmd, id: id };
      }
      return { ok: true, cmd: data.cmd, msg: data, id: id };
    } catch (e) {
      return { ignore: 'the message could not be read' };
    }
  }

  // call runs a window.outage method and returns its result, or
  // {error} when it is missing or throws.
  function call(name, arg) {
    var app = window.outage;
    if (!app || typeof app[name] !== 'function') return { error: 'the explainer is not ready' };
    try {
      var r = arguments.length > 1 ? app[name](arg) : app[name]();
      return typeof r === 'string' ? JSON.parse(r) : r;
    } catch (e) {
      return { error: String(e && e.message || e) };
    }
  }

  // playPause plays or pauses; while the frame is out of view it only
  // decides what happens on return.
  function playPause(play) {
    if (auto.paused) {
      auto.resume = play;
      return { ok: true };
    }
    return call(play ? 'play' : 'pause');
  }

  function post(msg) {
    if (!page.framed) return;
    try {
      // '*': the frame cannot know its host's origin, and these messages
      // carry nothing private (the same state the page shows).
      window.parent.postMessage(msg, '*');
    } catch (e) {
      warn('could not post ' + msg.type + ': ' + (e && e.message || e));
    }
  }

  function withID(msg, id) {
    if (id !== undefined) msg.id = id;
    return msg;
  }

  function reply(v) {
    var r = v.msg ? commands[v.cmd].run(v.msg) : null;
    if (r && r.error) {
      post(withID({ type: 'outage:error', cmd: v.cmd, error: String(r.error) }, v.id));
      return;
    }
    post(withID({ type: 'outage:state', state: call('state'), visible: page.visible, reply: v.cmd }, v.id));
  }

  var queue = [];
  function onMessage(e) {
    if (!page.framed) return; // the API is for a host page only
    if (e.source !== window.parent) {
      warn('ignored a message that did not come from the parent window');
      return;
    }
    var v = validate(e.data);
    if (v.ignore) {
      warn('ignored a message: ' + v.ignore);
      return;
    }
    if (v.error) {
      warn('ignored a malformed ' + (v.cmd ? '"' + v.cmd + '" ' : '') + 'command: ' + v.error);
      post(withID({ type: 'outage:error', cmd: v.cmd, error: v.error }, v.id));
      return;
    }
    if (!(window.outage && window.outage.ready)) {
      if (queue.length >= QUEUE_MAX) {
        post(withID({ type: 'outage:error', cmd: v.cmd, error: 'too many commands before outage:ready' }, v.id));
        return;
      }
      queue.push(v);
      return;
    }
    reply(v);
  }
  window.addEventListener('message', onMessage);

  // ---- Error screens -----------------------------------------------------

  // lastState is the app's latest state, for the link of the moment when
  // the program ends without saying where it was.
  var lastState = null;

  // showError puts up the error screen, once (the first error wins):
  //   reason   'no-wasm', 'no-webgl', 'cors', 'network', 'http', 'start'
  //            (the loader's), 'crash' (a panic: web/app.js's outage:crash)
  //            or 'exit' (the program ended)
  //   title    a string key: 'cannotStart' (default) or 'stopped'
  //   message  the sentence for the reader
  //   fix      what the host must change, or ''
  //   reload   whether a Reload button helps
  //   link     the share link of the moment, or ''
  // Embedded, the host gets {type: 'outage:error', fatal: true, reason,
  // error: message, fix, url: link}.
  function showError(o) {
    if (page.error) return false;
    page.error = o;
    var loader = $('loader');
    if (loader) loader.hidden = true;
    openLink.hidden = true;
    var title = $('error-title');
    title.setAttribute('data-text', o.title || 'cannotStart');
    title.textContent = page.t(o.title || 'cannotStart');
    $('error-text').textContent = o.message || '';
    $('error-fix').textContent = o.fix || '';
    $('error-fix').hidden = !o.fix;
    $('error-actions').hidden = !o.reload;
    $('error-link').href = o.link || '';
    $('error-moment').hidden = !o.link;
    $('error').hidden = false;
    var c = canvas();
    if (c) {
      // The canvas keeps its last picture under the screen; take it out of
      // the tab order and the accessibility tree.
      c.setAttribute('aria-hidden', 'true');
      c.tabIndex = -1;
    }
    post({ type: 'outage:error', fatal: true, reason: o.reason || 'start', error: o.message || '',
      fix: o.fix || '', url: o.link || '' });
    if (o.reload) focus($('error-reload'));
    return true;
  }

  $('error-reload').addEventListener('click', function () { location.reload(); });

  // A panic in the app (cmd/outage's guard, game/bridge.Crash).
  window.addEventListener('outage:crash', function (e) {
    var d = e.detail || {};
    var link = typeof d.url === 'string' && /^https?:/.test(d.url) ? d.url : (lastState ? fullURL(lastState) : '');
    var detail = [d.where, d.error].filter(function (x) { return typeof x === 'string' && x; }).join(': ');
    showError({ reason: 'crash', title: 'stopped', reload: true, link: link,
      message: page.t('crashed') + (detail ? ' (' + detail.slice(0, 200) + ')' : '') });
  });

  // momentURL is the share link of the app's latest known moment ('' if
  // it never reported one), for web/app.js when the program ends.
  page.momentURL = function () {
    var s = call('state');
    if (s && !s.error) lastState = s;
    return lastState ? fullURL(lastState) : '';
  };

  // ---- The app's events -------------------------------------------------

  window.addEventListener('outage:ready', function () {
    dressCanvas();
    var s = call('state');
    if (s && !s.error) {
      lastState = s;
      if (s.lang) applyLang(s.lang);
      applyTheme(s);
      page.embed = !!s.embed;
      setupEmbed();
      if (page.embed) openLink.href = fullURL(s);
    }
    placeLink();
    post({ type: 'outage:ready', protocol: PROTOCOL, state: s, visible: page.visible });
    // Out of view already when it started.
    if (!page.visible) {
      page.visible = true;
      updateVisibility();
    }
    var q = queue;
    queue = [];
    q.forEach(reply);
  });

  // The page's colours follow the app's theme (app.css).
  function applyTheme(s) {
    if (['dark', 'light', 'high-contrast'].indexOf(s.theme) >= 0) {
      document.documentElement.setAttribute('data-theme', s.theme);
    }
  }

  window.addEventListener('outage:state', function (e) {
    var s = e.detail;
    if (!s || typeof s !== 'object') return;
    lastState = s;
    applyTheme(s);
    if (s.lang && s.lang !== page.lang) {
      applyLang(s.lang);
      placeLinkSoon();
    }
    if (page.embed) openLink.href = fullURL(s);
    queueAnnounce(s);
    post({ type: 'outage:state', state: s, visible: page.visible });
  });

  // Until the app is ready, the canvas may appear at any time.
  if (!dressCanvas() && typeof MutationObserver === 'function') {
    var mo = new MutationObserver(function () { if (dressCanvas()) mo.disconnect(); });
    mo.observe(document.body, { childList: true });
  }
  applyLang(page.lang);
})();
