// The admins' page: organizations with their policy and summary, one organization's members with
// state and deadline, reset, policy editing, CSV export and the self-check. Every call goes to the
// org-mfa admin REST API with the signed-in admin's token; the server decides what they may see.
import { Api, ApiError } from './api.js';
import { Auth, SessionEndedError } from './auth.js';
import { alert, button, clear, dialog, el, label, row, table, utcDate } from './dom.js';
import { t } from './messages.js';

const STATES = ['enrolled', 'grace', 'overdue', 'not-required'];
const STATE_COLORS = { enrolled: 'green', grace: 'orange', overdue: 'red', 'not-required': 'grey', unknown: 'grey' };
const PAGE = 100;

const config = document.documentElement.dataset;
const auth = new Auth({ base: config.base, realm: config.realm, clientId: config.clientId });
const api = new Api({ base: config.base, realm: config.realm, auth });
const content = document.getElementById('org-mfa-content');
const alerts = document.getElementById('org-mfa-alerts');

/** What the admin may do, as far as the page can tell; the API checks every call anyway. */
const may = { reset: false, editPolicy: false };

document.title = t('title');
document.getElementById('org-mfa-title').textContent = t('title');
document.getElementById('org-mfa-heading').textContent = t('heading');
document.getElementById('org-mfa-realm').textContent = t('realm', config.realm);
document.getElementById('org-mfa-loading').textContent = t('signingIn');

start();

async function start() {
  let claims;
  try {
    claims = await auth.signIn();
  } catch (e) {
    showSignedOut(t('signInFailed'));
    return;
  }
  const roles = auth.adminRoles();
  // Hints only: a view-only admin is not offered writes the API would refuse. A 403 hides them too.
  may.reset = roles.has('manage-users') || roles.has('realm-admin');
  may.editPolicy = roles.has('manage-realm') || roles.has('manage-organizations') || roles.has('realm-admin');
  document.getElementById('org-mfa-user').textContent = t('signedInAs', claims.preferred_username ?? '');
  const signOut = document.getElementById('org-mfa-sign-out');
  signOut.textContent = t('signOut');
  signOut.hidden = false;
  signOut.addEventListener('click', () => auth.signOut());
  window.addEventListener('hashchange', () => route());
  route();
}

// ---- views by address ---------------------------------------------------------------------------
// Each view has its own address, so Back, reload and a link (the self-check's server log lines link
// #/diagnostics) keep the place: #/organizations, #/organizations/{id}/members?state=grace,overdue,
// #/users?state=..., #/diagnostics. Controls change the address; route() shows what it names.

/** Organizations seen in this visit, by id, so a members view names its organization without a request. */
const knownOrganizations = new Map();

function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function membersHash(source, states) {
  return states.length ? `${source.hash}?state=${states.join(',')}` : source.hash;
}

function route() {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(part => {
    try { return decodeURIComponent(part); } catch (e) { return ''; }
  });
  const states = (new URLSearchParams(query).get('state') ?? '').split(',').filter(state => STATES.includes(state));
  if (parts[0] === 'diagnostics') return showDiagnostics();
  if (parts[0] === 'users') return showMembers(realmSource(), states);
  if (parts[0] === 'organizations' && parts[1] && parts[2] === 'members') return showOrganizationMembers(parts[1], states);
  return showOrganizations();
}

/** A reloaded or linked members view: finds the organization in the listing (pages of PAGE) first. */
async function showOrganizationMembers(orgId, states) {
  let org = knownOrganizations.get(orgId);
  try {
    for (let from = 0; !org && from !== null;) {
      const page = await api.organizations({ from, max: PAGE });
      page.body.forEach(o => knownOrganizations.set(o.id, o));
      org = knownOrganizations.get(orgId);
      from = page.nextFrom;
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) showNotAllowed();
    else report(e);
    return;
  }
  if (!org) {
    await showOrganizations();
    notice('warning', t('notFound'));
    return;
  }
  await showMembers(organizationSource(org), states);
}

// ---- errors ---------------------------------------------------------------------------------------

/** Shows what went wrong; true when the page should show nothing more (not allowed, signed out). */
function report(error) {
  if (error instanceof SessionEndedError || error?.status === 401) {
    showSignedOut(t('sessionEnded'));
    return true;
  }
  if (error instanceof ApiError) {
    if (error.status === 403) notice('danger', t('forbiddenAction'));
    else if (error.status === 404) notice('warning', t('notFound'));
    else if (error.status === 400) notice('danger', t('badRequest', error.message));
    else notice('danger', t('serverError', error.status));
  } else {
    notice('danger', t('networkError'));
  }
  return false;
}

function notice(variant, title, description) {
  alerts.append(el('div', { class: 'pf-v5-c-alert-group__item' }, alert(variant, title, description)));
}

function clearNotices() {
  alerts.replaceChildren();
}

function showSignedOut(message) {
  clearNotices();
  clear(content, alert('warning', message, null, { id: 'org-mfa-signed-out' }),
    el('p', { class: 'org-mfa-gap' }, button(t('signInAgain'), { variant: 'primary', onclick: () => auth.redirectToSignIn() })));
}

function showNotAllowed() {
  clearNotices();
  clear(content, alert('danger', t('notAllowedTitle'), t('notAllowed'), { id: 'org-mfa-not-allowed' }));
}

// ---- tabs -----------------------------------------------------------------------------------------

function tabs(current) {
  const tab = (id, text, show) => el('li', { class: `pf-v5-c-tabs__item${id === current ? ' pf-m-current' : ''}` },
    el('button', { type: 'button', class: 'pf-v5-c-tabs__link', id: `org-mfa-tab-${id}`, 'aria-selected': String(id === current),
      role: 'tab', onclick: show }, el('span', { class: 'pf-v5-c-tabs__item-text' }, text)));
  return el('div', { class: 'pf-v5-c-tabs org-mfa-gap-bottom' },
    el('ul', { class: 'pf-v5-c-tabs__list', role: 'tablist' },
      tab('organizations', t('tabOrganizations'), () => go('#/organizations')),
      tab('users', t('tabUsers'), () => go(membersHash(realmSource(), ['grace', 'overdue']))),
      tab('diagnostics', t('tabDiagnostics'), () => go('#/diagnostics'))));
}

// ---- organizations --------------------------------------------------------------------------------

async function showOrganizations() {
  clearNotices();
  clear(content, el('p', { class: 'org-mfa-muted' }, t('loading')));
  let page;
  try {
    page = await api.organizations({ from: 0, max: PAGE });
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) showNotAllowed();
    else report(e);
    return;
  }
  const tbody = [];
  const listing = el('div', {});
  const render = (organizations, nextFrom) => {
    organizations.forEach(org => knownOrganizations.set(org.id, org));
    tbody.push(...organizations.map(organizationRow));
    const more = nextFrom === null ? null : button(t('moreOrganizations'), { variant: 'link', id: 'org-mfa-more-organizations',
      onclick: async () => {
        try {
          const next = await api.organizations({ from: nextFrom, max: PAGE });
          render(next.body, next.nextFrom);
        } catch (e) { report(e); }
      } });
    clear(listing, tbody.length === 0
      ? el('p', { class: 'org-mfa-muted', id: 'org-mfa-no-organizations' }, t('noOrganizations'))
      : table('org-mfa-organizations', t('organizations'), [t('colName'), t('colRequired'), t('colGrace'), t('colEnrollBy'),
        t('colSso'), t('colMembers'), t('colEnrolled'), t('colGraceCount'), t('colOverdue'), t('colActions')], tbody), more);
  };
  render(page.body, page.nextFrom);
  const toolbar = el('div', { class: 'org-mfa-toolbar' }, el('span', { class: 'org-mfa-spacer' }),
    button(t('exportCsv'), { variant: 'secondary', id: 'org-mfa-export-organizations-csv',
      onclick: () => exportCsv({ fileName: 'organizations', csv: () => api.organizationsCsv() }, []) }));
  clear(content, tabs('organizations'), toolbar, listing);
}

function organizationRow(org) {
  const policy = org.policy ?? {};
  const summary = org.summary ?? {};
  const count = key => (typeof summary[key] === 'number' ? String(summary[key]) : t('none'));
  const actions = el('div', { class: 'org-mfa-actions' },
    button(t('showMembers'), { variant: 'secondary', className: 'org-mfa-show-members', label: `${t('showMembers')}: ${org.name}`,
      onclick: () => go(organizationSource(org).hash) }),
    may.editPolicy ? button(t('editPolicy'), { variant: 'link', className: 'org-mfa-edit-policy', label: `${t('editPolicy')}: ${org.name}`,
      onclick: () => editPolicy(org) }) : null);
  return row({ dataset: { orgId: org.id, alias: org.alias } }, [
    [t('colName'), el('span', {}, el('strong', {}, org.name), el('br'), el('small', { class: 'org-mfa-muted' }, org.alias))],
    [t('colRequired'), policy.totpRequired ? label(t('required'), 'blue') : label(t('optional'), 'grey')],
    [t('colGrace'), policy.gracePeriodDays ?? t('none')],
    [t('colEnrollBy'), policy.enrollBy || t('none')],
    [t('colSso'), policy.brokeredUsers === 'exempt' ? t('ssoExempt') : t('ssoEnforce')],
    [t('colMembers'), count('members')],
    [t('colEnrolled'), count('enrolled')],
    [t('colGraceCount'), count('grace')],
    [t('colOverdue'), el('span', { class: summary.overdue > 0 ? 'org-mfa-overdue-count' : '' }, count('overdue'))],
    [t('colActions'), actions],
  ]);
}

// ---- members --------------------------------------------------------------------------------------

/** The members of one organization, as a listing the members view can show. */
function organizationSource(org) {
  return { tab: 'organizations', title: t('membersOf', org.name), dataset: { orgId: org.id }, back: true, fileName: `${org.alias}-members`,
    hash: `#/organizations/${encodeURIComponent(org.id)}/members`,
    page: query => api.members(org.id, query), csv: query => api.membersCsv(org.id, query) };
}

/** Every user of the realm the admin may view (the realm-wide option, or many organizations). */
function realmSource() {
  return { tab: 'users', title: t('usersTitle'), dataset: {}, back: false, fileName: 'users', hash: '#/users',
    page: query => api.users(query), csv: query => api.usersCsv(query) };
}

async function showMembers(source, states = []) {
  clearNotices();
  const selected = new Set();
  const members = new Map();
  let nextFrom = '0';
  const tbody = el('tbody', { class: 'pf-v5-c-table__tbody' });
  const moreSlot = el('div', {});
  const resetSelected = button(t('resetSelected', 0), { variant: 'danger', id: 'org-mfa-reset-selected', disabled: true,
    onclick: () => confirmReset([...selected].map(id => members.get(id)), () => showMembers(source, states)) });
  const refreshSelection = () => {
    resetSelected.textContent = t('resetSelected', selected.size);
    resetSelected.disabled = selected.size === 0;
  };

  const filters = el('fieldset', { class: 'org-mfa-filters', id: 'org-mfa-filters' }, el('legend', { class: 'org-mfa-legend' }, t('filterLabel')),
    STATES.map(state => el('div', { class: 'pf-v5-c-check' },
      el('input', { class: 'pf-v5-c-check__input', type: 'checkbox', id: `org-mfa-filter-${state}`, checked: states.includes(state),
        onchange: () => go(membersHash(source, STATES.filter(s => document.getElementById(`org-mfa-filter-${s}`).checked))) }),
      el('label', { class: 'pf-v5-c-check__label', for: `org-mfa-filter-${state}` }, t(`state_${state}`)))));

  const loadPage = async () => {
    const page = await source.page({ states, from: nextFrom, max: PAGE });
    for (const member of page.body) {
      // Keep the page correct against a server without the state filter: filter here too.
      if (states.length > 0 && member.state && !states.includes(member.state)) continue;
      members.set(member.userId, member);
      tbody.append(memberRow(member, selected, refreshSelection, () => showMembers(source, states)));
    }
    nextFrom = page.nextFrom;
    clear(moreSlot, nextFrom === null ? null : button(t('moreMembers'), { variant: 'link', id: 'org-mfa-more-members',
      onclick: () => loadPage().catch(report) }));
    if (members.size === 0 && nextFrom === null) {
      tbody.append(el('tr', { class: 'pf-v5-c-table__tr' }, el('td', { class: 'pf-v5-c-table__td', colspan: '7', id: 'org-mfa-no-members' }, t('noMembers'))));
    }
  };

  const selectAll = may.reset ? el('input', { type: 'checkbox', id: 'org-mfa-select-all', 'aria-label': t('selectAll'),
    onchange: e => {
      for (const box of tbody.querySelectorAll('input.org-mfa-select')) {
        box.checked = e.target.checked;
        if (box.checked) selected.add(box.dataset.userId); else selected.delete(box.dataset.userId);
      }
      refreshSelection();
    } }) : null;
  const headers = [may.reset ? selectAll : null, t('colUsername'), t('colEmail'), t('colState'), t('colDeadline'), t('colCodes'),
    may.reset ? t('colActions') : null].filter(h => h !== null);
  const memberTable = el('table', { class: 'pf-v5-c-table pf-m-grid-lg', role: 'grid', id: 'org-mfa-members', 'aria-label': source.title },
    el('thead', { class: 'pf-v5-c-table__thead' }, el('tr', { class: 'pf-v5-c-table__tr' },
      headers.map(h => el('th', { class: 'pf-v5-c-table__th pf-m-wrap', scope: 'col' }, h)))), tbody);

  const toolbar = el('div', { class: 'org-mfa-toolbar' },
    source.back ? button(t('back'), { variant: 'link', id: 'org-mfa-back', onclick: () => go('#/organizations') }) : null,
    filters,
    el('span', { class: 'org-mfa-spacer' }),
    button(t('exportCsv'), { variant: 'secondary', id: 'org-mfa-export-csv', onclick: () => exportCsv(source, states) }),
    may.reset ? resetSelected : null);

  clear(content, tabs(source.tab),
    el('h2', { class: 'pf-v5-c-title pf-m-xl', id: 'org-mfa-members-title', dataset: source.dataset }, source.title),
    toolbar, memberTable, moreSlot);
  try {
    await loadPage();
  } catch (e) {
    report(e);
  }
}

function memberRow(member, selected, refreshSelection, reload) {
  const state = member.state ?? (member.enrolled ? 'enrolled' : 'unknown');
  const cells = [];
  if (may.reset) {
    cells.push(['', el('input', { type: 'checkbox', class: 'org-mfa-select', dataset: { userId: member.userId },
      'aria-label': t('selectMember', member.username),
      onchange: e => { if (e.target.checked) selected.add(member.userId); else selected.delete(member.userId); refreshSelection(); } })]);
  }
  cells.push([t('colUsername'), member.username],
    [t('colEmail'), member.email ?? ''],
    [t('colState'), label(t(`state_${state}`), STATE_COLORS[state] ?? 'grey', { class: `pf-v5-c-label pf-m-${STATE_COLORS[state] ?? 'grey'} org-mfa-state`, 'data-state': state })],
    [t('colDeadline'), typeof member.enrollBy === 'number' ? utcDate(member.enrollBy) : t('none')],
    [t('colCodes'), codesCell(member)]);
  if (may.reset) {
    cells.push([t('colActions'), button(t('reset'), { variant: 'secondary', className: 'org-mfa-reset-one pf-m-danger',
      label: t('resetOne', member.username), onclick: () => confirmReset([member], reload) })]);
  }
  return row({ dataset: { userId: member.userId, username: member.username, state, lowCodes: String(member.lowRecoveryCodes === true) },
    class: `pf-v5-c-table__tr${member.lowRecoveryCodes === true ? ' org-mfa-low-codes' : ''}` }, cells);
}

/** The codes left; few (the sign-in step's low-codes threshold, decided by the API) in a warning label. */
function codesCell(member) {
  if (typeof member.recoveryCodesRemaining !== 'number') return t('none');
  const count = String(member.recoveryCodesRemaining);
  if (member.lowRecoveryCodes !== true) return count;
  return label(t('lowCodes', count), 'orange', { class: 'pf-v5-c-label pf-m-orange org-mfa-low-codes-label' });
}

// ---- reset ----------------------------------------------------------------------------------------

async function confirmReset(users, afterwards) {
  const names = users.map(u => u.username);
  const answer = await dialog('org-mfa-reset-dialog', t('resetTitle'), close => {
    const logout = el('input', { class: 'pf-v5-c-check__input', type: 'checkbox', id: 'org-mfa-reset-logout' });
    return {
      body: [
        el('p', {}, t('resetBody', users.length === 1 ? t('resetBodyOne', names[0]) : t('resetBodyMany', users.length))),
        users.length > 1 ? el('ul', { class: 'org-mfa-names' }, names.slice(0, 20).map(n => el('li', {}, n)), names.length > 20 ? el('li', {}, '…') : null) : null,
        el('div', { class: 'pf-v5-c-check org-mfa-gap' }, logout, el('label', { class: 'pf-v5-c-check__label', for: 'org-mfa-reset-logout' }, t('resetLogout'))),
      ],
      footer: [
        button(t('confirmReset'), { variant: 'danger', id: 'org-mfa-reset-confirm', onclick: () => close({ logout: logout.checked }) }),
        button(t('cancel'), { variant: 'link', id: 'org-mfa-reset-cancel', onclick: () => close(null) }),
      ],
    };
  });
  if (!answer) return;
  try {
    let results;
    if (users.length === 1) {
      await api.resetOne(users[0].userId, answer.logout);
      results = [{ userId: users[0].userId, status: 'reset' }];
    } else {
      results = await api.resetMany(users.map(u => u.userId), answer.logout);
    }
    const failed = results.filter(r => r.status !== 'reset').map(r => users.find(u => u.userId === r.userId)?.username ?? r.userId);
    await afterwards();
    notice(failed.length === 0 ? 'success' : 'warning', t('resetDone', results.length - failed.length, results.length),
      failed.length ? t('resetSomeFailed', failed.join(', ')) : null);
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) {
      may.reset = false; // the API says no: stop offering it
      await afterwards();
      notice('danger', t('forbiddenAction'), t('resetForbiddenHidden'));
    } else {
      report(e);
    }
  }
}

// ---- policy ---------------------------------------------------------------------------------------

async function editPolicy(org) {
  clearNotices();
  let policy;
  try {
    policy = (await api.policy(org.id)).body;
  } catch (e) {
    report(e);
    return;
  }
  const field = (id, text, control, help) => el('div', { class: 'pf-v5-c-form__group' },
    el('div', { class: 'pf-v5-c-form__group-label' }, el('label', { class: 'pf-v5-c-form__label', for: id }, el('span', { class: 'pf-v5-c-form__label-text' }, text))),
    el('div', { class: 'pf-v5-c-form__group-control' }, control,
      el('div', { class: 'pf-v5-c-form__helper-text', 'aria-live': 'polite' },
        el('div', { class: 'pf-v5-c-helper-text' }, el('div', { class: 'pf-v5-c-helper-text__item', id: `${id}-help` },
          el('span', { class: 'pf-v5-c-helper-text__item-text' }, help ?? ''))))));
  const input = (id, attributes) => el('span', { class: 'pf-v5-c-form-control' }, el('input', { id, name: id, 'aria-describedby': `${id}-help`, ...attributes }));

  const saved = await dialog('org-mfa-policy-dialog', t('policyTitle', org.name), close => {
    const form = el('form', { class: 'pf-v5-c-form', id: 'org-mfa-policy-form', novalidate: true },
      el('div', { class: 'pf-v5-c-form__group' },
        el('label', { class: 'pf-v5-c-switch', for: 'org-mfa-policy-required' },
          el('input', { class: 'pf-v5-c-switch__input', type: 'checkbox', role: 'switch', id: 'org-mfa-policy-required', checked: !!policy.totpRequired }),
          el('span', { class: 'pf-v5-c-switch__toggle' }),
          el('span', { class: 'pf-v5-c-switch__label' }, t('policyRequired')))),
      field('org-mfa-policy-grace', t('policyGrace'), input('org-mfa-policy-grace', { type: 'number', min: '0', max: '365', step: '1',
        inputmode: 'numeric', value: String(policy.gracePeriodDays ?? 0) }), t('policyGraceHelp')),
      'enrollBy' in policy ? field('org-mfa-policy-enroll-by', t('policyEnrollBy'), input('org-mfa-policy-enroll-by', { type: 'date',
        value: policy.enrollBy ?? '' }), t('policyEnrollByHelp')) : null,
      el('div', { class: 'pf-v5-c-form__group', role: 'radiogroup', 'aria-labelledby': 'org-mfa-policy-sso-label' },
        el('div', { class: 'pf-v5-c-form__group-label' }, el('span', { class: 'pf-v5-c-form__label', id: 'org-mfa-policy-sso-label' },
          el('span', { class: 'pf-v5-c-form__label-text' }, t('policySso')))),
        el('div', { class: 'pf-v5-c-form__group-control' }, ['enforce', 'exempt'].map(choice => el('div', { class: 'pf-v5-c-radio' },
          el('input', { class: 'pf-v5-c-radio__input', type: 'radio', name: 'org-mfa-policy-sso', id: `org-mfa-policy-sso-${choice}`, value: choice,
            checked: (policy.brokeredUsers ?? 'enforce') === choice }),
          el('label', { class: 'pf-v5-c-radio__label', for: `org-mfa-policy-sso-${choice}` },
            t(choice === 'enforce' ? 'policySsoEnforce' : 'policySsoExempt')))))),
      'supportContact' in policy ? field('org-mfa-policy-support', t('policySupport'), input('org-mfa-policy-support', { type: 'text',
        maxlength: '500', value: policy.supportContact ?? '' }), t('policySupportHelp')) : null);
    const submit = async e => {
      e?.preventDefault();
      const body = readPolicy(form, policy);
      if (!body) return;
      try {
        await api.savePolicy(org.id, body);
        close(true);
      } catch (error) {
        if (error instanceof ApiError && error.status === 400 && error.field) {
          showFieldError(form, fieldInput(error.field), refusal(error));
          form.querySelector('[aria-invalid="true"]')?.focus();
        } else if (error instanceof ApiError && error.status === 403) {
          may.editPolicy = false;
          close(false);
          report(error);
        } else {
          close(false);
          report(error);
        }
      }
    };
    form.addEventListener('submit', submit);
    return {
      body: form,
      footer: [
        button(t('save'), { variant: 'primary', id: 'org-mfa-policy-save', onclick: submit }),
        button(t('cancel'), { variant: 'link', id: 'org-mfa-policy-cancel', onclick: () => close(null) }),
      ],
    };
  });
  if (saved) {
    await showOrganizations();
    notice('success', t('policySaved', org.name));
  }
}

const FIELD_INPUTS = { gracePeriodDays: 'org-mfa-policy-grace', enrollBy: 'org-mfa-policy-enroll-by', supportContact: 'org-mfa-policy-support' };

function fieldInput(apiField) {
  return FIELD_INPUTS[apiField] ?? 'org-mfa-policy-grace';
}

/** The policy body from the form, or null after marking the fields that are wrong. */
function readPolicy(form, loaded) {
  for (const id of Object.values(FIELD_INPUTS)) showFieldError(form, id, null);
  const value = id => form.querySelector(`#${id}`)?.value.trim() ?? '';
  let ok = true;
  const grace = value('org-mfa-policy-grace');
  if (!/^\d{1,3}$/.test(grace) || Number(grace) > 365) {
    showFieldError(form, 'org-mfa-policy-grace', t('invalidGrace'));
    ok = false;
  }
  const body = {
    totpRequired: form.querySelector('#org-mfa-policy-required').checked,
    gracePeriodDays: Number(grace),
    brokeredUsers: form.querySelector('input[name="org-mfa-policy-sso"]:checked')?.value ?? 'enforce',
  };
  // Fields the server did not send are not sent back: an older API answers 400 to unknown members.
  // Their rules (SupportContact, EnrollByDate) live on the server only: its 400 marks the field.
  if ('enrollBy' in loaded) {
    const date = value('org-mfa-policy-enroll-by');
    body.enrollBy = date === '' ? null : date;
  }
  if ('supportContact' in loaded) {
    const contact = value('org-mfa-policy-support');
    body.supportContact = contact === '' ? null : contact;
  }
  if (!ok) form.querySelector('[aria-invalid="true"]')?.focus();
  return ok ? body : null;
}

/** The page's own wording for a field the server refused, else the server's message. */
const FIELD_MESSAGES = { enrollBy: 'invalidDate', supportContact: 'invalidSupport', gracePeriodDays: 'invalidGrace' };

function refusal(error) {
  return FIELD_MESSAGES[error.field] ? t(FIELD_MESSAGES[error.field]) : error.message;
}

function showFieldError(form, id, message) {
  const input = form.querySelector(`#${id}`);
  const help = form.querySelector(`#${id}-help`);
  if (!input || !help) return;
  input.setAttribute('aria-invalid', message ? 'true' : 'false');
  input.parentElement.classList.toggle('pf-m-error', !!message);
  help.classList.toggle('pf-m-error', !!message);
  if (message) {
    help.dataset.help ??= help.textContent;
    help.firstChild.textContent = message;
  } else if (help.dataset.help !== undefined) {
    help.firstChild.textContent = help.dataset.help;
  }
}

// ---- CSV ------------------------------------------------------------------------------------------

async function exportCsv(source, states) {
  try {
    const csv = await source.csv({ states });
    const name = `${source.fileName}${states.length ? '-' + states.join('-') : ''}.csv`;
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const link = el('a', { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    notice('success', t('exportDone', name));
  } catch (e) {
    report(e);
  }
}

// ---- diagnostics ----------------------------------------------------------------------------------

async function showDiagnostics() {
  clearNotices();
  const list = el('div', { id: 'org-mfa-diagnostics' }, el('p', { class: 'org-mfa-muted' }, t('loading')));
  clear(content, tabs('diagnostics'), el('h2', { class: 'pf-v5-c-title pf-m-xl' }, t('diagnostics')),
    el('p', { class: 'org-mfa-muted' }, t('diagnosticsIntro')), list);
  try {
    const findings = (await api.diagnostics()).body ?? [];
    clear(list, findings.length === 0
      ? alert('success', t('diagnosticsNone'), null, { id: 'org-mfa-diagnostics-none' })
      : findings.map(f => {
        const severity = String(f.severity ?? 'info').toLowerCase();
        const variant = severity === 'error' ? 'danger' : severity.startsWith('warn') ? 'warning' : 'info';
        return el('div', { class: 'org-mfa-finding', dataset: { findingId: f.id ?? '', severity } },
          alert(variant, `${t(`severity_${severity}`)}: ${f.message ?? ''}`, f.fix ? t('fix', f.fix) : null));
      }));
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) clear(list, alert('info', t('diagnosticsUnavailable')));
    else if (e instanceof ApiError && e.status === 403) clear(list, alert('warning', t('diagnosticsForbidden'), null, { id: 'org-mfa-diagnostics-forbidden' }));
    else { clear(list); report(e); }
  }
}
