import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ChoiceGroup, Radio } from '../../components/form/ChoiceGroup';
import { FormErrors } from '../../components/form/FormErrors';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, orNull, todayIso } from '../../lib/format';
import { followUpApi, followUpForms, type FollowUpOverview } from '../worklist/api';
import { CadenceSummary } from './CadenceSummary';
import { ChannelLabel } from './ChannelLabel';
import { useLocalForm } from './form';

function FollowUpForm({ overview }: { overview: FollowUpOverview }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const form = useLocalForm();
  const [occurredOn, setOccurredOn] = useState(todayIso());
  const [kind, setKind] = useState('');
  const [summary, setSummary] = useState('');
  const [agreementsReviewed, setAgreementsReviewed] = useState('');
  const labels = { occurredOn: t('followUp.occurredOn'), form: t('followUp.form'), summary: t('followUp.summary'), agreementsReviewed: t('followUp.agreementsReviewed') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const saved = await followUpApi.record(overview.caseId, { occurredOn, form: kind, summary, agreementsReviewed: orNull(agreementsReviewed) });
      const due = formatDate(saved.cadence.dueOn, i18n.language);
      await navigate('/worklist', { state: { flash: saved.cadence.dueOn ? t('followUp.savedNext', { date: due }) : t('followUp.saved') } });
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} />
      <TextField name="occurredOn" label={labels.occurredOn} hint={t('followUp.occurredOnHint')} type="date" className="input-width-s"
        value={occurredOn} onChange={setOccurredOn} error={form.fieldError('occurredOn')} />
      <ChoiceGroup name="form" legend={labels.form} error={form.fieldError('form')}>
        {followUpForms.map((value, index) => (
          <Radio key={value} name="form" value={value} label={t(`followUp.forms.${value}`)} checked={kind === value} onChange={setKind} first={index === 0} />
        ))}
      </ChoiceGroup>
      <TextAreaField name="summary" label={labels.summary} hint={t('followUp.summaryHint')} rows={4} value={summary} onChange={setSummary} error={form.fieldError('summary')} />
      <TextAreaField name="agreementsReviewed" label={labels.agreementsReviewed} optional rows={3} value={agreementsReviewed}
        onChange={setAgreementsReviewed} error={form.fieldError('agreementsReviewed')} />
      <SubmitRow label={t('followUp.submit')} submitting={form.submitting} cancelTo={`/cases/${overview.caseId}`} />
    </form>
  );
}

/** The follow-up log of a case, newest first: completed follow-ups (also held meetings) and informal contacts. */
export function FollowUpLog({ overview }: { overview: FollowUpOverview }) {
  const { t, i18n } = useTranslation();
  if (overview.log.length === 0) return <p>{t('followUp.logEmpty')}</p>;
  return (
    <ResponsiveTable>
      <caption>{t('followUp.logCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('followUp.col.date')}</th>
          <th scope="col">{t('followUp.col.kind')}</th>
          <th scope="col">{t('followUp.col.how')}</th>
          <th scope="col">{t('followUp.col.summary')}</th>
        </tr>
      </thead>
      <tbody>
        {overview.log.map((entry) => (
          <tr key={entry.id}>
            <td>{formatDate(entry.occurredOn, i18n.language)}</td>
            <td>{entry.source === 'meeting' ? t('followUp.kind.meeting') : t(`followUp.kind.${entry.kind}`)}</td>
            <td><ChannelLabel channel={entry.channel} /></td>
            <td>
              {entry.summary}
              {entry.agreementsReviewed && <span className="d-block small-text">{t('followUp.agreementsReviewed')}: {entry.agreementsReviewed}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </ResponsiveTable>
  );
}

/** Record a completed follow-up of a case; shows the cadence and the log (issue 4 §1, §3). */
export function FollowUpPage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const resource = useResource(() => followUpApi.overview(caseId), caseId);
  const data = resource.data;
  const title = data ? t('followUp.title', { name: data.childName, number: data.caseNumber }) : t('followUp.titleShort');
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs items={[{ label: t('worklist.nav'), to: '/worklist' }, ...(data ? [{ label: data.caseNumber, to: `/cases/${caseId}` }] : []), { label: t('followUp.titleShort') }]} />
      <h1>{title}</h1>
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (
        <>
          <CadenceSummary cadence={data.cadence} caseId={data.caseId} />
          {data.abilities.canRecord ? <FollowUpForm overview={data} /> : <p>{t('followUp.readOnly')}</p>}
          <p>
            <Link to={`/families/${data.familyId}/contact`}>{t('followUp.toContact')}</Link>
            {' · '}
            <Link to={`/families/${data.familyId}/annual-wheel`}>{t('followUp.toWheel')}</Link>
          </p>
          <h2>{t('followUp.logHeading')}</h2>
          <FollowUpLog overview={data} />
        </>
      )}
    </>
  );
}
