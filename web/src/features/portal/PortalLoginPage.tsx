import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { FormErrors } from '../../components/form/FormErrors';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { usePageTitle } from '../../components/usePageTitle';
import { portalApi, type PortalLoginStarted } from './api';

/**
 * The family portal's login (issue 5 item 1): e-mail address or mobile number, then the one-time code sent there;
 * or MitID (OpenID Connect) where the municipality has set it up. The page never says whether an address is known.
 */
export function PortalLoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const startForm = useApiForm();
  const codeForm = useApiForm();
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [started, setStarted] = useState<PortalLoginStarted | null>(null);
  const [oidc, setOidc] = useState(false);
  usePageTitle(t('portal.login.title'));

  useEffect(() => {
    let current = true;
    portalApi.options().then((options) => { if (current) setOidc(options.oidc); }, () => undefined);
    return () => { current = false; };
  }, []);

  const oidcError = params.get('error');
  const loggedOut = params.get('logged_out') === '1';

  const onStart = (event: FormEvent) => {
    event.preventDefault();
    void startForm.run(async () => {
      setStarted(await portalApi.start(address));
      setCode('');
      codeForm.clear();
    });
  };

  const onVerify = (event: FormEvent) => {
    event.preventDefault();
    void codeForm.run(async () => {
      await portalApi.verify(address, code);
      await navigate('/portal', { replace: true });
    });
  };

  const limited = (startForm.error ?? codeForm.error)?.status === 429;
  const wrongCode = codeForm.error?.code === 'invalid_code';

  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <h1>{t('portal.login.title')}</h1>
        <p className="font-lead">{t('portal.login.intro')}</p>
        {loggedOut && !started && <Alert variant="success" live>{t('portal.login.loggedOut')}</Alert>}
        {oidcError === 'oidc_no_match' && <Alert variant="error">{t('portal.login.oidcNoMatch')}</Alert>}
        {oidcError === 'oidc_failed' && <Alert variant="error">{t('portal.login.oidcFailed')}</Alert>}
        {limited && <Alert variant="error" live>{t('portal.login.rateLimited')}</Alert>}

        {!started ? (
          <>
            {!limited && <FormErrors form={startForm} labels={{ address: t('portal.login.address') }} />}
            <form onSubmit={onStart} noValidate>
              <TextField
                name="address" label={t('portal.login.address')} hint={t('portal.login.addressHint')} autoComplete="username"
                value={address} onChange={setAddress} error={startForm.fieldError('address')}
              />
              <button type="submit" className="button button-primary" disabled={startForm.submitting}>{t('portal.login.sendCode')}</button>
            </form>
            {oidc && (
              <section aria-labelledby="portal-oidc" className="mt-7">
                <h2 id="portal-oidc" className="h3">{t('portal.login.oidcHeading')}</h2>
                <p><a className="button button-secondary" href={portalApi.oidcStartUrl}>{t('portal.login.oidc')}</a></p>
              </section>
            )}
          </>
        ) : (
          <>
            <Alert variant="info" live>
              {t(started.channel === 'sms' ? 'portal.login.sentSms' : 'portal.login.sentEmail', { minutes: started.expiresInMinutes })}
            </Alert>
            {started.demoCode && <Alert variant="warning" heading={t('portal.login.demoHeading')}>{t('portal.login.demoCode', { code: started.demoCode })}</Alert>}
            {wrongCode && <Alert variant="error" live>{t('portal.login.invalidCode')}</Alert>}
            {!wrongCode && !limited && <FormErrors form={codeForm} labels={{ code: t('portal.login.code') }} />}
            <form onSubmit={onVerify} noValidate>
              <TextField
                name="code" label={t('portal.login.code')} hint={t('portal.login.codeHint')} autoComplete="one-time-code" inputMode="numeric"
                value={code} onChange={setCode} error={codeForm.fieldError('code')}
              />
              <button type="submit" className="button button-primary" disabled={codeForm.submitting}>{t('portal.login.submit')}</button>
            </form>
            <p className="mt-5">
              <button type="button" className="button button-unstyled" onClick={() => { setStarted(null); codeForm.clear(); }}>
                {t('portal.login.again')}
              </button>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
