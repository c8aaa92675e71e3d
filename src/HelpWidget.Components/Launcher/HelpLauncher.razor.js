// The panel's shortcut (ignored while typing in a field), the user's time zone (sent with a ticket), the panel's styles.
const editable = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';
const panelStyles = new URL('../helpwidget-panel.css', import.meta.url).href;
const loads = new WeakMap();

function matches(event, shortcut) {
  const parts = shortcut.split('+');
  const key = parts.pop();
  const wants = new Set(parts.map(part => part.toLowerCase()));
  return event.key.toLowerCase() === key.toLowerCase()
    && event.altKey === wants.has('alt')
    && event.ctrlKey === wants.has('ctrl')
    && event.metaKey === wants.has('meta')
    && (key.length > 1 || !wants.has('shift') || event.shiftKey);
}

export function loadPanelStyles(element) {
  const root = element.closest('.hw-root') ?? element.parentElement;
  const known = loads.get(root);
  if (known?.link.isConnected) {
    return known.loaded;
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = panelStyles;
  const loaded = new Promise(resolve => {
    link.onload = () => resolve(true);
    link.onerror = () => resolve(false);
  });
  root.append(link);
  loads.set(root, { link, loaded });
  return loaded;
}

export function init(dotNetRef, shortcut, launcher) {
  const onKeyDown = event => {
    if (event.defaultPrevented || event.repeat || !matches(event, shortcut)) {
      return;
    }
    const target = event.composedPath()[0];
    if (target instanceof Element && target.closest(editable)) {
      return;
    }
    event.preventDefault();
    dotNetRef.invokeMethodAsync('OpenAsync');
  };
  const preload = () => loadPanelStyles(launcher);
  document.addEventListener('keydown', onKeyDown);
  launcher.addEventListener('pointerenter', preload);
  launcher.addEventListener('focus', preload);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (timeZone) {
    dotNetRef.invokeMethodAsync('ReportTimeZone', timeZone);
  }
  return {
    dispose: () => {
      document.removeEventListener('keydown', onKeyDown);
      launcher.removeEventListener('pointerenter', preload);
      launcher.removeEventListener('focus', preload);
    },
  };
}
