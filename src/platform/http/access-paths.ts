/**
 * Which session a path needs. One list for the authentication hook in app.ts and for the OpenAPI document
 * (openapi.ts), so the document's 401s and security requirements cannot drift from what the hook enforces.
 */
export type SessionKind = 'none' | 'staff' | 'portal';

// The calendar feed is fetched by calendar apps without a session: its secret token is the credential (modules/calendar).
// The survey's one-time link: no login, the secret token in the e-mail is the credential (modules/survey).
const publicPaths = ['/api/health', '/api/auth/login', '/api/docs', '/api/calendar/feed', '/api/survey-links'];
// The family portal has its own sessions: /api/portal/* needs the portal cookie, never the staff one.
const portalPublicPaths = ['/api/portal/login', '/api/portal/oidc'];

const under = (path: string, prefixes: string[]) => prefixes.some((p) => path === p || path.startsWith(p + '/'));

/** The session a request path (without its query) needs before anything else runs. */
export function sessionRequiredFor(path: string): SessionKind {
  if (path.startsWith('/api/portal/')) return under(path, portalPublicPaths) ? 'none' : 'portal';
  if (!path.startsWith('/api/') || under(path, publicPaths)) return 'none';
  return 'staff';
}
