import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { CheckboxField } from '../../components/form/CheckboxField';
import { ChoiceGroup, Radio } from '../../components/form/ChoiceGroup';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { fieldId } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, orNull, todayIso } from '../../lib/format';
import { ChannelLabel } from '../follow-up/ChannelLabel';
import { useLocalForm } from '../follow-up/form';
import { contactApi, contactChannels, followUpApi, informalChannels, type ContactChannel, type ContactOverview } from '../worklist/api';

const intervals = [7, 14, 21, 30, 42, 60, 91];

function AgreementForm({ overview, onSaved }: { overview: ContactOverview; onSaved: (o: ContactOverview) => void }) {
  const { t } = useTranslation();
  const form = useLocalForm('agreement');
  const current = overview.current;
  const [channels, setChannels] = useState<ContactChannel[]>(current?.channels ?? []);
  const [everyDays, setEveryDays] = useState(String(current?.everyDays ?? ''));
  const [goodTimes, setGoodTimes] = useState(current?.goodTimes ?? '');
  const [prefersSpace, setPrefersSpace] = useState(current?.prefersSpace ?? false);
  const [max, setMax] = useState(current?.maxContactsPer30Days ? String(current.maxContactsPer30Days) : '');
  const [note, setNote] = useState(current?.note ?? '');
  const [saved, setSaved] = useState(false);
  const labels = {
    channels: t('contact.channels'), everyDays: t('contact.everyDays'), goodTimes: t('contact.goodTimes'), prefersSpace: t('contact.prefersSpace'),
    maxContactsPer30Days: t('contact.max'), note: t('contact.note'),
  };
  const toggle = (channel: ContactChannel, on: boolean) => setChannels((list) => (on ? [...list, channel] : list.filter((c) => c !== channel)));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void form.run(async () => {
      const result = await contactApi.revise(overview.familyId, {
        channels, everyDays: everyDays === '' ? Number.NaN : Number(everyDays), goodTimes: orNull(goodTimes), prefersSpace,
        maxContactsPer30Days: prefersSpace && max !== '' ? Number(max) : null, note: orNull(note), revision: current?.revision ?? 0,
      });
      setSaved(true);
      onSaved(result);
    });
  };
  const channelsError = form.fieldError('channels');
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="agreement-heading">
      <h2 id="agreement-heading">{current ? t('contact.reviseHeading') : t('contact.recordHeading')}</h2>
      {saved && <Alert variant="success" live>{t('contact.saved')}</Alert>}
      <FormErrors form={form} labels={labels} />
      <ChoiceGroup name={form.name('channels')} legend={labels.channels} hint={t('contact.channelsHint')} error={channelsError}>
        {contactChannels.map((channel, index) => (
          <CheckboxField key={channel} name="channels" id={index === 0 ? fieldId(form.name('channels')) : `${fieldId(form.name('channels'))}-${channel}`}
            label={t(`contact.channel.${channel}`)} checked={channels.includes(channel)} onChange={(on) => toggle(channel, on)} />
        ))}
      </ChoiceGroup>
      <SelectField name={form.name('everyDays')} label={labels.everyDays} value={everyDays} onChange={setEveryDays}
        options={intervals.map((days) => ({ value: String(days), label: t('contact.everyDaysOption', { count: days }) }))} error={form.fieldError('everyDays')} />
      <TextField name={form.name('goodTimes')} label={labels.goodTimes} hint={t('contact.goodTimesHint')} optional value={goodTimes} onChange={setGoodTimes} error={form.fieldError('goodTimes')} />
      <div className="form-group">
        <CheckboxField name={form.name('prefersSpace')} label={labels.prefersSpace} checked={prefersSpace} onChange={setPrefersSpace} />
      </div>
      {prefersSpace && (
        <TextField name={form.name('maxContactsPer30Days')} label={labels.maxContactsPer30Days} hint={t('contact.maxHint')} inputMode="numeric"
          className="input-width-xs" value={max} onChange={setMax} error={form.fieldError('maxContactsPer30Days')} />
      )}
      <TextAreaField name={form.name('note')} label={labels.note} optional rows={3} value={note} onChange={setNote} error={form.fieldError('note')} />
      <SubmitRow label={current ? t('contact.revise') : t('contact.record')} submitting={form.submitting} />
    </form>
  );
}

function QuickContactForm({ familyId, onSaved }: { familyId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const form = useLocalForm('quick');
  const [occurredOn, setOccurredOn] = useState(todayIso());
  const [channel, setChannel] = useState('');
  const [direction, setDirection] = useState<'outgoing' | 'incoming'>('outgoing');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  const labels = { occurredOn: t('contact.quick.occurredOn'), channel: t('contact.quick.channel'), direction: t('contact.quick.direction'), note: t('contact.quick.note') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void form.run(async () => {
      await followUpApi.contact(familyId, { occurredOn, channel, direction, note: orNull(note) });
      setSaved(true);
      setNote('');
      onSaved();
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="quick-heading">
      <h2 id="quick-heading">{t('contact.quick.heading')}</h2>
      {saved && <Alert variant="success" live>{t('contact.quick.saved')}</Alert>}
      <FormErrors form={form} labels={labels} />
      <TextField name={form.name('occurredOn')} label={labels.occurredOn} type="date" className="input-width-s" value={occurredOn} onChange={setOccurredOn} error={form.fieldError('occurredOn')} />
      <ChoiceGroup name={form.name('channel')} legend={labels.channel} error={form.fieldError('channel')}>
        {informalChannels.map((value, index) => (
          <Radio key={value} name={form.name('channel')} value={value} label={t(`followUp.channel.${value}`)} checked={channel === value} onChange={setChannel} first={index === 0} />
        ))}
      </ChoiceGroup>
      <ChoiceGroup name={form.name('direction')} legend={labels.direction} error={form.fieldError('direction')}>
        <Radio name={form.name('direction')} value="outgoing" label={t('contact.quick.outgoing')} checked={direction === 'outgoing'} onChange={() => setDirection('outgoing')} first />
        <Radio name={form.name('direction')} value="incoming" label={t('contact.quick.incoming')} checked={direction === 'incoming'} onChange={() => setDirection('incoming')} />
      </ChoiceGroup>
      <TextField name={form.name('note')} label={labels.note} optional value={note} onChange={setNote} error={form.fieldError('note')} />
      <SubmitRow label={t('contact.quick.submit')} submitting={form.submitting} />
    </form>
  );
}

function Drift({ overview }: { overview: ContactOverview }) {
  const { t, i18n } = useTranslation();
  const drift = overview.drift;
  if (!drift) return null;
  return drift.kind === 'too_little'
    ? <Alert variant="warning" heading={t('contact.drift.tooLittleHeading')}>{t('contact.drift.tooLittle', { date: formatDate(drift.dueOn, i18n.language) })}</Alert>
    : <Alert variant="warning" heading={t('contact.drift.tooMuchHeading')}>{t('contact.drift.tooMuch', { count: drift.contactsLast30, max: drift.max })}</Alert>;
}

/** The family's contact agreement (000:423-445, 001:429-433), drift against it, and quick entry of informal contact. */
export function ContactPage() {
  const { t, i18n } = useTranslation();
  const { familyId = '' } = useParams();
  const resource = useResource(() => contactApi.get(familyId), familyId);
  const data = resource.data;
  const title = data ? t('contact.title', { family: data.familyName }) : t('contact.titleShort');
  usePageTitle(title);
  const current = data?.current;
  return (
    <>
      <Breadcrumbs items={[{ label: t('worklist.nav'), to: '/worklist' }, ...(data ? [{ label: data.familyName, to: `/families/${familyId}` }] : []), { label: t('contact.titleShort') }]} />
      <h1>{title}</h1>
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (
        <>
          <p className="font-lead">{t('contact.intro')}</p>
          <Drift overview={data} />
          <h2>{t('contact.currentHeading')}</h2>
          {current ? (
            <dl>
              <dt>{t('contact.channels')}</dt><dd>{current.channels.map((c) => t(`contact.channel.${c}`)).join(', ')}</dd>
              <dt>{t('contact.everyDays')}</dt><dd>{t('contact.everyDaysOption', { count: current.everyDays })}</dd>
              <dt>{t('contact.goodTimes')}</dt><dd>{current.goodTimes ?? t('app.dash')}</dd>
              <dt>{t('contact.prefersSpace')}</dt>
              <dd>{current.prefersSpace ? t('contact.spaceYes', { max: current.maxContactsPer30Days ?? 0 }) : t('app.no')}</dd>
              <dt>{t('contact.lastContact')}</dt>
              <dd>{formatDate(data.lastContactOn, i18n.language) ?? t('app.dash')} ({t('contact.last30', { count: data.contactsLast30 })})</dd>
              <dt>{t('contact.revision')}</dt>
              <dd>{t('contact.revisionText', { revision: current.revision, date: formatDate(current.recordedAt, i18n.language), by: current.recordedBy ?? '' })}</dd>
            </dl>
          ) : <p>{t('contact.none')}</p>}
          {data.abilities.canEdit && (
            <>
              <AgreementForm key={current?.revision ?? 0} overview={data} onSaved={resource.setData} />
              <QuickContactForm familyId={familyId} onSaved={resource.reload} />
            </>
          )}
          <h2>{t('contact.recentHeading')}</h2>
          {data.recentContacts.length === 0 ? <p>{t('contact.recentEmpty')}</p> : (
            <ResponsiveTable>
              <caption className="sr-only">{t('contact.recentHeading')}</caption>
              <thead><tr><th scope="col">{t('followUp.col.date')}</th><th scope="col">{t('followUp.col.kind')}</th><th scope="col">{t('followUp.col.how')}</th><th scope="col">{t('followUp.col.summary')}</th></tr></thead>
              <tbody>
                {data.recentContacts.map((c) => (
                  <tr key={c.id}>
                    <td>{formatDate(c.occurredOn, i18n.language)}</td>
                    <td>{c.kind === 'follow_up' ? t('followUp.kind.follow_up') : t('followUp.kind.informal')}{c.direction === 'incoming' ? ` (${t('contact.quick.incoming')})` : ''}</td>
                    <td><ChannelLabel channel={c.channel} /></td>
                    <td>{c.summary ?? t('app.dash')}</td>
                  </tr>
                ))}
              </tbody>
            </ResponsiveTable>
          )}
          {data.history.length > 1 && (
            <>
              <h2>{t('contact.historyHeading')}</h2>
              <ul>
                {data.history.slice(1).map((h) => (
                  <li key={h.revision}>
                    {t('contact.revisionText', { revision: h.revision, date: formatDate(h.recordedAt, i18n.language), by: h.recordedBy ?? '' })}:{' '}
                    {h.channels.map((c) => t(`contact.channel.${c}`)).join(', ')}, {t('contact.everyDaysOption', { count: h.everyDays })}
                    {h.prefersSpace ? `, ${t('contact.spaceYes', { max: h.maxContactsPer30Days ?? 0 })}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p><Link to={`/families/${familyId}/annual-wheel`}>{t('followUp.toWheel')}</Link></p>
        </>
      )}
    </>
  );
}
