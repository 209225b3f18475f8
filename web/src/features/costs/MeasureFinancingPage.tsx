import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
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
import { formatDate } from '../../lib/format';
import { costsApi, formatShare, type FinancingShare, type MeasureFinancing } from './api';

function SharesTable({ shares, caption }: { shares: FinancingShare[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <ResponsiveTable>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('costs.financing.department')}</th>
          <th scope="col">{t('costs.financing.from')}</th>
          <th scope="col">{t('costs.financing.to')}</th>
          <th scope="col" className="text-align-right">{t('costs.financing.share')}</th>
        </tr>
      </thead>
      <tbody>
        {shares.map((s) => (
          <tr key={`${s.validFrom}-${s.departmentId}`}>
            <th scope="row">{s.departmentName}</th>
            <td>{formatDate(s.validFrom, i18n.language)}</td>
            <td>{s.validTo ? formatDate(s.validTo, i18n.language) : t('costs.financing.open')}</td>
            <td className="text-align-right">{formatShare(s.shareBp, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </ResponsiveTable>
  );
}

interface Row { departmentId: string; from: string; to: string; percent: string }
const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const toBp = (text: string) => Math.round(Number(text.trim().replace(',', '.')) * 100);

/** The split editor: rows of department, period (months) and share; saving makes a new proposed version. */
function SplitEditor({ data, onSaved }: { data: MeasureFinancing; onSaved: (d: MeasureFinancing) => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const start = data.current?.shares ?? data.proposal ?? [];
  const [rows, setRows] = useState<Row[]>(() => start.map((s) => ({
    departmentId: s.departmentId, from: s.validFrom.slice(0, 7), to: s.validTo?.slice(0, 7) ?? '', percent: String(s.shareBp / 100).replace('.', ','),
  })));
  const [reason, setReason] = useState('');
  const set = (i: number, patch: Partial<Row>) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const labels: Record<string, string> = { reason: t('costs.financing.reason') };
  rows.forEach((_, i) => {
    const n = t('costs.financing.rowNo', { no: i + 1 });
    Object.assign(labels, {
      [`shares.${i}.departmentId`]: `${n}: ${t('costs.financing.department')}`, [`shares.${i}.validFrom`]: `${n}: ${t('costs.financing.from')}`,
      [`shares.${i}.validTo`]: `${n}: ${t('costs.financing.to')}`, [`shares.${i}.shareBp`]: `${n}: ${t('costs.financing.share')}`,
    });
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const shares = rows.map((r) => ({ departmentId: r.departmentId, validFrom: `${r.from}-01`, validTo: r.to ? lastDay(r.to) : null, shareBp: toBp(r.percent) }));
      onSaved(await costsApi.propose(data.measureId, { shares, reason, basedOnVersion: data.current?.versionNo ?? 0 }));
      setReason('');
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="mt-7">
      <h2>{t('costs.financing.editHeading')}</h2>
      <p>{t('costs.financing.editIntro')}</p>
      <FormErrors form={form} labels={labels} />
      {rows.map((row, i) => (
        <fieldset key={i} className="mb-5">
          <legend className="h3">{t('costs.financing.rowNo', { no: i + 1 })}</legend>
          <SelectField name={`shares.${i}.departmentId`} label={t('costs.financing.department')} value={row.departmentId} onChange={(v) => set(i, { departmentId: v })}
            options={data.departments.map((d) => ({ value: d.id, label: d.name }))} error={form.fieldError(`shares.${i}.departmentId`)} />
          <TextField name={`shares.${i}.validFrom`} label={t('costs.financing.fromMonth')} hint={t('costs.financing.monthHint')} className="input-width-xs"
            value={row.from} onChange={(v) => set(i, { from: v })} error={form.fieldError(`shares.${i}.validFrom`)} />
          <TextField name={`shares.${i}.validTo`} label={t('costs.financing.toMonth')} hint={t('costs.financing.monthHint')} optional className="input-width-xs"
            value={row.to} onChange={(v) => set(i, { to: v })} error={form.fieldError(`shares.${i}.validTo`)} />
          <TextField name={`shares.${i}.shareBp`} label={t('costs.financing.sharePercent')} inputMode="text" className="input-width-xs"
            value={row.percent} onChange={(v) => set(i, { percent: v })} error={form.fieldError(`shares.${i}.shareBp`)} />
          <button type="button" className="button button-secondary" onClick={() => setRows((all) => all.filter((_, j) => j !== i))}>
            {t('costs.financing.removeRow', { no: i + 1 })}
          </button>
        </fieldset>
      ))}
      <p>
        <button type="button" className="button button-secondary" onClick={() => setRows((all) => [...all, { departmentId: '', from: all[0]?.from ?? '', to: '', percent: '' }])}>
          {t('costs.financing.addRow')}
        </button>
      </p>
      <TextField name="reason" label={t('costs.financing.reason')} value={reason} onChange={setReason} error={form.fieldError('reason')} />
      <SubmitRow label={t('costs.financing.save')} submitting={form.submitting} />
    </form>
  );
}

/** Agree to or dispute the proposed split (the core team and the paying departments' leaders). */
function DecideForm({ data, onSaved }: { data: MeasureFinancing; onSaved: (d: MeasureFinancing) => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [reason, setReason] = useState('');
  const decide = (status: 'agreed' | 'disputed') => void form.run(async () => {
    onSaved(await costsApi.decide(data.measureId, { status, reason, basedOnVersion: data.current!.versionNo }));
    setReason('');
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); decide('agreed'); }} noValidate className="mt-7">
      <h2>{t('costs.financing.decideHeading')}</h2>
      <FormErrors form={form} labels={{ reason: t('costs.financing.decideReason') }} />
      <TextField name="reason" label={t('costs.financing.decideReason')} hint={t('costs.financing.decideHint')} value={reason} onChange={setReason} error={form.fieldError('reason')} />
      <button type="submit" className="button button-primary" disabled={form.submitting}>{t('costs.financing.agree')}</button>{' '}
      <button type="button" className="button button-secondary" disabled={form.submitting} onClick={() => decide('disputed')}>{t('costs.financing.dispute')}</button>
    </form>
  );
}

/** Shared financing of a granted measure (issue 8 item 4): the split in force, its versions, the editor and agreeing. */
export function MeasureFinancingPage() {
  const { t, i18n } = useTranslation();
  const { measureId = '' } = useParams();
  const resource = useResource(() => costsApi.financing(measureId), measureId);
  const data = resource.data;
  const [message, setMessage] = useState<string | null>(null);
  usePageTitle(t('costs.financing.title'));
  const saved = (d: MeasureFinancing) => { resource.setData(d); setMessage(t('costs.financing.saved', { no: d.current?.versionNo ?? 0 })); };
  return (
    <>
      <h1>{t('costs.financing.title')}{data ? ` – ${data.legalBasisLabel}` : ''}</h1>
      <p>{t('costs.financing.intro')}</p>
      {message && <Alert variant="success" live>{message}</Alert>}
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (
        <>
          <p><Link to={`/cases/${data.caseId}`}>{t('costs.financing.backToCase')}</Link></p>
          {!data.granted && <Alert variant="info">{t('costs.financing.notGranted')}</Alert>}
          {data.current ? (
            <>
              <p>
                <strong>{t(`costs.status.${data.current.status}`)}</strong>{' – '}
                {t('costs.financing.versionLine', { no: data.current.versionNo, by: data.current.createdBy ?? '', date: formatDate(data.current.createdAt.slice(0, 10), i18n.language) })}
              </p>
              {data.current.disputeReason && <Alert variant="warning">{t('costs.financing.disputedBecause', { reason: data.current.disputeReason })}</Alert>}
              <SharesTable shares={data.current.shares} caption={t('costs.financing.currentCaption')} />
            </>
          ) : data.proposal && (
            <SharesTable shares={data.proposal} caption={t('costs.financing.proposalCaption')} />
          )}
          {data.abilities.canAgree && <DecideForm data={data} onSaved={saved} />}
          {data.abilities.canPropose && <SplitEditor key={data.current?.versionNo ?? 0} data={data} onSaved={saved} />}
          {data.history.length > 0 && (
            <>
              <h2 className="mt-7">{t('costs.financing.history')}</h2>
              <ResponsiveTable>
                <caption>{t('costs.financing.historyCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('costs.financing.version')}</th>
                    <th scope="col">{t('costs.financing.status')}</th>
                    <th scope="col">{t('costs.financing.who')}</th>
                    <th scope="col">{t('costs.financing.when')}</th>
                    <th scope="col">{t('costs.financing.why')}</th>
                    <th scope="col">{t('costs.financing.shares')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.history.map((v) => (
                    <tr key={v.versionNo}>
                      <th scope="row">{v.versionNo}</th>
                      <td>{t(`costs.status.${v.status}`)}</td>
                      <td>{v.createdBy ?? ''}</td>
                      <td>{formatDate(v.createdAt.slice(0, 10), i18n.language)}</td>
                      <td>{v.reason}</td>
                      <td>{v.shares.map((s) => `${s.departmentName} ${formatShare(s.shareBp, i18n.language)} (${s.validFrom.slice(0, 7)}–${s.validTo?.slice(0, 7) ?? ''})`).join('; ')}</td>
                    </tr>
                  ))}
                </tbody>
              </ResponsiveTable>
            </>
          )}
        </>
      )}
    </>
  );
}
