import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/useResource';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { CheckboxField } from '../../components/form/CheckboxField';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { todayIso } from '../../lib/format';
import { useSession } from '../../session/useSession';
import { planApi, type Plan } from './api';
import { PlanErrors } from './PlanErrors';
import { pathErrors, pathId } from './planText';

/** The latest version agreed with the family (000:745-747): the date and who agreed, at least one family member. */
export function PlanAgreePage() {
  const { t } = useTranslation();
  const { familyId = '' } = useParams();
  const plan = useResource(() => planApi.get(familyId), `${familyId}:agree`);
  usePageTitle(t('plan.agree'));
  return (
    <>
      <Breadcrumbs items={[
        { label: plan.data?.familyName ?? t('family.title'), to: `/families/${familyId}` },
        { label: t('plan.title'), to: `/families/${familyId}/plan` },
        { label: t('plan.agree') },
      ]} />
      <h1>{t('plan.agree')}</h1>
      {plan.loading && !plan.data && <Loading />}
      {plan.error && <LoadError error={plan.error} />}
      {plan.data?.version && <AgreeForm plan={plan.data} familyId={familyId} onReload={plan.reload} />}
    </>
  );
}

function AgreeForm({ plan, familyId, onReload }: { plan: Plan; familyId: string; onReload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const me = session.state.status === 'authenticated' ? session.state.user : null;
  const version = plan.version!;
  const [agreedOn, setAgreedOn] = useState(todayIso());
  const [personIds, setPersonIds] = useState<string[]>([]);
  const [includeMe, setIncludeMe] = useState(true);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const errors = pathErrors(t, error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await planApi.agree(familyId, version.number, { agreedOn, personIds, userIds: includeMe && me ? [me.id] : [], note: note || null });
      await navigate(`/families/${familyId}/plan`, { state: { flash: t('plan.agreedFlash', { number: version.number }) } });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'internal', String(caught)));
    }
  };
  const dateError = errors.at('agreedOn');
  const partiesError = errors.at('personIds');
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <p className="font-lead">{t('plan.agreeIntro', { number: version.number })}</p>
      <PlanErrors error={error} onReload={onReload} />
      <div className={`form-group${dateError ? ' form-error' : ''}`}>
        <label className="form-label" htmlFor={pathId('agreedOn')}>{t('plan.agreedOn')}</label>
        {dateError && <span className="form-error-message" id={`${pathId('agreedOn')}-error`}><span className="sr-only">{t('errors.prefix')}: </span>{dateError}</span>}
        <input id={pathId('agreedOn')} type="date" className="form-input" value={agreedOn} onChange={(e) => setAgreedOn(e.target.value)}
          aria-invalid={dateError ? true : undefined} aria-describedby={dateError ? `${pathId('agreedOn')}-error` : undefined} />
      </div>
      <div className={`form-group${partiesError ? ' form-error' : ''}`}>
        <fieldset aria-describedby={`${pathId('personIds')}-hint${partiesError ? ` ${pathId('personIds')}-error` : ''}`}>
          <legend className="form-label">{t('plan.agreedByFamily')}</legend>
          <span className="form-hint" id={`${pathId('personIds')}-hint`}>{t('plan.hint.agreedByFamily')}</span>
          {partiesError && <span className="form-error-message" id={`${pathId('personIds')}-error`}><span className="sr-only">{t('errors.prefix')}: </span>{partiesError}</span>}
          {plan.members.map((m, i) => (
            <CheckboxField key={m.personId} name="personIds" id={i === 0 ? pathId('personIds') : `${pathId('personIds')}-${m.personId}`} label={m.name}
              checked={personIds.includes(m.personId)}
              onChange={(checked) => setPersonIds(checked ? [...personIds, m.personId] : personIds.filter((x) => x !== m.personId))} />
          ))}
        </fieldset>
      </div>
      {me && <CheckboxField name="includeMe" label={t('plan.agreedByMe', { name: me.name })} checked={includeMe} onChange={setIncludeMe} />}
      <div className="form-group">
        <label className="form-label" htmlFor={pathId('note')}>{t('plan.agreementNote')} <span className="weight-normal">{t('app.optional')}</span></label>
        <textarea id={pathId('note')} className="form-input" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary">{t('plan.agreeButton')}</button>
        <Link className="button button-secondary" to={`/families/${familyId}/plan`}>{t('app.cancel')}</Link>
      </div>
    </form>
  );
}
