import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import type { SessionUser } from '../../api/types';
import { isAdministrator, isExternalPartner, isParent, readsCompetencePlan, worksWithFamilies } from '../../session/roles';
import { useSession } from '../../session/useSession';
import { Icon } from '../Icon';
import { LanguageSwitch } from './LanguageSwitch';
import { useUnreadFamilyMessages } from '../../features/family-portal/useUnreadFamilyMessages';
import { leadsDepartment } from '../../features/leadership/api';
import { useOpenEscalations } from '../../features/leadership/useOpenEscalations';

function MainMenu({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const links: Array<{ to: string; label: string; end?: boolean }> = [];
  // Issue 5 item 3: new messages from the families the user works with.
  const unread = useUnreadFamilyMessages(worksWithFamilies(user));
  const leaderMenu = leadsDepartment(user);
  const escalations = useOpenEscalations(leaderMenu);
  if (worksWithFamilies(user)) {
    links.push({ to: '/', label: t('nav.myFamilies'), end: true }, { to: '/worklist', label: t('worklist.nav') }, { to: '/search', label: t('nav.search') });
    links.push({ to: '/messages', label: unread > 0 ? t('familyPortal.staff.navUnread', { count: unread }) : t('familyPortal.staff.nav') });
  }
  if (readsCompetencePlan(user)) links.push({ to: '/competence-plan', label: t('competence.menu') });
  // The leader dashboard (issue 9 items 1, 2, 8) with a badge for open escalations.
  if (leaderMenu) links.push({ to: '/leader', label: escalations > 0 ? t('leader.menuBadge', { count: escalations }) : t('leader.menu') });
  // Quarterly fidelity status measurements (issue 9 item 7): raters' own cases, and leaders' results.
  if (worksWithFamilies(user)) links.push({ to: '/status-measurements', label: t('statusMeasurement.menu') });
  // Leaders' meetings and individual learning goals (issue 9 items 5-6), for staff who work with families and leaders.
  if (worksWithFamilies(user) || leaderMenu) {
    links.push({ to: '/leader-meetings', label: t('leadingPractice.meetings.menu') }, { to: '/learning-goals', label: t('leadingPractice.goals.menu') });
  }
  // The visitation committee's queue and meetings (issue 8 item 3): department heads and team leaders.
  if (leaderMenu) links.push({ to: '/committee', label: t('coreDecision.menu') });
  // The surveys (issue 10): results for leaders, administrators and controllers; the staff survey for staff.
  if (leaderMenu || user.roles.some((r) => r === 'administrator' || r === 'controller')) links.push({ to: '/survey-results', label: t('survey.menu') });
  if (worksWithFamilies(user)) links.push({ to: '/surveys/answer', label: t('survey.menuAnswer') });
  // Costs and the expense analysis (issue 8 items 4-6): leaders and controllers.
  if (leaderMenu || user.roles.includes('controller')) links.push({ to: '/reports/costs', label: t('costs.menuReports') });
  if (isExternalPartner(user)) links.push({ to: '/partner', label: t('partner.nav'), end: true });
  if (isParent(user)) links.push({ to: '/my-family', label: t('nav.ownFamily') });
  if (isAdministrator(user)) links.push({ to: '/admin/users', label: t('nav.admin') }, { to: '/admin/outbox', label: t('outbox.menu') },
    { to: '/admin/yearly-amounts', label: t('yearlyAmounts.menu') });
  if (links.length === 0) return null;
  return (
    <div className="navigation-menu">
      <div className="navigation-menu-inner container">
        <nav className="nav" aria-label={t('app.mainMenu')}>
          <ul className="mainmenu">
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.end} className="nav-link">
                  <span>{link.label}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </div>
  );
}

/** The DKFDS header: municipality and user with logout and language, the solution's name, and the main menu. */
export function AppHeader() {
  const { t } = useTranslation();
  const { state, logout } = useSession();
  const navigate = useNavigate();
  const user = state.status === 'authenticated' ? state.user : null;

  return (
    <header className="header">
      <div className="portal-info">
        <div className="portal-info-inner container">
          <p className="portal-municipality">{user?.municipality.name ?? t('app.name')}</p>
          <div className="portal-user">
            {user && (
              <p className="user">
                <span className="sr-only">{t('app.loggedInAs')} </span>
                {user.name}
              </p>
            )}
            {user && !isParent(user) && (
              <Link to="/settings/calendar" className="function-link">
                <Icon name="calendar-month" />
                {t('calendar.menu')}
              </Link>
            )}
            <LanguageSwitch />
            {user && (
              <button
                type="button"
                className="function-link log-off"
                onClick={() => void logout().then(() => navigate('/login', { state: { reason: 'logged_out' } }))}
              >
                <Icon name="lock" />
                {t('app.logout')}
              </button>
            )}
          </div>
        </div>
      </div>
      <div className="solution-info">
        <div className="solution-info-inner container">
          <div className="solution-heading">
            <Link to="/">{t('app.name')}</Link>
          </div>
          <div className="additional-info">
            <p>{t('app.tagline')}</p>
          </div>
        </div>
      </div>
      {user && <MainMenu user={user} />}
    </header>
  );
}
