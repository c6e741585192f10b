// Builds elements from data with textContent only: nothing the server sends is ever parsed as HTML.

/** el('button', {class: 'x', onclick: f}, 'text', child, ...) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export function button(text, { variant = 'secondary', id, className = '', onclick, label, disabled } = {}) {
  return el('button', { type: 'button', class: `pf-v5-c-button pf-m-${variant} ${className}`.trim(), id, onclick,
    'aria-label': label, disabled }, text);
}

/** A PatternFly label (colour: green, orange, red, blue, grey). */
export function label(text, color, attributes = {}) {
  const colorClass = color && color !== 'grey' ? ` pf-m-${color}` : '';
  return el('span', { class: `pf-v5-c-label${colorClass}`, ...attributes }, el('span', { class: 'pf-v5-c-label__content' }, text));
}

/** An inline PatternFly alert: variant danger, warning, success, info. */
export function alert(variant, title, description, attributes = {}) {
  return el('div', { class: `pf-v5-c-alert pf-m-inline pf-m-${variant}`, role: variant === 'danger' ? 'alert' : 'status', ...attributes },
    el('p', { class: 'pf-v5-c-alert__title' }, el('span', { class: 'pf-v5-screen-reader' }, `${variant}: `), title),
    description ? el('div', { class: 'pf-v5-c-alert__description' }, el('p', {}, description)) : null);
}

/** A table with a header row; rows are arrays of [label, cell content] for the grid layout on small screens. */
export function table(id, caption, headers, rows) {
  return el('table', { class: 'pf-v5-c-table pf-m-grid-lg', role: 'grid', id, 'aria-label': caption },
    el('thead', { class: 'pf-v5-c-table__thead' },
      el('tr', { class: 'pf-v5-c-table__tr' }, headers.map(h => el('th', { class: 'pf-v5-c-table__th pf-m-wrap', scope: 'col' }, h)))),
    el('tbody', { class: 'pf-v5-c-table__tbody' }, rows));
}

export function row(attributes, cells) {
  return el('tr', { class: 'pf-v5-c-table__tr', ...attributes },
    cells.map(([heading, content]) => el('td', { class: 'pf-v5-c-table__td', 'data-label': heading }, content)));
}

/**
 * A modal dialog; resolves when closed. Focus moves into it and back, Escape closes it.
 * build(close) returns {body, footer}.
 */
export function dialog(id, title, build) {
  const root = document.getElementById('org-mfa-dialog-root');
  const opener = document.activeElement;
  return new Promise(resolve => {
    const close = value => {
      root.replaceChildren();
      document.removeEventListener('keydown', onKey);
      opener?.focus?.();
      resolve(value);
    };
    const onKey = e => { if (e.key === 'Escape') close(null); };
    const { body, footer } = build(close);
    const titleId = `${id}-title`;
    const box = el('div', { class: 'pf-v5-c-modal-box pf-m-md', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId, id },
      el('header', { class: 'pf-v5-c-modal-box__header' }, el('h1', { class: 'pf-v5-c-modal-box__title', id: titleId }, title)),
      el('div', { class: 'pf-v5-c-modal-box__body' }, body),
      el('footer', { class: 'pf-v5-c-modal-box__footer' }, footer));
    root.replaceChildren(el('div', { class: 'pf-v5-c-backdrop' }, el('div', { class: 'pf-v5-l-bullseye' }, box)));
    document.addEventListener('keydown', onKey);
    (box.querySelector('input, select, button') || box).focus();
  });
}

/** YYYY-MM-DD of an epoch-milliseconds instant, in UTC (deadlines are UTC dates). */
export function utcDate(epochMillis) {
  return new Date(epochMillis).toISOString().slice(0, 10);
}
