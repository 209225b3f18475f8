import type { TestApp } from './app.js';
import { loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser } from './factories.js';
import { givePortalEmail, loginToPortal, type PortalSession } from './portal-fixtures.js';

/**
 * A municipality with a family whose coordinator leads its case, a core-team-less colleague without need-to-know,
 * and a second family: the parents logged in to the portal, the staff to the app (issue 5 items 3 and 5 tests).
 */
export interface FamilyPortalWorld {
  municipality: TestMunicipality;
  coordinator: TestUser;
  outsider: TestUser;
  family: TestFamily;
  otherFamily: TestFamily;
  parent: PortalSession;
  otherParent: PortalSession;
  staff: Session;
  outsiderStaff: Session;
}

export async function makeFamilyPortalWorld(t: TestApp): Promise<FamilyPortalWorld> {
  const municipality = await makeMunicipality(t.db);
  const coordinator = await makeUser(t.db, municipality, { roles: ['coordinator'], hasAuthority: true });
  const outsider = await makeUser(t.db, municipality, { roles: ['coordinator'] });
  const family = await makeFamilyWithCase(t.db, municipality, { lead: coordinator });
  const otherFamily = await makeFamilyWithCase(t.db, municipality, { lead: outsider });
  return {
    municipality, coordinator, outsider, family, otherFamily,
    parent: await loginToPortal(t.app, t.db, await givePortalEmail(t.db, family.parent.id)),
    otherParent: await loginToPortal(t.app, t.db, await givePortalEmail(t.db, otherFamily.parent.id)),
    staff: await loginAs(t.app, coordinator),
    outsiderStaff: await loginAs(t.app, outsider),
  };
}

/** app.inject with a session's cookie and CSRF token (portal or staff). */
export function send(t: TestApp, session: { headers: Record<string, string> } | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: session?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });
}
