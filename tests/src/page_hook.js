// The browser tests' hook, loaded by the instrumented index.html before the app starts (see
// tests/src/page_hooks.rs). It reports what Chromium would log as a console error, on every
// engine: console.error calls, uncaught exceptions, unhandled rejections, CSP violations and
// elements that failed to load. Each report is a synchronous POST to the harness, so a test that
// reads the errors right after an action sees all of them, even from a page that navigated away.
(() => {
  const describe = (value) => {
    if (value instanceof Error) {
      return value.stack && value.stack.includes(value.message) ? value.stack : `${value.name}: ${value.message}`;
    }
    if (typeof value === 'string') {
      return value;
    }
    try {
      return JSON.stringify(value);
    } catch (_) {
      return String(value);
    }
  };
  const report = (kind, message) => {
    try {
      const request = new XMLHttpRequest();
      request.open('POST', '/_harness/report', false);
      request.setRequestHeader('content-type', 'application/json');
      request.send(JSON.stringify({ page: location.href, kind, message }));
    } catch (_) {
      // The page is unloading or the harness is gone: nothing left to tell.
    }
  };
  const consoleError = console.error;
  console.error = function (...args) {
    report('console.error', args.map(describe).join(' '));
    return consoleError.apply(this, args);
  };
  // WebKit fires `error` on an <img> whose load the page's own leaving cancels (a reload, a
  // navigation); no visitor sees a broken image then, and Chromium and Firefox report nothing.
  // The app never cancels a navigation, so `beforeunload` means the page is going; a page
  // restored from the back-forward cache reports again.
  let leaving = false;
  window.addEventListener('beforeunload', () => { leaving = true; });
  window.addEventListener('pageshow', () => { leaving = false; });
  window.addEventListener('error', (event) => {
    const target = event.target;
    if (target && target !== window && target.tagName) {
      if (leaving) {
        return;
      }
      report('failed to load', `<${target.tagName.toLowerCase()}> ${target.currentSrc || target.src || target.href || ''}`);
    } else {
      const where = event.filename ? ` (${event.filename}:${event.lineno}:${event.colno})` : '';
      report('uncaught', `${event.error ? describe(event.error) : event.message}${where}`);
    }
  }, true);
  window.addEventListener('unhandledrejection', (event) => {
    report('unhandled rejection', describe(event.reason));
  });
  document.addEventListener('securitypolicyviolation', (event) => {
    report('CSP', `${event.violatedDirective} refused ${event.blockedURI || 'inline code'}`);
  });
})();
