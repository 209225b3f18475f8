import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import type { SessionUser } from '../../api/types';
import { isAdministrator, isExternalPartner, isParent, readsCompetencePlan, worksWithFamilies } from '../../session/roles';
import { useSession } from '../../session/useSession';
import { Icon } from '../Icon';
import { LanguageSwitch } from './LanguageSwitch';
import { useUnreadFamilyMessages } from '../../features/family-portal/useUnreadFamilyMessages';

function MainMenu({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const links: Array<{ to: string; label: string; end?: boolean }> = [];
  // Issue 5 item 3: new messages from the families the user works with.
  const unread = useUnreadFamilyMessages(worksWithFamilies(user));
  if (worksWithFamilies(user)) {
    links.push({ to: '/', label: t('nav.myFamilies'), end: true }, { to: '/worklist', label: t('worklist.nav') }, { to: '/search', label: t('nav.search') });
    links.push({ to: '/messages', label: unread > 0 ? t('familyPortal.staff.navUnread', { count: unread }) : t('familyPortal.staff.nav') });
  }
  if (readsCompetencePlan(user)) links.push({ to: '/competence-plan', label: t('competence.menu') });
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
