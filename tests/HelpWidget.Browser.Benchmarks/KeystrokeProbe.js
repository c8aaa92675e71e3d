// Installed in the page by the benchmark. It takes each keystroke's time from the key event itself
// (event.timeStamp, on the same clock as performance.now()) and stops the clock at the first change of the
// panel after which its results are the ones expected for the text typed so far.
(panelSelector) => {
  const panel = document.querySelector(panelSelector);
  const input = panel.querySelector('input[type=search]');
  const prefix = panel.id + '-hit-';
  const normalise = text => text.replace(/\s+/g, ' ').trim();

  // What the results show: each hit's id and text, or "none" and the query in the no-results message.
  const rendered = () => {
    const hits = [...panel.querySelectorAll('ul.hw-list .hw-hit-text')];
    if (hits.length > 0) {
      return hits.map(hit => hit.id.slice(prefix.length) + '\u241f' + normalise(hit.textContent)).join('\u241e');
    }
    const message = [...panel.querySelectorAll('.hw-message')].map(m => normalise(m.textContent)).join(' ');
    return message.length > 0 ? 'none\u241f' + message : '';
  };

  let armed = null;
  document.addEventListener('keydown', event => {
    if (armed !== null && armed.start === null) {
      armed.start = event.timeStamp;
    }
  }, true);

  const check = () => {
    if (armed === null || armed.start === null || input.value !== armed.text) {
      return;
    }
    const now = rendered();
    const matches = armed.expected.startsWith('none\u241f')
      ? now.startsWith('none\u241f') && now.includes('\u201c' + armed.expected.slice(5) + '\u201d')
      : now === armed.expected;
    if (matches) {
      const done = armed;
      armed = null;
      done.resolve(performance.now() - done.start);
    }
  };
  new MutationObserver(check).observe(panel, { subtree: true, childList: true, characterData: true, attributes: true });

  let pending = Promise.resolve(-1);
  return {
    // Called before the key is pressed: the text it makes and what the results must then show.
    arm(text, expected, timeoutMs) {
      let resolve;
      const result = new Promise(r => { resolve = r; });
      const timer = setTimeout(() => {
        if (armed !== null && armed.resolve === resolve) {
          armed = null;
          resolve(-1);
        }
      }, timeoutMs);
      armed = { text, expected, start: null, resolve };
      pending = result.then(ms => { clearTimeout(timer); return ms; });
    },
    // The last armed keystroke's time in milliseconds, once the results show it; -1 after the time-out.
    result: () => pending,
  };
}
