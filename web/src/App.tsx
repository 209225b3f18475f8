import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router-dom';
import { AppLayout } from './components/layout/AppLayout';
import { AdminOnly } from './features/admin/AdminOnly';
import { UsersPage } from './features/admin/UsersPage';
import { OutboxPage } from './features/admin/OutboxPage';
import { CalendarFeedPage } from './features/calendar/CalendarFeedPage';
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
import { PortalLoginPage } from './features/portal/PortalLoginPage';
import { PortalPage } from './features/portal/PortalPage';
import { PortalMessagesPage } from './features/family-portal/PortalMessagesPage';
import { PortalThreadPage } from './features/family-portal/PortalThreadPage';
import { PortalMeetingsPage } from './features/family-portal/PortalMeetingsPage';
import { PortalMeetingPage } from './features/family-portal/PortalMeetingPage';
import { PortalContactAgreementPage } from './features/family-portal/PortalContactAgreementPage';
import { ChildPagePage } from './features/family-portal/ChildPagePage';
import { FamilyMessagesPage, FamilyThreadsPage, StaffThreadPage } from './features/family-portal/StaffMessagesPages';
import { PortalMinutesPage } from './features/portal/PortalMinutesPage';
import { ConsentPage } from './features/consent/ConsentPage';
import { PartnerCasePage } from './features/partner/PartnerCasePage';
import { PartnerHomePage } from './features/partner/PartnerHomePage';
import { AddMemberPage } from './features/person/AddMemberPage';
import { EditPersonPage } from './features/person/EditPersonPage';
import { SearchPage } from './features/search/SearchPage';
import { CreateMeetingPage } from './features/meeting/CreateMeetingPage';
import { MeetingPage } from './features/meeting/MeetingPage';
import { AnnualWheelPage } from './features/annual-wheel/AnnualWheelPage';
import { ContactPage } from './features/contact/ContactPage';
import { FollowUpPage } from './features/follow-up/FollowUpPage';
import { TransitionPage } from './features/follow-up/TransitionPage';
import { BulkHandoverPage } from './features/handover/BulkHandoverPage';
import { HandoverPage } from './features/handover/HandoverPage';
import { LeaderMeetingPage } from './features/leaders-meeting/LeaderMeetingPage';
import { LeaderMeetingsPage } from './features/leaders-meeting/LeaderMeetingsPage';
import { LearningGoalsPage } from './features/learning-goal/LearningGoalsPage';
import { WorklistPage } from './features/worklist/WorklistPage';
import { PlanAgreePage } from './features/plan/PlanAgreePage';
import { PlanEditPage } from './features/plan/PlanEditPage';
import { PlanPage } from './features/plan/PlanPage';
import { PlanPrintPage } from './features/plan/PlanPrintPage';
import { PlanStatusPage } from './features/plan/PlanStatusPage';
import { ChildVoicePage } from './features/child-voice/ChildVoicePage';
import { NotificationFormPage, ScreeningFormPage } from './features/assessment/AssessmentFormPages';
import { ReassessmentPage } from './features/assessment/ReassessmentPage';
import { DecisionFormPage } from './features/decision/DecisionFormPage';
import { YearlyAmountsPage } from './features/decision/YearlyAmountsPage';
import { CompetencePlanPage } from './features/competence/CompetencePlanPage';
import { MeasureFinancingPage } from './features/costs/MeasureFinancingPage';
import { CostReportsPage } from './features/costs/CostReportsPage';
import { ExpenseAnalysisPage } from './features/costs/ExpenseAnalysisPage';
import { PortalSurveyPage, StaffSurveyPage, SurveyInstrumentsPage, SurveyLinkPage, SurveyWavesPage } from './features/survey/SurveyPages';
import { SurveyResultsPage } from './features/survey/SurveyResultsPage';
import { ProposalFormPage } from './features/core-decision/ProposalFormPage';
import { ProposalPage } from './features/core-decision/ProposalPage';
import { CommitteePage } from './features/core-decision/CommitteePage';
import { CommitteeMeetingPage } from './features/core-decision/CommitteeMeetingPage';
import { CaseStatusMeasurementPage } from './features/status-measurement/CaseStatusMeasurementPage';
import { StatusMeasurementsPage } from './features/status-measurement/StatusMeasurementsPage';
import { FidelityPanel } from './features/status-measurement/FidelityPanel';
import { EscalationsPage } from './features/leadership/EscalationsPage';
import { LeaderCasesPage } from './features/leadership/LeaderCasesPage';
import { LeaderDashboardPage } from './features/leadership/LeaderDashboardPage';
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
      { path: '/cases/:caseId/decisions/new', element: guarded(<DecisionFormPage />) },
      { path: '/cases/:caseId/assignments/new', element: guarded(<AddAssignmentPage />) },
      { path: '/cases/:caseId/screenings/new', element: guarded(<ScreeningFormPage />) },
      { path: '/cases/:caseId/notifications/new', element: guarded(<NotificationFormPage />) },
      { path: '/cases/:caseId/reassessments/:reassessmentId', element: guarded(<ReassessmentPage />) },
      { path: '/cases/:caseId/team-members/new', element: guarded(<AddTeamMemberPage />) },
      { path: '/cases/:caseId/meetings/new', element: guarded(<CreateMeetingPage />) },
      { path: '/meetings/:meetingId', element: guarded(<MeetingPage />) },
      { path: '/worklist', element: guarded(<WorklistPage />) },
      { path: '/cases/:caseId/follow-ups/new', element: guarded(<FollowUpPage />) },
      { path: '/cases/:caseId/transition', element: guarded(<TransitionPage />) },
      { path: '/families/:familyId/contact', element: guarded(<ContactPage />) },
      { path: '/families/:familyId/annual-wheel', element: guarded(<AnnualWheelPage />) },
      { path: '/families/:familyId/plan', element: guarded(<PlanPage />) },
      { path: '/families/:familyId/plan/edit', element: guarded(<PlanEditPage />) },
      { path: '/families/:familyId/plan/status', element: guarded(<PlanStatusPage />) },
      { path: '/families/:familyId/plan/agree', element: guarded(<PlanAgreePage />) },
      { path: '/families/:familyId/plan/print', element: guarded(<PlanPrintPage />) },
      { path: '/children/:childId/voice', element: guarded(<ChildVoicePage />) },
      // The family portal (issue 5 item 1): its own login and session, not the staff session; /my-family was its old address.
      { path: '/portal/login', element: <PortalLoginPage /> },
      { path: '/portal', element: <PortalPage /> },
      // What the family does in the portal, and the child's page (issue 5 items 3 and 5).
      { path: '/portal/messages', element: <PortalMessagesPage /> },
      { path: '/portal/messages/:threadId', element: <PortalThreadPage /> },
      { path: '/portal/meetings', element: <PortalMeetingsPage /> },
      { path: '/portal/meetings/:meetingId', element: <PortalMeetingPage /> },
      { path: '/portal/contact-agreement', element: <PortalContactAgreementPage /> },
      { path: '/portal/children/:childId', element: <ChildPagePage /> },
      { path: '/messages', element: guarded(<FamilyMessagesPage />) },
      { path: '/messages/:threadId', element: guarded(<StaffThreadPage />) },
      { path: '/families/:familyId/messages', element: guarded(<FamilyThreadsPage />) },
      { path: '/portal/minutes/:id', element: <PortalMinutesPage /> },
      // Consent to share and the partner view (issue 5 items 3-4).
      { path: '/portal/consents', element: <ConsentPage /> },
      { path: '/partner', element: guarded(<PartnerHomePage />) },
      { path: '/partner/cases/:caseId', element: guarded(<PartnerCasePage />) },
      { path: '/my-family', element: <Navigate to="/portal" replace /> },
      { path: '/admin/users', element: guarded(<AdminOnly><UsersPage /></AdminOnly>) },
      { path: '/admin/outbox', element: guarded(<AdminOnly><OutboxPage /></AdminOnly>) },
      { path: '/competence-plan', element: guarded(<CompetencePlanPage />) },
      { path: '/admin/yearly-amounts', element: guarded(<AdminOnly><YearlyAmountsPage /></AdminOnly>) },
      // The leader dashboard (issue 9 items 1, 2, 8); the fidelity plot goes in LeaderDashboardPage's `fidelity` slot.
      { path: '/leader', element: guarded(<LeaderDashboardPage fidelity={<FidelityPanel />} />) },
      { path: '/leader/cases', element: guarded(<LeaderCasesPage />) },
      { path: '/leader/escalations', element: guarded(<EscalationsPage />) },
      { path: '/cases/:caseId/status-measurement', element: guarded(<CaseStatusMeasurementPage />) },
      { path: '/status-measurements', element: guarded(<StatusMeasurementsPage />) },
      // Handover and deputies, leaders' meetings, learning goals (issue 9 items 3, 5, 6); the transition track is on /cases/:caseId/transition.
      { path: '/cases/:caseId/handover', element: guarded(<HandoverPage />) },
      { path: '/handovers', element: guarded(<BulkHandoverPage />) },
      { path: '/leader-meetings', element: guarded(<LeaderMeetingsPage />) },
      { path: '/leader-meetings/:meetingId', element: guarded(<LeaderMeetingPage />) },
      { path: '/learning-goals', element: guarded(<LearningGoalsPage />) },
      { path: '/cases/:caseId/proposals/new', element: guarded(<ProposalFormPage />) },
      { path: '/proposals/:proposalId', element: guarded(<ProposalPage />) },
      { path: '/committee', element: guarded(<CommitteePage />) },
      { path: '/committee/meetings/:meetingId', element: guarded(<CommitteeMeetingPage />) },
      // The surveys (issue 10): instruments, waves, results for leaders; the staff survey; the parent survey in the portal and by one-time link (public).
      { path: '/survey-results', element: guarded(<SurveyResultsPage />) },
      { path: '/surveys/waves', element: guarded(<SurveyWavesPage />) },
      { path: '/surveys/instruments', element: guarded(<SurveyInstrumentsPage />) },
      { path: '/surveys/answer', element: guarded(<StaffSurveyPage />) },
      { path: '/surveys/answer/:invitationId', element: guarded(<StaffSurveyPage />) },
      { path: '/portal/surveys', element: <PortalSurveyPage /> },
      { path: '/portal/surveys/:invitationId', element: <PortalSurveyPage /> },
      { path: '/survey/:token', element: <SurveyLinkPage /> },
      // Shared financing, cost reports and the expense analysis (issue 8 items 4-6).
      { path: '/measures/:measureId/financing', element: guarded(<MeasureFinancingPage />) },
      { path: '/reports/costs', element: guarded(<CostReportsPage />) },
      { path: '/reports/expenses', element: guarded(<ExpenseAnalysisPage />) },
      { path: '/settings/calendar', element: guarded(<CalendarFeedPage />) },
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
