import type { Department, Staff } from '../../api/types';
import type { Option } from '../../components/form/SelectField';

/** Colleagues as select options, "Name (Department)", caseworkers first. */
export function staffOptions(staff: Staff[], departments: Department[]): Option[] {
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  const caseworkerFirst = (s: Staff) => (s.roles.includes('coordinator') ? 0 : 1);
  return [...staff]
    .sort((a, b) => caseworkerFirst(a) - caseworkerFirst(b) || a.name.localeCompare(b.name, 'da'))
    .map((s) => {
      const department = s.departmentId ? departmentName.get(s.departmentId) : undefined;
      return { value: s.id, label: department ? `${s.name} (${department})` : s.name };
    });
}
