// SMART App Launch (authorization code with PKCE) when the server protects /fhir with access tokens
// (serve --auth-issuer); without it the pages call /fhir with no token, as on loopback.
// The access token is kept in sessionStorage (this tab only), never in localStorage.

const TOKEN = 'baclofen-cds.token';
const PENDING = 'baclofen-cds.launch';
const WRITES = 'patient/CommunicationRequest.cu user/CommunicationRequest.cu';
let configPromise = null;

/** How this server wants the page to sign in: { smart, clientId, fhirBase }. */
export function launchConfig() {
  configPromise =
    configPromise ||
    fetch('launch-config.json', { headers: { Accept: 'application/json' } }).then((r) => {
      if (!r.ok) throw new Error(`${r.status}: launch configuration`);
      return r.json();
    });
  return configPromise;
}

function base64url(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}

/** A page of this app to return to (no other origin, no path): e.g. chart.html?patient=x. */
function safeReturn(value) {
  return value && /^[a-z0-9-]+\.html(\?[^#]*)?$/.test(value) ? value : null;
}

/**
 * launch.html: EHR launch (?iss=&launch=) or standalone launch (no launch): sends the browser to the
 * authorization server with a PKCE challenge.
 */
export async function startLaunch() {
  const config = await launchConfig();
  const params = new URLSearchParams(location.search);
  if (!config.smart) {
    location.replace(safeReturn(params.get('returnTo')) || 'index.html');
    return;
  }
  const fhirBase = (config.fhirBase || `${location.origin}/fhir`).replace(/\/$/, '');
  const iss = params.get('iss');
  const launch = params.get('launch');
  if (iss && iss.replace(/\/$/, '') !== fhirBase) {
    throw new Error('This app opens charts only from its own FHIR server.');
  }
  const response = await fetch('/fhir/.well-known/smart-configuration', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error('The sign-in service cannot be reached now; try again later.');
  const smart = await response.json();
  const verifier = randomString();
  const state = randomString();
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  const redirectUri = new URL('chart.html', location.href).href;
  sessionStorage.setItem(
    PENDING,
    JSON.stringify({
      state,
      verifier,
      redirectUri,
      tokenEndpoint: smart.token_endpoint,
      returnTo: safeReturn(params.get('returnTo')),
    }),
  );
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri,
    // Reads, and the CommunicationRequest writes that storing alerts and recording decisions need.
    scope: `${launch ? 'launch' : 'launch/patient'} openid fhirUser patient/*.rs user/*.rs ${WRITES}`,
    state,
    aud: fhirBase,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  });
  if (launch) query.set('launch', launch);
  const endpoint = smart.authorization_endpoint;
  location.assign(endpoint + (endpoint.includes('?') ? '&' : '?') + query);
}

/**
 * The redirect back from the authorization server (?code=&state=): exchanges the code for an access token,
 * then opens the patient of the launch context, or the page the sign-in started from. Resolves only when
 * there is nothing to do.
 */
export async function finishLaunch() {
  const params = new URLSearchParams(location.search);
  if (!params.has('state') || !(params.has('code') || params.has('error'))) return;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('Sign-in failed: this answer does not belong to a sign-in started here.');
  }
  if (params.has('error')) throw new Error('Sign-in was refused by the authorization server.');
  const config = await launchConfig();
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: pending.redirectUri,
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error('Sign-in failed: the authorization server did not issue an access token.');
  const token = await response.json();
  if (!token.access_token) throw new Error('Sign-in failed: no access token.');
  const lifetime = Number(token.expires_in) > 0 ? Number(token.expires_in) : 300;
  sessionStorage.setItem(
    TOKEN,
    JSON.stringify({ accessToken: token.access_token, expiresAt: Date.now() + lifetime * 1000 }),
  );
  const target = token.patient
    ? `chart.html?patient=${encodeURIComponent(token.patient)}`
    : pending.returnTo || 'index.html';
  location.replace(target);
  await new Promise(() => {}); // the page is leaving
}

/** Headers for a /fhir call: the bearer token when signing in is on; starts a launch when there is none. */
export async function authHeaders() {
  const config = await launchConfig();
  if (!config.smart) return {};
  const token = JSON.parse(sessionStorage.getItem(TOKEN) || 'null');
  if (token && token.expiresAt > Date.now()) return { Authorization: `Bearer ${token.accessToken}` };
  relaunch();
  return new Promise(() => {}); // the page is leaving
}

/** The token was refused or ran out: sign in again and come back here. */
export function relaunch() {
  sessionStorage.removeItem(TOKEN);
  const here = location.pathname.replace(/^.*\//, '') + location.search;
  location.assign(`launch.html?returnTo=${encodeURIComponent(safeReturn(here) || 'index.html')}`);
}
