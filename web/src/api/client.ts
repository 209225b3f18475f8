/**
 * The one place the web app talks HTTP: JSON in and out, the session cookie, the CSRF header on every
 * state-changing request, and the API's error shape turned into a typed ApiError.
 */

/** One field-level problem as the API reports it. */
export interface ErrorDetail { field: string; code: string; message: string }

/** Every failed request ends here: the HTTP status plus the API's stable `code`, English `message` and `details`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
/** The family portal's session has its own CSRF token (issue 5 item 1), sent on state-changing /portal requests. */
let portalCsrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

/** Remembers the CSRF token from the login or session response (it lives only in memory, never in storage). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Remembers the portal session's CSRF token (from the code login or GET /portal/me), in memory only. */
export function setPortalCsrfToken(token: string | null): void {
  portalCsrfToken = token;
}

/** Called when a request answers 401 outside the login itself: the session has ended. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface RequestOptions {
  /** Do not report a 401 as an ended session (login and the initial session check). */
  quietUnauthorized?: boolean;
}

function isErrorBody(value: unknown): value is { error: { code: string; message: string; details?: ErrorDetail[] } } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Sends one request to /api and returns the parsed JSON body, or throws ApiError. */
export async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = path.startsWith('/portal/') ? portalCsrfToken : csrfToken;
  if (method !== 'GET' && token) headers['x-csrf-token'] = token;

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }

  const data = await readJson(response);
  if (response.ok) return data as T;

  const error = isErrorBody(data)
    ? new ApiError(response.status, data.error.code, data.error.message, data.error.details ?? [])
    : new ApiError(response.status, response.status === 429 ? 'rate_limited' : 'http_error', response.statusText || `HTTP ${response.status}`);
  if (response.status === 401 && !options.quietUnauthorized) {
    for (const listener of unauthorizedListeners) listener();
  }
  throw error;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
