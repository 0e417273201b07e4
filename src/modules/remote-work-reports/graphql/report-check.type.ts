import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../../shared/graphql/date.scalar';
import { ReportStatus } from '../remote-work-report.enums';
import { ReportIssue } from './report-issue.type';

@ObjectType({
  description:
    'What a submission of the workbook would get, found by every check of the template; nothing is stored and nobody is notified.',
})
export class ReportCheck {
  @Field(() => ReportStatus, {
    description: 'The status a submission would end in: ACCEPTED, PARTIALLY_ACCEPTED or REJECTED.',
  })
  status!: ReportStatus;

  @Field(() => DateScalar, {
    description: 'The reporting week checked for (its deadline Monday, Europe/Moscow).',
  })
  reportingWeek!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Total employees declared on the employer sheet (contractors included).',
  })
  totalEmployees!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Employees working remotely, as declared on the employer sheet.',
  })
  remoteEmployees!: number | null;

  @Field(() => Int, { description: 'Employee rows found in the file.' })
  rowsTotal!: number;

  @Field(() => Int, { description: 'Employee rows a submission would accept.' })
  rowsAccepted!: number;

  @Field(() => Int, { description: 'Employee rows a submission would reject.' })
  rowsRejected!: number;

  @Field(() => [ReportIssue], {
    description:
      'Problems found, shaped like a report’s: file and employer-sheet issues first, then employee rows in row order; at most 1000 (see issuesTruncated).',
  })
  issues!: ReportIssue[];

  @Field({ description: 'More issues were found than `issues` lists.' })
  issuesTruncated!: boolean;
}
