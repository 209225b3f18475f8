import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, referenceApi } from '../../api/endpoints';
import type { Department, User } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { OrDash } from '../../components/Dash';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { useUser } from '../../session/useSession';
import { CreateUserForm } from './CreateUserForm';

async function load(): Promise<{ users: User[]; departments: Department[] }> {
  const [users, departments] = await Promise.all([adminApi.users(), referenceApi.departments()]);
  return { users, departments };
}

/** The administrator's page: every user of the municipality, and a form to create one. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useUser();
  const resource = useResource(load, 'users');
  const [created, setCreated] = useState<string | null>(null);
  const data = resource.data;
  usePageTitle(t('admin.title'));
  const departmentName = new Map(data?.departments.map((d) => [d.id, d.name]) ?? []);

  const onCreated = (user: User) => {
    if (data) resource.setData({ ...data, users: [...data.users, user].sort((a, b) => a.name.localeCompare(b.name, 'da')) });
    setCreated(t('admin.created', { name: user.name }));
  };

  return (
    <>
      <h1>{t('admin.title')}</h1>
      {created && <Alert variant="success" live>{created}</Alert>}
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (
        <>
          <ResponsiveTable>
            <caption>{t('admin.caption', { municipality: me.municipality.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.name')}</th>
                <th scope="col">{t('admin.email')}</th>
                <th scope="col">{t('admin.roles')}</th>
                <th scope="col">{t('admin.department')}</th>
                <th scope="col">{t('admin.authority')}</th>
                <th scope="col">{t('admin.active')}</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.name}</th>
                  <td>{user.email}</td>
                  <td>{user.roles.map((role) => t(`role.${role}`)).join(', ')}</td>
                  <td><OrDash value={user.departmentId ? departmentName.get(user.departmentId) : null} /></td>
                  <td>{user.hasAuthority ? t('app.yes') : t('app.no')}</td>
                  <td>{user.active ? t('app.yes') : t('app.no')}</td>
                </tr>
              ))}
            </tbody>
          </ResponsiveTable>
          <section aria-labelledby="create-user" className="mt-7">
            <h2 id="create-user">{t('admin.createHeading')}</h2>
            <CreateUserForm departments={data.departments} onCreated={onCreated} />
          </section>
        </>
      )}
    </>
  );
}
