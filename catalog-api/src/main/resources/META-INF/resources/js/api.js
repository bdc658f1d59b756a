// The catalog API. <audio src>, EventSource and download links cannot set an Authorization header, so the browser
// itself carries the sign-in with every request. With built-in users, logging in hands the user name and password
// to XMLHttpRequest: the browser answers the server's Basic challenge with them and keeps them for this site. With
// an identity provider, /sign-in leaves the server's HttpOnly session cookie; the page never sees a token.

// Sent with every call: when a session with the identity provider has run out, the server answers 499 instead of
// redirecting to the provider, which fetch could not follow.
const FROM_SCRIPT = { "X-Requested-With": "JavaScript" };
const SESSION_ENDED = 499;
let onSessionEnded = () => {};

/** What to do when a call finds that the session with the identity provider has run out. */
export function whenSessionEnds(handler) {
  onSessionEnded = handler;
}

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** The caller (GET /api/v1/me) when the server accepts the user and password; an ApiError otherwise. */
export function login(user, password) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("GET", "/api/v1/me", true, user, password);
    request.responseType = "json";
    request.onload = () => request.status === 200
        ? resolve(request.response)
        : reject(new ApiError(request.status, problemDetail(request.status, request.response)));
    request.onerror = () => reject(new ApiError(0, "network error"));
    request.send();
  });
}

/** How this page signs people in: { method: "password" | "identity-provider" | "none", provider }. */
export function signInMethod() {
  return getJson("/api/v1/sign-in");
}

/** The caller signed in with the identity provider, or null without a session (401, or 499 once it ran out). */
export async function signedInCaller() {
  try {
    return await getJson("/api/v1/me");
  } catch (error) {
    if (error.status === 401 || error.status === SESSION_ENDED) return null;
    throw error;
  }
}

function problemDetail(status, problem) {
  return (problem && (problem.detail || problem.title)) || String(status);
}

async function call(path, options = {}) {
  const headers = Object.assign({}, FROM_SCRIPT, options.headers);
  const response = await fetch(path, Object.assign({ credentials: "same-origin" }, options, { headers }));
  if (response.status === SESSION_ENDED) onSessionEnded();
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (ignored) { /* not a problem document */ }
    throw new ApiError(response.status, problemDetail(response.status, problem));
  }
  return response;
}

export async function getJson(path) {
  return (await call(path)).json();
}

async function sendJson(method, path, body) {
  const response = await call(path, {
    method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
  });
  return response.status === 204 ? null : response.json();
}

export const putJson = (path, body) => sendJson("PUT", path, body);

export async function remove(path) {
  await call(path, { method: "DELETE" });
}

/** Sends body with XMLHttpRequest so that onProgress(fraction) follows the upload; resolves to the JSON answer. */
export function upload(method, path, body, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, path, true);
    request.setRequestHeader("X-Requested-With", FROM_SCRIPT["X-Requested-With"]);
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status === SESSION_ENDED) onSessionEnded();
      if (request.status >= 200 && request.status < 300) resolve(request.response);
      else reject(new ApiError(request.status, problemDetail(request.status, request.response)));
    };
    request.onerror = () => reject(new ApiError(0, "network error"));
    request.send(body);
  });
}
