// HelpWidget's one tag: a placeholder Help button in a shadow root until the user asks for help (a click, "?", a
// #help=<article> link, a data-helpwidget-article button or HelpWidget.open()); then the widget's own components start
// in a Blazor Server circuit on the help server. The button and "?" follow the help server's roll-out; the links and
// HelpWidget.open() work for everyone. Adds one global, HelpWidget; sets no cookie and keeps nothing in storage.
(() => {
  'use strict';
  if (window.HelpWidget) {
    return;
  }
  const tag = document.currentScript;
  const server = new URL(tag.src).origin;
  const data = tag.dataset;
  const text = {
    en: ['Help', 'Help is unavailable right now.', 'Help is not available on this page.', 'Help lost its connection. Trying again…', 'Reach support directly', 'E-mail', 'Phone', 'Support site'],
    sv: ['Hjälp', 'Hjälpen är inte tillgänglig just nu.', 'Hjälpen är inte tillgänglig på den här sidan.', 'Hjälpen tappade anslutningen. Försöker igen …', 'Kontakta supporten direkt', 'E-post', 'Telefon', 'Supportwebbplats'],
    nb: ['Hjelp', 'Hjelpen er ikke tilgjengelig akkurat nå.', 'Hjelpen er ikke tilgjengelig på denne siden.', 'Hjelpen mistet forbindelsen. Prøver igjen …', 'Kontakt brukerstøtte direkte', 'E-post', 'Telefon', 'Nettsted for brukerstøtte'],
    da: ['Hjælp', 'Hjælpen er ikke tilgængelig lige nu.', 'Hjælpen er ikke tilgængelig på denne side.', 'Hjælpen mistede forbindelsen. Prøver igen …', 'Kontakt support direkte', 'E-mail', 'Telefon', 'Supportwebsted'],
    fi: ['Ohje', 'Ohje ei ole juuri nyt käytettävissä.', 'Ohje ei ole käytettävissä tällä sivulla.', 'Ohjeen yhteys katkesi. Yritetään uudelleen …', 'Ota yhteyttä tukeen suoraan', 'Sähköposti', 'Puhelin', 'Tukisivusto'],
  };
  const aliases = { no: 'nb', nn: 'nb' };
  const primary = (data.language || document.documentElement.lang || 'en').toLowerCase().split(/[-_]/)[0];
  const language = text[aliases[primary] || primary] ? (aliases[primary] || primary) : 'en';
  const [labelText, unavailableText, notHereText, offlineText, channelsText, emailText, phoneText, webText] = text[language];
  const editable = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';
  const limit = value => typeof value === 'string' && value.trim() && value.length <= 200 && !/[\u0000-\u001f\u007f]/.test(value) ? value.trim() : null;

  let host;
  let root;
  let button;
  let note;
  let component;
  let loading;
  let tokenProvider = null;
  // The page's routes count from its <base> when it has one, else from the origin's root (a page without one has its own
  // address as its base, which would make /expenses/new the route "/new").
  const pageBase = document.querySelector('base[href]') ? document.baseURI : location.origin + '/';
  const request = { server, pageBase, topic: limit(data.topic), article: null, search: null, open: true, position: data.position === 'start' ? 'start' : 'end', request: 0 };

  function el(name, attributes, children) {
    const element = document.createElement(name);
    for (const [key, value] of Object.entries(attributes || {})) {
      element.setAttribute(key, value);
    }
    element.append(...(children || []));
    return element;
  }

  function render() {
    const placement = document.querySelector('[data-helpwidget-launcher]');
    host = placement || document.body.appendChild(el('div', { 'data-helpwidget': '' }));
    const shadow = host.attachShadow({ mode: 'open' });
    const sheet = el('link', { rel: 'stylesheet', href: server + '/helpwidget/embed.css' });
    button = el('button', { type: 'button', class: 'hw-launcher', 'aria-expanded': 'false' }, [
      el('span', { class: 'hw-launcher-icon', 'aria-hidden': 'true' }, ['?']),
      el('span', {}, [labelText]),
    ]);
    note = el('div', { class: 'hw-embed-note', role: 'status' });
    root = el('div', { class: 'hw-root hw-embed' + (placement ? ' hw-placed' : ''), lang: language, 'data-hw-theme': 'page', 'data-hw-position': request.position, hidden: '' }, [note]);
    // Shown once its styles are in: an unstyled button would jump into the page's flow first.
    sheet.addEventListener('load', () => root.removeAttribute('hidden'));
    shadow.append(sheet, root);
    button.addEventListener('click', () => open({}));
    document.addEventListener('click', onPageClick);
    place();
    const link = /[#&?]help=([^&#]+)/.exec(location.hash) || /[?&]help=([^&#]+)/.exec(location.search);
    if (link) {
      open({ article: decodeURIComponent(link[1]) });
    }
  }

  // The button and "?" are for those the help server's roll-out shows the Help button to on this route; asked again when
  // the page sets a token provider. A server that cannot be asked leaves the button in place: a click says why.
  async function place() {
    const base = new URL('.', pageBase).pathname;
    const route = location.pathname.startsWith(base) ? location.pathname.slice(base.length - 1) : location.pathname;
    const bearer = tokenProvider || data.tokenUrl ? await token() : '';
    // Any answer but {"launcher":false} (an error, no JSON, no answer) keeps the button.
    const shown = await fetch(server + '/helpwidget/embed/launcher?route=' + encodeURIComponent(route), { headers: bearer ? { Authorization: 'Bearer ' + bearer } : {}, credentials: 'omit', cache: 'no-store' })
      .then(answer => answer.json())
      .then(answer => answer.launcher !== false, () => true);
    if (shown && !component) {
      root.prepend(button);
      document.addEventListener('keydown', onKeyDown);
    }
  }

  function onKeyDown(event) {
    if (event.defaultPrevented || event.repeat || event.key !== '?' || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (event.composedPath().some(node => node instanceof Element && node.matches(editable))) {
      return;
    }
    event.preventDefault();
    open({});
  }

  function onPageClick(event) {
    const target = event.target instanceof Element && event.target.closest('[data-helpwidget-article]');
    if (target) {
      event.preventDefault();
      open({ article: target.getAttribute('data-helpwidget-article') });
    }
  }

  function show(message, channels) {
    const items = [];
    if (channels) {
      const email = limit(data.contactEmail);
      const phone = limit(data.contactPhone);
      const url = limit(data.contactUrl);
      if (email) {
        items.push(el('li', {}, [emailText + ': ', el('a', { href: 'mailto:' + email }, [email])]));
      }
      if (phone) {
        items.push(el('li', {}, [phoneText + ': ', el('a', { href: 'tel:' + phone.replace(/[^+\d]/g, '') }, [phone])]));
      }
      if (url && /^https?:\/\//i.test(url)) {
        items.push(el('li', {}, [el('a', { href: url, target: '_blank', rel: 'noopener' }, [webText])]));
      }
    }
    note.replaceChildren(...(message ? [el('p', {}, [message])] : []), ...(items.length ? [el('p', {}, [channelsText]), el('ul', {}, items)] : []));
    note.classList.toggle('hw-embed-note-shown', Boolean(message));
  }

  async function token() {
    try {
      if (tokenProvider) {
        return (await tokenProvider()) || '';
      }
      if (data.tokenUrl) {
        const answer = await fetch(new URL(data.tokenUrl, location.href), { credentials: 'same-origin', cache: 'no-store' });
        return answer.ok ? (await answer.text()).trim() : '';
      }
    } catch (error) {
      console.warn('HelpWidget: no sign-in token (' + error + '); help is shown as to a guest.');
    }
    return '';
  }

  // Is the help server there, and does it let this page in? A CORS read answers both, but only together: a no-cors
  // request then tells an unreachable server from one that does not list this page's origin.
  async function reachable() {
    const status = server + '/helpwidget/embed/status';
    try {
      return (await fetch(status, { credentials: 'omit', cache: 'no-store' })).ok ? 'ok' : 'down';
    } catch {
      try {
        await fetch(status, { mode: 'no-cors', credentials: 'omit', cache: 'no-store' });
        return 'refused';
      } catch {
        return 'down';
      }
    }
  }

  function load() {
    const script = el('script', { src: server + '/_framework/blazor.server.js', autostart: 'false' });
    const started = new Promise((resolve, reject) => {
      script.addEventListener('load', resolve);
      script.addEventListener('error', reject);
    });
    const ready = new Promise(resolve => { api._ready = resolve; });
    document.head.append(script);
    return started.then(() => {
      // Blazor finds an element a component refers to (to focus it, to pass it to a script) with
      // document.querySelector, which does not look inside a shadow root: look there for the ones it cannot find.
      const shadow = root.getRootNode();
      let captured = null;
      window.DotNet.attachReviver((key, value) => {
        if (key === '__internalId' && typeof value === 'string') {
          captured = value;
          return value;
        }
        const id = captured;
        captured = null;
        return value === null && id && /^[\w-]+$/.test(id) ? shadow.querySelector('[_bl_' + id + ']') : value;
      });
      // Blazor listens on the document, which change, submit and reset events from inside a shadow root never reach:
      // they are sent on as copies that do. Blazor reads a field's value from event.target, which outside the shadow
      // root is its host element, so the target is the field itself.
      const copies = new WeakSet();
      const forward = event => {
        const target = event.composedPath()[0];
        if (event.type !== 'input' && !copies.has(event)) {
          event.stopImmediatePropagation();
          event.preventDefault();
          const copy = new Event(event.type, { bubbles: true, cancelable: true, composed: true });
          copies.add(copy);
          Object.defineProperty(copy, 'target', { value: target, configurable: true });
          target.dispatchEvent(copy);
          return;
        }
        Object.defineProperty(event, 'target', { value: target, configurable: true });
      };
      for (const type of ['input', 'change', 'submit', 'reset']) {
        shadow.addEventListener(type, forward, true);
      }
      const hub = server + '/_blazor?culture=' + language + '&ui-culture=' + language;
      return sockets(hub).then(open => {
        if (!open) {
          // A page policy that names the help server's http origin in connect-src does not cover ws:// in Chromium,
          // and some proxies drop WebSockets: the circuit then runs over server-sent events or long polling.
          console.info('HelpWidget: no WebSocket to the help server from this page; using a slower transport. Add ' + server.replace(/^http/, 'ws') + ' to connect-src to allow it.');
        }
        return window.Blazor.start({
          configureSignalR: builder => builder.withUrl(hub, { withCredentials: false, accessTokenFactory: token, transport: open ? 7 : 6 }),
          // Empty lists: Blazor would otherwise fetch its library initializers from the page's own origin.
          initializers: { beforeStart: [], afterStarted: [] },
          reconnectionHandler: { onConnectionDown, onConnectionUp },
        });
      });
    }).then(() => ready);
  }

  // Can this page open a WebSocket to the help server? A refused socket (the page's policy, a proxy) fails at once but
  // is never closed, which would leave SignalR waiting; an opened one is closed again before the circuit starts.
  function sockets(hub) {
    return new Promise(resolve => {
      let socket;
      const settle = open => {
        clearTimeout(timer);
        socket?.close();
        resolve(open);
      };
      const timer = setTimeout(() => settle(false), 3000);
      try {
        socket = new WebSocket(hub.replace(/^http/, 'ws'));
        socket.onopen = () => settle(true);
        socket.onerror = () => settle(false);
      } catch {
        settle(false);
      }
    });
  }

  // Instead of Blazor's full-page dialog: a note under the button, retries with growing pauses while the help server
  // cannot be reached, and a rejoin (or a fresh circuit with the panel's state) once it answers again.
  let retry;
  function onConnectionDown() {
    show(offlineText, true);
    let delay = 1000;
    const attempt = async () => {
      let back;
      try {
        back = await window.Blazor.reconnect() || await window.Blazor.resumeCircuit();
      } catch {
        delay = Math.min(delay * 2, 30000);
        retry = setTimeout(attempt, delay);
        return;
      }
      if (!back) {
        // The help server answers but no longer knows this circuit: the page's own channels are what is left.
        show(unavailableText, true);
      }
    };
    clearTimeout(retry);
    retry = setTimeout(attempt, delay);
  }

  function onConnectionUp() {
    clearTimeout(retry);
    show(null);
  }

  async function open(options) {
    request.article = limit(options.article);
    request.search = limit(options.search);
    request.topic = options.topic !== undefined ? limit(options.topic) : request.topic;
    request.request += 1;
    if (component) {
      component.setParameters({ ...request });
      return;
    }
    if (loading) {
      return;
    }
    loading = true;
    button.setAttribute('aria-busy', 'true');
    const state = await reachable();
    if (state !== 'ok') {
      loading = false;
      button.removeAttribute('aria-busy');
      if (state === 'refused') {
        console.warn('HelpWidget: the help server ' + server + ' does not allow pages of ' + location.origin + '. Add it to HelpWidget:Api:AllowedOrigins on the help server.');
      }
      show(state === 'refused' ? notHereText : unavailableText, true);
      return;
    }
    try {
      // The components' scoped styles, inside the shadow root like everything else of the widget.
      const styles = el('link', { rel: 'stylesheet', href: server + '/_content/HelpWidget.Components/HelpWidget.Components.bundle.scp.css' });
      const styled = new Promise((resolve, reject) => {
        styles.addEventListener('load', resolve);
        styles.addEventListener('error', reject);
      });
      root.before(styles);
      await Promise.all([load(), styled]);
      const container = el('div');
      root.append(container);
      component = await window.Blazor.rootComponents.add(container, 'helpwidget-embed', { ...request });
      button.remove();
      show(null);
    } catch (error) {
      console.warn('HelpWidget: help could not start (' + error + ').');
      show(unavailableText, true);
    } finally {
      loading = false;
      button.removeAttribute('aria-busy');
    }
  }

  const api = {
    /** Opens the panel: on an article ({ article }), a search ({ search }) or where the user left it; loads it first if needed. */
    open: options => open(options || {}),
    /** Declares the page's context keys ({ topic: 'expenses' }), used for suggestions the next time the panel shows them. */
    setContext: options => {
      request.topic = limit(options && options.topic);
      if (component) {
        component.setParameters({ ...request, open: false, article: null, search: null });
      }
    },
    /** Sets an async function returning a short-lived signed token for the user; used when the panel connects and reconnects. */
    setTokenProvider: provider => {
      tokenProvider = typeof provider === 'function' ? provider : null;
      if (root) {
        place();
      }
    },
    _ready: null,
  };
  window.HelpWidget = api;
  if (document.body) {
    render();
  } else {
    document.addEventListener('DOMContentLoaded', render, { once: true });
  }
})();
