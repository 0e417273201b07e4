/** Russian identifiers with one shared normaliser and check each. */
export enum IdentifierKind {
  SNILS = 'SNILS',
  INN = 'INN',
  OGRN = 'OGRN',
  OGRNIP = 'OGRNIP',
  PHONE = 'PHONE',
  VEHICLE_PLATE = 'VEHICLE_PLATE',
  TROIKA = 'TROIKA',
  STRELKA = 'STRELKA',
}
