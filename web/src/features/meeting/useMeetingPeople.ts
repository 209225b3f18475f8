import { familyApi, referenceApi } from '../../api/endpoints';
import type { Department, Member, Staff } from '../../api/types';
import { useResource } from '../../api/useResource';

export interface MeetingPeople { staff: Staff[]; departments: Department[]; members: Member[] }

/**
 * Who can take part in or own an agreement from a meeting: the municipality's staff and partners, and the family's
 * members. A list the caller may not read (an external partner cannot list staff) is simply empty.
 */
export function useMeetingPeople(familyId: string) {
  return useResource<MeetingPeople>(async () => {
    const [staff, departments, family] = await Promise.all([
      referenceApi.staff().catch(() => [] as Staff[]),
      referenceApi.departments().catch(() => [] as Department[]),
      familyApi.get(familyId).catch(() => null),
    ]);
    return { staff, departments, members: family?.members ?? [] };
  }, familyId);
}
