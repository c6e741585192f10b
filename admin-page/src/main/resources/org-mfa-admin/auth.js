// Signs the admin in with the realm itself: OpenID Connect authorization code flow with PKCE (S256)
// for the public client org-mfa-admin-ui. Tokens live in this module's memory only: never in
// localStorage or cookies. Only the one-time PKCE verifier, state and nonce wait in sessionStorage
// across the redirect to Keycloak and back, and are removed when the code comes back.

const PENDING = 'org-mfa-admin.pending';
const REFRESH_MARGIN_MS = 30_000;

export class Auth {
  constructor({ base, realm, clientId }) {
    this.realm = realm;
    this.clientId = clientId;
    this.oidc = `${base}realms/${encodeURIComponent(realm)}/protocol/openid-connect`;
    this.redirectUri = new URL(location.pathname, location.origin).toString();
    this.tokens = null;
    this.expiresAt = 0;
  }

  /**
   * Finishes a sign-in when Keycloak has just sent the admin back with a code; otherwise starts one
   * (the browser leaves the page). Resolves to the signed-in admin's claims.
   */
  async signIn() {
    const query = new URLSearchParams(location.search);
    if (query.has('code') || query.has('error')) {
      const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
      sessionStorage.removeItem(PENDING);
      // The code never stays in the address bar or history; the view the admin was on (#/...) comes back.
      const view = typeof pending?.view === 'string' && pending.view.startsWith('#/') ? pending.view : '';
      history.replaceState(null, '', location.pathname + view);
      if (query.has('error') || !pending || pending.state !== query.get('state')) {
        throw new SignInError(query.get('error') || 'state');
      }
      await this.#token({ grant_type: 'authorization_code', code: query.get('code'),
        redirect_uri: this.redirectUri, code_verifier: pending.verifier });
      if (this.claims().nonce !== pending.nonce) {
        this.tokens = null;
        throw new SignInError('nonce');
      }
      return this.claims();
    }
    await this.redirectToSignIn();
    return new Promise(() => {}); // the browser is leaving
  }

  async redirectToSignIn() {
    const pending = { state: random(), nonce: random(), verifier: random() + random(), view: location.hash };
    sessionStorage.setItem(PENDING, JSON.stringify(pending));
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier)));
    const url = new URL(`${this.oidc}/auth`, location.origin);
    url.search = new URLSearchParams({ client_id: this.clientId, response_type: 'code', scope: 'openid',
      redirect_uri: this.redirectUri, state: pending.state, nonce: pending.nonce,
      code_challenge: challenge, code_challenge_method: 'S256' }).toString();
    // Replace, not assign: the trip to Keycloak and back takes no history entry, so Back after a reload
    // goes to the view before, not into the sign-in again.
    location.replace(url.toString());
  }

  /** The signed-in admin's ID token claims (username, name), for display only. */
  claims() {
    return this.tokens ? decodeJwt(this.tokens.id_token) : {};
  }

  /** The realm-management roles in the access token: hints for which controls to offer, never a check. */
  adminRoles() {
    if (!this.tokens) return new Set();
    const access = decodeJwt(this.tokens.access_token);
    return new Set(access.resource_access?.['realm-management']?.roles ?? []);
  }

  /** A current access token, refreshed shortly before it expires. */
  async accessToken() {
    if (!this.tokens) throw new SessionEndedError();
    if (Date.now() > this.expiresAt - REFRESH_MARGIN_MS) {
      try {
        await this.#token({ grant_type: 'refresh_token', refresh_token: this.tokens.refresh_token });
      } catch (e) {
        this.tokens = null;
        throw new SessionEndedError();
      }
    }
    return this.tokens.access_token;
  }

  /** Ends the Keycloak session too and comes back to the page (which then asks to sign in again). */
  signOut() {
    const url = new URL(`${this.oidc}/logout`, location.origin);
    const params = { client_id: this.clientId, post_logout_redirect_uri: this.redirectUri };
    if (this.tokens?.id_token) params.id_token_hint = this.tokens.id_token;
    url.search = new URLSearchParams(params).toString();
    this.tokens = null;
    location.assign(url.toString());
  }

  async #token(form) {
    const response = await fetch(`${this.oidc}/token`, {
      method: 'POST', credentials: 'omit', cache: 'no-store',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: this.clientId, ...form }),
    });
    if (!response.ok) throw new SignInError('token');
    this.tokens = await response.json();
    this.expiresAt = Date.now() + (this.tokens.expires_in ?? 60) * 1000;
  }
}

export class SignInError extends Error {}
export class SessionEndedError extends Error {}

function random() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function base64url(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeJwt(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch (e) {
    return {};
  }
}
