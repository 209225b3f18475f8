import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../api/endpoints';
import { allRoles, type Department, type Role, type User } from '../../api/types';
import { CheckboxField } from '../../components/form/CheckboxField';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { FormErrors } from '../../components/form/FormErrors';
import { fieldId, useApiForm } from '../../components/form/useApiForm';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextField } from '../../components/form/TextField';
import { orNull } from '../../lib/format';

/** The administrator's form for a new user: name, e-mail, phone, department, roles, authority and a first password. */
export function CreateUserForm({ departments, onCreated }: { departments: Department[]; onCreated: (user: User) => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [reachableHours, setReachableHours] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [hasAuthority, setHasAuthority] = useState(false);
  const [password, setPassword] = useState('');
  const labels = {
    name: t('admin.name'), email: t('admin.email'), phone: t('admin.phone'), reachableHours: t('admin.reachableHours'), departmentId: t('admin.department'),
    roles: t('admin.roles'), hasAuthority: t('admin.hasAuthority'), password: t('admin.password'),
  };

  const toggleRole = (role: Role, on: boolean) => setRoles((current) => (on ? [...current, role] : current.filter((r) => r !== role)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const user = await adminApi.createUser({
        name, email, phone: orNull(phone), reachableHours: orNull(reachableHours), departmentId: departmentId || null, roles, hasAuthority, password,
      });
      setName(''); setEmail(''); setPhone(''); setReachableHours(''); setDepartmentId(''); setRoles([]); setHasAuthority(false); setPassword('');
      onCreated(user);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} />
      <TextField name="name" label={labels.name} autoComplete="off" value={name} onChange={setName} error={form.fieldError('name')} />
      <TextField name="email" label={labels.email} type="email" autoComplete="off" value={email} onChange={setEmail} error={form.fieldError('email')} />
      <TextField name="phone" label={labels.phone} type="tel" optional autoComplete="off" className="input-width-m" value={phone} onChange={setPhone} error={form.fieldError('phone')} />
      <TextField
        name="reachableHours" label={labels.reachableHours} hint={t('admin.reachableHoursHint')} optional autoComplete="off"
        value={reachableHours} onChange={setReachableHours} error={form.fieldError('reachableHours')}
      />
      <SelectField
        name="departmentId" label={labels.departmentId} optional value={departmentId} onChange={setDepartmentId}
        options={departments.map((d) => ({ value: d.id, label: d.name }))} error={form.fieldError('departmentId')}
      />
      <ChoiceGroup name="roles" legend={labels.roles} error={form.fieldError('roles')}>
        {allRoles.map((role, index) => (
          <CheckboxField
            key={role} name="roles" id={index === 0 ? fieldId('roles') : `${fieldId('roles')}-${role}`}
            label={t(`role.${role}`)} checked={roles.includes(role)} onChange={(on) => toggleRole(role, on)}
          />
        ))}
      </ChoiceGroup>
      <div className="form-group">
        <CheckboxField name="hasAuthority" label={labels.hasAuthority} checked={hasAuthority} onChange={setHasAuthority} />
      </div>
      <TextField
        name="password" label={labels.password} type="password" autoComplete="new-password" hint={t('admin.passwordHint')}
        value={password} onChange={setPassword} error={form.fieldError('password')}
      />
      <SubmitRow label={t('admin.submit')} submitting={form.submitting} />
    </form>
  );
}
