import { Injectable } from '@nestjs/common';

/** Whom an employee login `<organization INN>/<personnel number>` names. */
export interface EmployeeAccount {
  userId: string;
  organizationId: string;
}

/** Finds the membership behind an employee login (INN already normalised). */
export type EmployeeLookup = (
  inn: string,
  personnelNumber: string,
) => Promise<EmployeeAccount | null>;

/**
 * The organizations module registers here how employee logins are resolved (auth must not
 * depend on it); until it does, employee logins name nobody.
 */
@Injectable()
export class EmployeeDirectory {
  private lookup: EmployeeLookup | null = null;

  register(lookup: EmployeeLookup): void {
    if (this.lookup) {
      throw new Error('An employee lookup is already registered');
    }
    this.lookup = lookup;
  }

  find(inn: string, personnelNumber: string): Promise<EmployeeAccount | null> {
    return this.lookup ? this.lookup(inn, personnelNumber) : Promise.resolve(null);
  }
}
