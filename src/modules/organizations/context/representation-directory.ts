import { Injectable } from '@nestjs/common';

/** How the organizations a person acts for as a developer representative are found. */
export interface RepresentationLookup {
  /** Ids of the organizations that person is appointed for now. */
  organizationsRepresentedBy(userId: string): Promise<string[]>;
  represents(userId: string, organizationId: string): Promise<boolean>;
}

/**
 * The inter-agency module, which owns appointments, registers its lookup here (it depends on
 * this module, not the other way round); until it does, nobody represents anybody.
 */
@Injectable()
export class RepresentationDirectory {
  private lookup: RepresentationLookup | null = null;

  register(lookup: RepresentationLookup): void {
    if (this.lookup) {
      throw new Error('A representation lookup is already registered');
    }
    this.lookup = lookup;
  }

  organizationsRepresentedBy(userId: string): Promise<string[]> {
    return this.lookup ? this.lookup.organizationsRepresentedBy(userId) : Promise.resolve([]);
  }

  represents(userId: string, organizationId: string): Promise<boolean> {
    return this.lookup ? this.lookup.represents(userId, organizationId) : Promise.resolve(false);
  }
}
