// Loader for the explainer: checks for WebAssembly and WebGL 2, downloads
// web/outage.wasm with a real progress bar, starts it with wasm_exec.js, and
// hides the loading screen once the app reports its first frame
// (window.outage.ready). State and timings are in window.outageLoader.
// The error screen offers the plain transcript (its link's language is
// set by web/page.js).
//
// Progress is counted in decoded bytes. When the server sends a compressed
// copy, Content-Length is the compressed size, so the decoded total comes
// from the manifest written at build time (outage.wasm.json); without it,
// an uncompressed response's Content-Length is used, and otherwise the bar
// stays indeterminate.
//
// If the program stops (a crash, or the Go program ending), the page shows
// an error screen instead of a frozen canvas (web/page.js showError); a
// download refused by CORS inside a sandboxed frame is named as such.
(function () {
  'use strict';

  // The module's name: outage.wasm, or in a published folder (make dist)
  // the content-hashed name its <script data-wasm> gives.
  var me = document.currentScript;
  var here = me ? me.src : location.href;
  var wasmURL = new URL((me && me.getAttribute('data-wasm')) || 'outage.wasm', here).href;
  var $ = function (id) { return document.getElementById(id); };

  var state = window.outageLoader = {
    phase: 'start', // start, download, compile, run, ready, error
    loaded: 0,      // decoded bytes received
    total: 0,       // decoded size, 0 if unknown
    wire: 0,        // compressed size from the manifest, 0 if unknown
    encoding: '',   // Content-Encoding of the .wasm response
    error: '',
    timings: {},    // ms since navigation start: fetch, downloaded, compiled, ready
  };

  function mark(name) {
    state.timings[name] = Math.round(performance.now());
    if (performance.mark) performance.mark('outage-' + name);
  }

  // fail shows the error screen (web/page.js) with o: {reason, message,
  // fix, reload, link, title}; err, if given, goes to the console.
  function fail(o, err) {
    if (state.phase === 'error') return;
    state.phase = 'error';
    state.error = o.message;
    state.reason = o.reason;
    var p = window.outagePage;
    if (p && p.showError) {
      p.showError(o);
    } else {
      $('loader').hidden = true;
      $('error-text').textContent = o.message;
      $('error').hidden = false;
    }
    if (err) console.error('outage:', err);
  }

  // A crash inside the app: web/page.js shows it; the loader only notes it.
  window.addEventListener('outage:crash', function (e) {
    var d = e.detail || {};
    state.phase = 'error';
    state.reason = 'crash';
    state.error = String(d.message || 'crash');
  });

  // text is the page's text for key in the reader's language (web/page.js),
  // or the English fallback.
  function text(key, fallback) {
    var p = window.outagePage;
    return (p && p.t && p.t(key)) || fallback;
  }

  // English fallbacks of the loading screen's strings (web/page.js has
  // them in every language).
  var loading = { starting: 'Starting…', downloadingOf: 'Downloading {a} of {b} MB',
    downloading: 'Downloading {a} MB', decimal: '.' };
  function say(key, a, b) {
    return text(key, loading[key]).replace('{a}', a).replace('{b}', b);
  }

  function mb(n) { return (n / 1e6).toFixed(1).replace('.', say('decimal')); }

  function showProgress() {
    var bar = $('progress'), text = $('progress-text');
    if (state.phase === 'compile' || state.phase === 'run') {
      bar.value = 1;
      text.textContent = say('starting');
      return;
    }
    if (state.total > 0) {
      var f = Math.min(state.loaded / state.total, 1);
      bar.value = f;
      // What travels: a compressed response's size when the manifest
      // gives it, not the decoded bytes counted.
      var wire = state.wire > 0 ? state.wire : state.total;
      text.textContent = say('downloadingOf', mb(f * wire), mb(wire));
    } else {
      bar.removeAttribute('value'); // indeterminate
      text.textContent = say('downloading', mb(state.loaded));
    }
  }

  function hasWebGL2() {
    try {
      var gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return false;
      var lose = gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();
      return true;
    } catch (e) {
      return false;
    }
  }

  // count reads a copy of the response body to count the decoded bytes.
  async function count(res, manifest) {
    var enc = res.headers.get('Content-Encoding');
    state.encoding = enc || 'identity';
    var len = Number(res.headers.get('Content-Length')) || 0;
    if (!enc && len > 0) state.total = len;
    manifest.then(function (m) {
      if (m && m.bytes > 0) state.total = m.bytes;
      if (m && enc === 'br' && m.br > 0) state.wire = m.br;
      else if (m && enc === 'gzip' && m.gzip > 0) state.wire = m.gzip;
    });
    if (!res.body || !res.body.getReader) return;
    var reader = res.body.getReader();
    for (;;) {
      var r = await reader.read();
      if (r.done) break;
      state.loaded += r.value.byteLength;
      if (state.total && state.loaded > state.total) state.total = 0; // stale manifest
      showProgress();
    }
    mark('downloaded');
  }

  // FetchError is a failed download of the .wasm, with its reason: 'cors'
  // (the file is there, but the frame's opaque origin may not read it),
  // 'network' or 'http'.
  function FetchError(reason, detail) {
    this.name = 'FetchError';
    this.reason = reason;
    this.message = detail;
  }

  // diagnose tells why fetch(wasmURL) was rejected. A sandboxed frame
  // (origin "null") makes it a CORS request; if a no-cors request for the
  // same file succeeds, the file is there and the host only has to allow
  // cross-origin reads.
  async function diagnose(e) {
    var opaque = self.origin === 'null' || location.origin === 'null';
    if (opaque) {
      try {
        await fetch(wasmURL, { method: 'HEAD', mode: 'no-cors', cache: 'no-store' });
        return new FetchError('cors', String(e && e.message || e));
      } catch (e2) {
        // Not reachable at all: a network failure.
      }
    }
    return new FetchError('network', String(e && e.message || e));
  }

  async function instantiate(go) {
    var manifest = fetch(wasmURL + '.json', { cache: 'no-cache' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
    mark('fetch');
    state.phase = 'download';
    showProgress();
    var res;
    try {
      res = await fetch(wasmURL);
    } catch (e) {
      throw await diagnose(e);
    }
    if (!res.ok) throw new FetchError('http', 'HTTP ' + res.status + ' for ' + wasmURL);
    var counting = count(res.clone(), manifest);
    var result;
    if (WebAssembly.instantiateStreaming) {
      try {
        // The original response keeps its URL, so the browser can cache the
        // compiled code; the clone above only counts bytes.
        result = await WebAssembly.instantiateStreaming(res, go.importObject);
      } catch (e) {
        // A TypeError means the server sent the wrong media type; compile
        // from a buffer instead (the bytes come from the HTTP cache).
        if (!(e instanceof TypeError)) throw e;
        var again = await fetch(wasmURL);
        result = await WebAssembly.instantiate(await again.arrayBuffer(), go.importObject);
      }
    } else {
      result = await WebAssembly.instantiate(await res.arrayBuffer(), go.importObject);
    }
    await counting;
    return result.instance;
  }

  function waitForFirstFrame() {
    var started = performance.now();
    function check() {
      if (state.phase === 'error') return;
      var app = window.outage;
      var canvas = document.querySelector('body > canvas');
      // Fallback for a build that never reports ready: show its canvas.
      var late = canvas && performance.now() - started > 10000;
      if ((app && app.ready === true) || late) {
        state.phase = 'ready';
        mark('ready');
        var loader = $('loader');
        loader.classList.add('fading');
        setTimeout(function () { loader.hidden = true; }, 300);
        return;
      }
      requestAnimationFrame(check);
    }
    requestAnimationFrame(check);
  }

  // sentence is the page's text for key with {error} and {file} filled in.
  function sentence(key, fallback, error) {
    return text(key, fallback).replace('{error}', error).replace('{file}', wasmURL.split('/').pop());
  }

  // loadError turns a failure to download or compile the module into what
  // the error screen says.
  function loadError(e) {
    var msg = String(e && e.message || e);
    if (e && e.reason === 'cors') {
      return { reason: 'cors', message: sentence('cors', 'The explainer could not download its program: it runs here ' +
        'in a sandboxed frame, and the site that hosts it does not let such frames fetch its files.', msg),
        fix: sentence('corsFix', 'The host must send the header “Access-Control-Allow-Origin: *” with {file}.', msg) };
    }
    if (e && e.reason === 'network') {
      return { reason: 'network', reload: true, message: sentence('network',
        'The explainer could not download its program ({error}). Check the connection and reload.', msg) };
    }
    if (e && e.reason === 'http') {
      return { reason: 'http', reload: true, message: sentence('httpError',
        'The explainer could not download its program (the server answered {error}).', msg) };
    }
    return { reason: 'start', reload: true, message: sentence('startError', 'The explainer could not start ({error}).', msg) };
  }

  // stopped is the screen for a program that ended: after a crash the page
  // shows that instead (web/page.js keeps the first error).
  function stopped(err) {
    var p = window.outagePage;
    var link = p && p.momentURL ? p.momentURL() : '';
    var msg = text('exited', 'The explainer’s program ended unexpectedly.');
    if (err) msg += ' (' + String(err && err.message || err).slice(0, 200) + ')';
    fail({ reason: 'exit', title: 'stopped', reload: true, link: link, message: msg }, err);
  }

  async function main() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      fail({ reason: 'no-wasm', message: text('noWasm', 'Your browser does not support WebAssembly, which the explainer needs. ' +
        'Try a current version of Firefox, Chrome, Edge or Safari.') });
      return;
    }
    if (typeof Go !== 'function') {
      fail({ reason: 'start', reload: true, message: 'A file of the page (wasm_exec.js) did not load. Reload the page to try again.' });
      return;
    }
    if (!hasWebGL2()) {
      fail({ reason: 'no-webgl', message: text('noWebGL', 'Your browser has WebGL 2 turned off or unavailable, and the explainer draws with it. ' +
        'Turn on hardware acceleration in the browser settings, or try another browser.') });
      return;
    }
    var go = new Go();
    var instance;
    try {
      instance = await instantiate(go);
    } catch (e) {
      fail(loadError(e), e);
      return;
    }
    mark('compiled');
    state.phase = 'compile';
    showProgress();
    state.phase = 'run';
    waitForFirstFrame();
    // The promise settles when the Go program ends: after a crash
    // (cmd/outage exits once the page shows it), a panic nothing recovered,
    // or an exit. Any of them leaves the canvas frozen, so the page says so.
    go.run(instance).then(function () {
      stopped(null);
    }, function (e) {
      stopped(e);
    });
  }

  main();
})();
