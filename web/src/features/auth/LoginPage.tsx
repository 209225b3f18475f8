import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { FormErrors } from '../../components/form/FormErrors';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import type { SessionUser } from '../../api/types';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { homePath } from '../../session/roles';
import type { LoginState } from '../../session/SessionContext';
import { useSession } from '../../session/useSession';

/** Log in with e-mail and password; wrong credentials and too many attempts get their own clear message. */
export function LoginPage() {
  const { t } = useTranslation();
  const { state, login } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const form = useApiForm();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const came = (location.state as LoginState | null) ?? {};
  const reason = came.reason ?? (state.status === 'anonymous' ? state.reason : 'none');
  /** Back to the page the session ended on, but only for the same user (a parent must not land on a caseworker's page). */
  const target = (user: SessionUser) => (came.from && (!came.forUser || came.forUser === user.id) ? came.from : homePath(user));
  usePageTitle(t('login.title'));

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'authenticated' && !form.submitting) return <Navigate to={target(state.user)} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const user = await login(email, password);
      await navigate(target(user), { replace: true });
    });
  };

  const error = form.error;
  const special = error?.code === 'invalid_credentials' ? t('login.invalidCredentials')
    : error?.code === 'use_portal' ? t('login.usePortal')
    : error?.status === 429 ? t('login.rateLimited') : null;

  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <h1>{t('login.title')}</h1>
        <p className="font-lead">{t('login.intro')}</p>
        {!error && reason === 'expired' && <Alert variant="info">{t('login.sessionEnded')}</Alert>}
        {!error && reason === 'logged_out' && <Alert variant="success" live>{t('login.loggedOut')}</Alert>}
        {special ? (
          <Alert variant="error" live>{special}</Alert>
        ) : (
          <FormErrors form={form} labels={{ email: t('login.email'), password: t('login.password') }} />
        )}
        <form onSubmit={onSubmit} noValidate>
          <TextField
            name="email" label={t('login.email')} type="email" autoComplete="username" inputMode="email"
            value={email} onChange={setEmail} error={form.fieldError('email')}
          />
          <TextField
            name="password" label={t('login.password')} type="password" autoComplete="current-password"
            value={password} onChange={setPassword} error={form.fieldError('password')}
          />
          <button type="submit" className="button button-primary" disabled={form.submitting}>
            {t('login.submit')}
          </button>
        </form>
        {/* Parents have no password: they log in to the family portal (issue 5 item 1). */}
        <p className="mt-7"><Link to="/portal/login">{t('login.parentLink')}</Link></p>
      </div>
    </div>
  );
}
