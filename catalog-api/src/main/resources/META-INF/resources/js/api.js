// The catalog API. Logging in hands the user name and password to XMLHttpRequest: the browser answers the
// server's Basic challenge with them and keeps them for this site, so <audio src>, EventSource, download links
// and fetch all carry the login without the page storing it (none of those can set an Authorization header).

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

function problemDetail(status, problem) {
  return (problem && (problem.detail || problem.title)) || String(status);
}

async function call(path, options = {}) {
  const response = await fetch(path, Object.assign({ credentials: "same-origin" }, options));
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
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => request.status >= 200 && request.status < 300
        ? resolve(request.response)
        : reject(new ApiError(request.status, problemDetail(request.status, request.response)));
    request.onerror = () => reject(new ApiError(0, "network error"));
    request.send(body);
  });
}
