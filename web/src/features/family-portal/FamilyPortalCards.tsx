import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { familyPortalApi } from './api';

/** On the portal's front page: what the family can do (issue 5 item 3) and the children's pages (item 5). */
export function FamilyPortalCards() {
  const { t } = useTranslation();
  const children = useResource(() => familyPortalApi.children(), 'portal-children');
  return (
    <section aria-labelledby="family-actions" className="mt-6">
      <h2 id="family-actions">{t('familyPortal.actions.title')}</h2>
      <ul className="nobullet-list">
        <li className="mb-3"><Link to="/portal/messages">{t('familyPortal.actions.messages')}</Link></li>
        <li className="mb-3"><Link to="/portal/meetings">{t('familyPortal.actions.meetings')}</Link></li>
        <li className="mb-3"><Link to="/portal/contact-agreement">{t('familyPortal.actions.contact')}</Link></li>
        {children.data?.children.map((c) => (
          <li key={c.childId} className="mb-3"><Link to={`/portal/children/${c.childId}`}>{t('familyPortal.actions.childPage', { name: c.firstName })}</Link></li>
        ))}
      </ul>
    </section>
  );
}
