/** Who touched the data. */
export enum AuditActorKind {
  /** The person themself (shown as «Вы»). */
  SELF = 'SELF',
  REGISTRY = 'REGISTRY',
  ORGANIZATION_MEMBER = 'ORGANIZATION_MEMBER',
  INTEGRATOR = 'INTEGRATOR',
  OPERATOR = 'OPERATOR',
}

export enum DataAccessAction {
  READ = 'READ',
  UPDATE = 'UPDATE',
  CHECK = 'CHECK',
  /** A copy of all the person's data was made for them (data-export). */
  EXPORT = 'EXPORT',
}
