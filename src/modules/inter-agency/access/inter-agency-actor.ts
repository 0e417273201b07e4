import { Environment } from '../inter-agency.enums';
import { InterAgencyException } from '../inter-agency.exception';

/** Who acts in the inter-agency portal for an organization. */
export class InterAgencyActor {
  constructor(
    readonly organizationId: string,
    readonly userId: string,
    /** Set when the caller is the organization's developer representative. */
    readonly representativeId: string | null,
  ) {}

  get isRepresentative(): boolean {
    return this.representativeId !== null;
  }

  /** The environments the actor may see: a developer representative only TEST. */
  get environments(): Environment[] {
    return this.isRepresentative ? [Environment.TEST] : [Environment.TEST, Environment.PROD];
  }

  /** Refuses PROD to a developer representative. */
  requireEnvironment(environment: Environment): void {
    if (this.isRepresentative && environment !== Environment.TEST) {
      throw InterAgencyException.representativeTestOnly();
    }
  }

  /** Refuses actions reserved to the organization's own people (managing representatives). */
  requireNotRepresentative(): void {
    if (this.isRepresentative) {
      throw InterAgencyException.representativeTestOnly();
    }
  }
}
