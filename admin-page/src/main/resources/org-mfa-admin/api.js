// The org-mfa admin REST API (/admin/realms/{realm}/org-mfa), called with the admin's own token.
// Nothing else: the page reads no data any other way.

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error || `HTTP ${status}`);
    this.status = status;
    this.field = body?.field ?? null;
  }
}

export class Api {
  constructor({ base, realm, auth }) {
    this.root = `${base}admin/realms/${encodeURIComponent(realm)}/org-mfa`;
    this.auth = auth;
  }

  /** One page of organizations with their policy and (where the server has it) summary. */
  organizations({ from = 0, max = 100 } = {}) {
    return this.#json('GET', `/organizations?from=${from}&max=${max}`);
  }

  /** Every organization with policy and summary, as CSV. */
  organizationsCsv() {
    return this.#csv('/organizations', []);
  }

  policy(orgId) {
    return this.#json('GET', `/organizations/${encodeURIComponent(orgId)}/policy`);
  }

  savePolicy(orgId, policy) {
    return this.#json('PUT', `/organizations/${encodeURIComponent(orgId)}/policy`, policy);
  }

  /** One page of an organization's members; states: e.g. ['grace', 'overdue'], empty for all. */
  members(orgId, { states = [], from = 0, max = 100 } = {}) {
    return this.#json('GET', `/organizations/${encodeURIComponent(orgId)}/members?${listQuery(states, from, max)}`);
  }

  /** The same listing as CSV text, every page of it. */
  membersCsv(orgId, { states = [] } = {}) {
    return this.#csv(`/organizations/${encodeURIComponent(orgId)}/members`, states);
  }

  /** Every user of the realm the admin may view, with their state: one page. */
  users({ states = [], from = 0, max = 100 } = {}) {
    return this.#json('GET', `/users?${listQuery(states, from, max)}`);
  }

  usersCsv({ states = [] } = {}) {
    return this.#csv('/users', states);
  }

  async #csv(path, states) {
    let from = '0';
    let csv = '';
    while (from !== null) {
      const answer = await this.#send('GET', `${path}?${listQuery(states, from, 1000)}`, undefined, 'text/csv');
      const text = await answer.response.text();
      csv += csv === '' ? text : text.slice(text.indexOf('\n') + 1); // one header line only
      from = answer.nextFrom;
    }
    return csv;
  }

  resetOne(userId, logout) {
    return this.#json('DELETE', `/users/${encodeURIComponent(userId)}/factors?logout=${logout}`);
  }

  /** Resets many users; the API takes at most 100 ids per request when it also signs them out. */
  async resetMany(userIds, logout) {
    const results = [];
    const chunk = logout ? 100 : 1000;
    for (let i = 0; i < userIds.length; i += chunk) {
      const answer = await this.#json('POST', `/users/factors/reset?logout=${logout}`, { userIds: userIds.slice(i, i + chunk) });
      results.push(...answer.body.results);
    }
    return results;
  }

  diagnostics() {
    return this.#json('GET', '/diagnostics');
  }

  async #json(method, path, body) {
    const answer = await this.#send(method, path, body, 'application/json');
    const text = await answer.response.text();
    return { body: text ? JSON.parse(text) : null, nextFrom: answer.nextFrom };
  }

  async #send(method, path, body, accept) {
    const token = await this.auth.accessToken();
    const headers = { Authorization: `Bearer ${token}`, Accept: accept };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(this.root + path, {
      method, headers, credentials: 'omit', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      let error = null;
      try { error = await response.json(); } catch (e) { /* Keycloak's own 401/403 may have no JSON body */ }
      throw new ApiError(response.status, error);
    }
    return { response, nextFrom: response.headers.get('Org-Mfa-Next-From') };
  }
}

function listQuery(states, from, max) {
  const query = new URLSearchParams({ from: String(from), max: String(max) });
  if (states.length > 0) query.set('state', states.join(','));
  return query.toString();
}
