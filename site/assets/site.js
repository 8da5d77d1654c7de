/*
 * The site's one script: a classic script, not a module, because Chromium refuses ES modules
 * (and fetch) on pages opened from disk. Everything here is an extra: every page reads and
 * navigates the same without it.
 */
(() => {
  document.documentElement.classList.add('js');

  /** Copies text, with the older API as a fallback where the clipboard API is refused. */
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(() => copyWithSelection(text));
    }
    return Promise.resolve(copyWithSelection(text));
  }

  function copyWithSelection(text) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
      document.execCommand('copy');
    } catch {
      // Nothing more to try: the reader can still select the text by hand.
    }
    area.remove();
  }

  function addCopyButton(figure) {
    const code = figure.querySelector('pre code');
    if (!code) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = 'Copy';
    button.addEventListener('click', () => {
      copy(code.textContent || '').then(() => {
        button.textContent = 'Copied';
        setTimeout(() => {
          button.textContent = 'Copy';
        }, 1500);
      });
    });
    figure.appendChild(button);
  }

  /** On narrow screens the lesson list folds behind a button (see site.css). */
  function setUpMenu() {
    const sidebar = document.getElementById('sidebar');
    const button = sidebar?.querySelector('.menu');
    if (!sidebar || !button) return;
    button.hidden = false;
    button.addEventListener('click', () => {
      const open = sidebar.classList.toggle('open');
      button.setAttribute('aria-expanded', String(open));
    });
  }

  /** Keeps the current lesson in view in a long sidebar. */
  function revealCurrent() {
    const current = document.querySelector('.sidebar .lesson.current');
    if (current && window.matchMedia('(min-width: 900px)').matches) {
      current.scrollIntoView({ block: 'nearest' });
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    for (const figure of document.querySelectorAll('figure.code')) addCopyButton(figure);
    setUpMenu();
    revealCurrent();
  });
})();
