// Drives the explainer in the iframe #explainer (see the README).
const frame = document.getElementById('explainer');

// Commands go to the frame with the target origin '*': a sandboxed frame's
// origin is opaque. Commands sent before outage:ready wait for it.
function send(cmd, args = {}) {
  frame.contentWindow.postMessage({ type: 'outage:command', cmd, ...args }, '*');
}

window.addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow) return; // only the explainer (origin "null")
  const m = e.data;
  if (m.type === 'outage:ready' || m.type === 'outage:state') {
    const s = m.state;
    document.getElementById('caption').textContent =
      `Chapter ${s.chapter} of ${s.chapters} (${s.verdict.kind}): ${s.caption}`;
  } else if (m.type === 'outage:error') {
    console.warn('explainer refused', m.cmd, m.error);
  }
});

document.getElementById('race').addEventListener('click', () => {
  send('safeguards', { ids: [] });
  send('chapter', { n: 'race' });
  send('play');
});

document.getElementById('fix').addEventListener('click', () => {
  send('safeguards', { ids: ['apply-time-check'] });
  send('seek', { t: '23:45' });
  send('play');
});
