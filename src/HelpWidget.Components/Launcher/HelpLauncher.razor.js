// Opens the help panel from the keyboard, and tells the widget the user's time zone (sent with a ticket). The shortcut is ignored while the user types in a field,
// so "?" still types a question mark there.
const editable = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

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

export function init(dotNetRef, shortcut) {
  const onKeyDown = event => {
    if (event.defaultPrevented || event.repeat || !matches(event, shortcut)) {
      return;
    }
    if (event.target instanceof Element && event.target.closest(editable)) {
      return;
    }
    event.preventDefault();
    dotNetRef.invokeMethodAsync('OpenAsync');
  };
  document.addEventListener('keydown', onKeyDown);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (timeZone) {
    dotNetRef.invokeMethodAsync('ReportTimeZone', timeZone);
  }
  return { dispose: () => document.removeEventListener('keydown', onKeyDown) };
}
