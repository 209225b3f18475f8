import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { orNull } from '../../lib/format';
import { yearlyAmountApi, yearlyAmountKinds, type YearlyAmountKind, type YearlyAmounts } from './api';
import { formatAmount, parseAmount } from './format';

/** Sets one year's amount of one kind; the version is the stored one (0 when new), so a concurrent change is 409. */
function YearlyAmountForm({ data, onSaved }: { data: YearlyAmounts; onSaved: (text: string) => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [kind, setKind] = useState<string>('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const labels = { year: t('yearlyAmounts.year'), kind: t('yearlyAmounts.kind'), amountDkk: t('yearlyAmounts.amount'), note: t('yearlyAmounts.note') };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const stored = data.amounts.find((a) => a.year === Number(year) && a.kind === kind);
      const parsed = parseAmount(amount);
      await yearlyAmountApi.set({
        year: Number(year), kind: kind as YearlyAmountKind, amountDkk: (parsed !== null && Number.isNaN(parsed) ? amount : parsed) as number,
        note: orNull(note), version: stored?.version ?? 0,
      });
      onSaved(t('yearlyAmounts.saved'));
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <h2>{t('yearlyAmounts.formHeading')}</h2>
      <FormErrors form={form} labels={labels} />
      <TextField name="year" label={labels.year} inputMode="numeric" className="input-width-xs" value={year} onChange={setYear} error={form.fieldError('year')} />
      <SelectField
        name="kind" label={labels.kind} value={kind} onChange={setKind}
        options={yearlyAmountKinds.map((k) => ({ value: k, label: t(`yearlyAmounts.kinds.${k}`) }))} error={form.fieldError('kind')}
      />
      <TextField name="amountDkk" label={labels.amountDkk} hint={t('yearlyAmounts.amountHint')} className="input-width-s" value={amount} onChange={setAmount} error={form.fieldError('amountDkk')} />
      <TextField name="note" label={labels.note} hint={t('yearlyAmounts.noteHint')} optional value={note} onChange={setNote} error={form.fieldError('note')} />
      <SubmitRow label={t('yearlyAmounts.save')} submitting={form.submitting} />
    </form>
  );
}

/**
 * Administration of the yearly indexed amounts: Barnets Lov §86's threshold per year and §87's cap per month.
 * Decisions under §86/§87 are checked against the amount of their year, and refused while it is missing.
 */
export function YearlyAmountsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('yearlyAmounts.title'));
  const resource = useResource(() => yearlyAmountApi.list(), 'yearly-amounts');
  const [message, setMessage] = useState<string | null>(null);
  const data = resource.data;
  return (
    <>
      <h1>{t('yearlyAmounts.title')}</h1>
      <p>{t('yearlyAmounts.intro')}</p>
      {message && <Alert variant="success" live>{message}</Alert>}
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (data.amounts.length === 0 ? <p>{t('yearlyAmounts.none')}</p> : (
        <ResponsiveTable>
          <caption>{t('yearlyAmounts.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('yearlyAmounts.year')}</th>
              <th scope="col">{t('yearlyAmounts.kind')}</th>
              <th scope="col">{t('yearlyAmounts.amount')}</th>
              <th scope="col">{t('yearlyAmounts.note')}</th>
              <th scope="col">{t('yearlyAmounts.updatedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {data.amounts.map((a) => (
              <tr key={`${a.year}-${a.kind}`}>
                <th scope="row">{a.year}</th>
                <td>{t(`yearlyAmounts.kinds.${a.kind}`)}</td>
                <td>{formatAmount(a.amountDkk, i18n.language)}</td>
                <td>{a.note ?? ''}</td>
                <td>{a.updatedBy ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </ResponsiveTable>
      ))}
      {data?.abilities.canEdit && (
        <YearlyAmountForm data={data} onSaved={(text) => { resource.reload(); setMessage(text); }} />
      )}
    </>
  );
}
