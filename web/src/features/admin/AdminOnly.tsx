import type { ReactNode } from 'react';
import { isAdministrator } from '../../session/roles';
import { useUser } from '../../session/useSession';
import { NotFoundPage } from '../common/NotFoundPage';

/** Administration pages are only offered to administrators (the server checks again). */
export function AdminOnly({ children }: { children: ReactNode }) {
  const user = useUser();
  return isAdministrator(user) ? <>{children}</> : <NotFoundPage />;
}
