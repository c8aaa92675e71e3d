// Installed in the host page by the embed benchmark (through Playwright's evaluate, so the page's strict
// Content-Security-Policy does not apply to it). The clock starts at the click on the launcher (the event's time
// stamp, on the same clock as performance.now()) and stops in the first animation frame in which the help panel, the
// dialog in the widget's shadow root, is rendered and visible. Checking once a frame can add up to one frame (about
// 17 ms) to a figure; it never takes any away.
() => {
  const findDialog = root => {
    const dialog = root.querySelector('[role="dialog"]');
    if (dialog !== null) {
      return dialog;
    }
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) {
        const inner = findDialog(element.shadowRoot);
        if (inner !== null) {
          return inner;
        }
      }
    }
    return null;
  };
  const visible = element => element.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    && element.getBoundingClientRect().height > 0;

  let start = null;
  let resolve;
  const result = new Promise(r => { resolve = r; });
  const frame = () => {
    const dialog = findDialog(document);
    if (dialog !== null && visible(dialog)) {
      resolve(performance.now() - start);
    } else {
      requestAnimationFrame(frame);
    }
  };
  window.addEventListener('click', event => {
    if (start === null) {
      start = event.timeStamp;
      requestAnimationFrame(frame);
    }
  }, true);

  return {
    // Milliseconds from the click to the visible panel, once it shows.
    result: () => result,
  };
}
