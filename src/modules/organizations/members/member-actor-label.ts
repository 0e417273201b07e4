import type { OrganizationEntity } from '../entities/organization.entity';
import type { MemberPersonRow } from '../repositories/member-person.repository';

/**
 * How a member acting for the organization is shown in a person's access log:
 * «ООО «Ромашка», сотрудник Иванов И. И.».
 */
export function memberActorLabel(
  organization: OrganizationEntity | null,
  actor: MemberPersonRow | undefined,
): string {
  const initials = [actor?.firstName, actor?.middleName]
    .filter((name): name is string => !!name)
    .map((name) => `${name[0]}.`)
    .join(' ');
  return `${organization?.fullName ?? 'Организация'}, сотрудник ${actor?.lastName ?? ''} ${initials}`.trim();
}
