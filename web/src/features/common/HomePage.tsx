import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { usePageTitle } from '../../components/usePageTitle';
import { homePath, worksWithFamilies } from '../../session/roles';
import { useUser } from '../../session/useSession';
import { MyFamiliesPage } from '../my-families/MyFamiliesPage';

/** The front page depends on the role: staff see their families, parents their family, administrators the users. */
export function HomePage() {
  const user = useUser();
  if (worksWithFamilies(user)) return <MyFamiliesPage />;
  const home = homePath(user);
  if (home !== '/') return <Navigate to={home} replace />;
  return <Welcome />;
}

function Welcome() {
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p>{t('home.noPages')}</p>
    </>
  );
}
