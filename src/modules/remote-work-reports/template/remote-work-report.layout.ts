// The workbook layout from REMOTE-WORK-TEMPLATE.md, shared by the template writer, the upload
// parser and the result workbook so the three cannot drift apart.

export const EMPLOYER_SHEET_NAME = 'Сведения о работодателе';
export const EMPLOYEES_SHEET_NAME = 'Сведения о работниках';
export const EXAMPLE_SHEET_NAME = 'Пример';

// The employer fills only column D of the employer sheet, rows 2–8.
export const EMPLOYER_VALUE_COLUMN = 'D';

export enum EmployerRow {
  Inn = 2,
  Ogrn = 3,
  FullName = 4,
  TotalEmployees = 5,
  RemoteEmployees = 6,
  NotRemoteEmployees = 7,
  ContactPhone = 8,
}

export const EMPLOYER_HEADERS = [
  'Показатель',
  'Пояснения к заполнению',
  'Пример заполнения',
  'Значение',
] as const;

export interface EmployerRowTemplate {
  row: EmployerRow;
  indicator: string;
  explanation: string;
  example: string;
}

export const EMPLOYER_ROWS: readonly EmployerRowTemplate[] = [
  {
    row: EmployerRow.Inn,
    indicator: 'ИНН',
    explanation: '10 цифр для организации, 12 цифр для индивидуального предпринимателя',
    example: '7707083893',
  },
  {
    row: EmployerRow.Ogrn,
    indicator: 'ОГРН / ОГРНИП',
    explanation: '13 цифр ОГРН для организации, 15 цифр ОГРНИП для индивидуального предпринимателя',
    example: '1027700132195',
  },
  {
    row: EmployerRow.FullName,
    indicator: 'Полное наименование',
    explanation: 'Полное наименование, как в ЕГРЮЛ или ЕГРИП',
    example: 'ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО «СБЕРБАНК РОССИИ»',
  },
  {
    row: EmployerRow.TotalEmployees,
    indicator: 'Общая численность работников (включая исполнителей по договорам ГПХ)',
    explanation: 'Целое число, обязательно',
    example: '100',
  },
  {
    row: EmployerRow.RemoteEmployees,
    indicator: 'Численность работников, переведённых на дистанционный режим',
    explanation:
      'Целое число, не больше общей численности; столько же строк заполните на листе «Сведения о работниках»',
    example: '40',
  },
  {
    row: EmployerRow.NotRemoteEmployees,
    indicator: 'Численность работников, не переведённых на дистанционный режим',
    explanation: 'Целое число; вместе со строкой 6 должно составить общую численность',
    example: '60',
  },
  {
    row: EmployerRow.ContactPhone,
    indicator: 'Контактный телефон',
    explanation: 'Необязательно; номер телефона в любом привычном написании',
    example: '+7 495 500-55-50',
  },
];

// Columns of the employee sheet; one employee per row from row 2.
export enum EmployeeColumn {
  SerialNumber = 'A',
  Phone = 'B',
  VehiclePlate = 'C',
  Troika = 'D',
  Strelka = 'E',
  SocialCard = 'F',
  TravelPass = 'G',
}

export const EMPLOYEE_HEADERS: Readonly<Record<EmployeeColumn, string>> = {
  [EmployeeColumn.SerialNumber]: '№ п/п',
  [EmployeeColumn.Phone]: 'Номер мобильного телефона',
  [EmployeeColumn.VehiclePlate]: 'Государственный регистрационный знак ТС',
  [EmployeeColumn.Troika]: 'Номер карты «Тройка»',
  [EmployeeColumn.Strelka]: 'Номер карты «Стрелка»',
  [EmployeeColumn.SocialCard]: 'Номер социальной карты',
  [EmployeeColumn.TravelPass]: 'Номер проездного билета',
};

export const EMPLOYEE_COLUMNS: readonly EmployeeColumn[] = [
  EmployeeColumn.SerialNumber,
  EmployeeColumn.Phone,
  EmployeeColumn.VehiclePlate,
  EmployeeColumn.Troika,
  EmployeeColumn.Strelka,
  EmployeeColumn.SocialCard,
  EmployeeColumn.TravelPass,
];

export const EXAMPLE_SHEET_LINES: readonly string[] = [
  'Номер социальной карты указан на лицевой стороне карты под фотографией.',
  'Скопируйте все цифры подряд, без пробелов: 9643 1078 9012 3456 789 → 9643107890123456789',
  'Номер проездного билета переписывайте так же: только цифры, без пробелов.',
  'Длинные номера вводите как текст: Excel хранит в числе только 15 цифр и удаляет ведущие нули.',
];
