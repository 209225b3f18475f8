import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import { AppLayout } from './components/layout/AppLayout';
import { AdminOnly } from './features/admin/AdminOnly';
import { UsersPage } from './features/admin/UsersPage';
import { LoginPage } from './features/auth/LoginPage';
import { AddAssignmentPage } from './features/team/AddAssignmentPage';
import { AddTeamMemberPage } from './features/team/AddTeamMemberPage';
import { CasePage } from './features/case/CasePage';
import { CaseStatusPage } from './features/case/CaseStatusPage';
import { CreateCasePage } from './features/case/CreateCasePage';
import { HomePage } from './features/common/HomePage';
import { NotFoundPage } from './features/common/NotFoundPage';
import { CreateFamilyPage, EditFamilyPage } from './features/family/FamilyFormPage';
import { FamilyPage } from './features/family/FamilyPage';
import { MeasureFormPage } from './features/measure/MeasureFormPage';
import { OwnFamilyPage } from './features/parent/OwnFamilyPage';
import { AddMemberPage } from './features/person/AddMemberPage';
import { EditPersonPage } from './features/person/EditPersonPage';
import { SearchPage } from './features/search/SearchPage';
import { RequireSession } from './session/RequireSession';
import { SessionProvider } from './session/SessionContext';

const guarded = (element: React.ReactNode) => <RequireSession>{element}</RequireSession>;

/** Every page of the app. Paths are English; page text comes from the chosen language. */
export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/', element: guarded(<HomePage />) },
      { path: '/search', element: guarded(<SearchPage />) },
      { path: '/families/new', element: guarded(<CreateFamilyPage />) },
      { path: '/families/:familyId', element: guarded(<FamilyPage />) },
      { path: '/families/:familyId/edit', element: guarded(<EditFamilyPage />) },
      { path: '/families/:familyId/members/new', element: guarded(<AddMemberPage />) },
      { path: '/families/:familyId/persons/:personId/edit', element: guarded(<EditPersonPage />) },
      { path: '/families/:familyId/cases/new', element: guarded(<CreateCasePage />) },
      { path: '/cases/:caseId', element: guarded(<CasePage />) },
      { path: '/cases/:caseId/status', element: guarded(<CaseStatusPage />) },
      { path: '/cases/:caseId/measures/new', element: guarded(<MeasureFormPage />) },
      { path: '/cases/:caseId/measures/:measureId/edit', element: guarded(<MeasureFormPage />) },
      { path: '/cases/:caseId/assignments/new', element: guarded(<AddAssignmentPage />) },
      { path: '/cases/:caseId/team-members/new', element: guarded(<AddTeamMemberPage />) },
      { path: '/my-family', element: guarded(<OwnFamilyPage />) },
      { path: '/admin/users', element: guarded(<AdminOnly><UsersPage /></AdminOnly>) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

const router = createBrowserRouter(routes);

/** The app: the session around the router. */
export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
