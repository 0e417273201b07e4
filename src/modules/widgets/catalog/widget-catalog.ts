import { NotificationCategory, SubjectKind } from '../../service-events';
import type { ProfileField } from '../../service-events';
import { WidgetType } from '../graphql/widget-type.enum';

/** Whether a widget's items are money to pay (summary and badge count the unpaid ones). */
export type WidgetKind = 'payable' | 'feed';

/** A widget type: its texts, the profile fields it needs, and the events it shows. */
export interface WidgetDefinitionEntry {
  type: WidgetType;
  title: string;
  description: string;
  requiredFields: ProfileField[];
  /** Events about these identifiers of the person... */
  subjects: SubjectKind[];
  /** ...in these categories (empty: any category). */
  categories: NotificationCategory[];
  kind: WidgetKind;
  /** Settings accepted besides `limit` (see widget-settings.ts). */
  childScoped: boolean;
}

export const WIDGET_CATALOG: readonly WidgetDefinitionEntry[] = [
  {
    type: WidgetType.PAYMENTS,
    title: 'Платежи',
    description: 'Счета ЖКХ по коду плательщика и за электроэнергию',
    requiredFields: ['payerCode'],
    subjects: [SubjectKind.PAYER_CODE, SubjectKind.ELECTRICITY_ACCOUNT],
    categories: [],
    kind: 'payable',
    childScoped: false,
  },
  {
    type: WidgetType.HEALTH,
    title: 'Здоровье',
    description: 'Прививки и записи по полису ОМС',
    requiredFields: ['omsPolicy'],
    subjects: [SubjectKind.OMS_POLICY, SubjectKind.SNILS],
    categories: [NotificationCategory.VACCINATION],
    kind: 'feed',
    childScoped: false,
  },
  {
    type: WidgetType.CHILD_AT_SCHOOL,
    title: 'Ребёнок в школе',
    description: 'Оценки и посещаемость детей',
    requiredFields: ['children'],
    subjects: [SubjectKind.CHILD_SNILS],
    categories: [NotificationCategory.CHILD_PERFORMANCE],
    kind: 'feed',
    childScoped: true,
  },
  {
    type: WidgetType.SPORTS_SCHOOLS,
    title: 'Спортивные школы',
    description: 'Соревнования и олимпиады детей',
    requiredFields: ['children'],
    subjects: [SubjectKind.CHILD_SNILS],
    categories: [NotificationCategory.OLYMPIAD_RESULTS],
    kind: 'feed',
    childScoped: true,
  },
  {
    type: WidgetType.PENSION_FUND,
    title: 'Пенсионный фонд',
    description: 'Сведения по подтверждённому СНИЛС',
    requiredFields: ['snils'],
    subjects: [SubjectKind.SNILS],
    categories: [],
    kind: 'feed',
    childScoped: false,
  },
  {
    type: WidgetType.TRAFFIC_FINES,
    title: 'Штрафы ГИБДД',
    description: 'Неоплаченные штрафы по госномерам и водительскому удостоверению, сроки скидки',
    requiredFields: ['vehicles'],
    subjects: [SubjectKind.VEHICLE_PLATE, SubjectKind.DRIVER_LICENSE],
    categories: [NotificationCategory.TRAFFIC_FINES, NotificationCategory.VEHICLE_EVACUATION],
    kind: 'payable',
    childScoped: false,
  },
  {
    type: WidgetType.STATE_EXAMS,
    title: 'ОГЭ и ЕГЭ',
    description: 'Результаты экзаменов детей',
    requiredFields: ['children'],
    subjects: [SubjectKind.CHILD_SNILS],
    categories: [NotificationCategory.EXAM_RESULTS],
    kind: 'feed',
    childScoped: true,
  },
  {
    type: WidgetType.ACTIVE_CITIZEN,
    title: 'Активный гражданин',
    description: 'Голосования и опросы по номеру телефона',
    requiredFields: [],
    subjects: [SubjectKind.PHONE],
    categories: [],
    kind: 'feed',
    childScoped: false,
  },
  {
    type: WidgetType.CROWDSOURCING,
    title: 'Краудсорсинг',
    description: 'Городские проекты и события по вашему адресу',
    requiredFields: ['address'],
    subjects: [SubjectKind.ADDRESS],
    categories: [],
    kind: 'feed',
    childScoped: false,
  },
  {
    // Content from the documents' ends (content/document-deadlines.content.ts), not from events.
    type: WidgetType.DOCUMENT_DEADLINES,
    title: 'Сроки документов',
    description: 'Когда заменить паспорт (в 20 и 45 лет) и другие документы со сроком действия',
    requiredFields: ['birthDate'],
    subjects: [],
    categories: [],
    kind: 'feed',
    childScoped: false,
  },
];

const BY_TYPE = new Map(WIDGET_CATALOG.map((d) => [d.type, d]));

export function widgetDefinition(type: WidgetType): WidgetDefinitionEntry {
  return BY_TYPE.get(type)!;
}
