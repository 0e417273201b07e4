import { NotificationCategory } from '../../service-events';
import type { ProfileField } from '../../service-events';
import { Channel } from '../graphql/channel.enum';

/** A subscribable category: its area, name and the profile fields it needs. */
export interface CategoryDefinition {
  category: NotificationCategory;
  area: string;
  title: string;
  requiredFields: ProfileField[];
  /** Copies go at once, even in the person's quiet hours (emergencies). */
  urgent?: boolean;
  /**
   * On until turned off: a person with no subscription row gets these channels, and
   * `unsubscribe` stores an explicit opt-out instead of deleting the row. Absent: opt-in.
   */
  defaultChannels?: readonly Channel[];
}

const HOUSING = 'ЖКХ';
const TRANSPORT = 'Транспорт';
const EDUCATION = 'Образование';
const HEALTH = 'Здоровье';
const PETS = 'Домашние животные';
const EMPLOYERS = 'Работодателям';

// Required fields are those without which the category's events could never reach the person
// (they are matched through these identifiers); field names as in `User`.
export const CATEGORY_CATALOG: readonly CategoryDefinition[] = [
  {
    category: NotificationCategory.ELECTRICITY_METER,
    area: HOUSING,
    title: 'Показания счётчика электроэнергии',
    requiredFields: ['electricityAccount'],
  },
  {
    category: NotificationCategory.HOT_WATER_SHUTOFF,
    area: HOUSING,
    title: 'Отключение горячей воды',
    requiredFields: ['address'],
  },
  {
    category: NotificationCategory.UTILITY_EMERGENCY,
    area: HOUSING,
    title: 'Аварийные отключения воды, отопления, газа, электричества',
    requiredFields: ['address'],
    urgent: true,
  },
  {
    category: NotificationCategory.TRAFFIC_FINES,
    area: TRANSPORT,
    title: 'Штрафы ГИБДД',
    requiredFields: ['vehicles'],
  },
  {
    category: NotificationCategory.VEHICLE_EVACUATION,
    area: TRANSPORT,
    title: 'Эвакуация автомобиля',
    requiredFields: ['vehicles'],
  },
  {
    category: NotificationCategory.EXAM_RESULTS,
    area: EDUCATION,
    title: 'Результаты экзаменов',
    requiredFields: ['children'],
  },
  {
    category: NotificationCategory.CHILD_PERFORMANCE,
    area: EDUCATION,
    title: 'Успеваемость ребёнка',
    requiredFields: ['children'],
  },
  {
    category: NotificationCategory.OLYMPIAD_RESULTS,
    area: EDUCATION,
    title: 'Результаты олимпиад',
    requiredFields: ['children'],
  },
  {
    category: NotificationCategory.VACCINATION,
    area: HEALTH,
    title: 'Вакцинация',
    requiredFields: ['omsPolicy'],
  },
  {
    category: NotificationCategory.PETS,
    area: PETS,
    title: 'Домашние животные: вакцинация и регистрация',
    requiredFields: ['address'],
  },
  {
    // Sent by the portal itself (remote-work reports), never by agencies' service events.
    category: NotificationCategory.REPORTS,
    area: EMPLOYERS,
    title: 'Напоминания о сроке сдачи отчёта об удалённой работе',
    requiredFields: [],
    // Only an organization's HEAD and ADMIN members are ever sent these, and the issue wants
    // them reminded in-app and by e-mail: on unless they turn it off (a missed deadline costs
    // the employer more than an unwanted reminder; the 2020 collapse came from last-day uploads).
    defaultChannels: [Channel.IN_APP, Channel.EMAIL],
  },
];

const BY_CATEGORY = new Map(CATEGORY_CATALOG.map((d) => [d.category, d]));

/** The definition of a subscribable category; undefined for DOCUMENTS (always delivered). */
export function categoryDefinition(category: NotificationCategory): CategoryDefinition | undefined {
  return BY_CATEGORY.get(category);
}

/** Whether copies of this category's notifications skip quiet hours. */
export function isUrgentCategory(category: string): boolean {
  return BY_CATEGORY.get(category as NotificationCategory)?.urgent === true;
}
