import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../../shared/graphql/date.scalar';
import type { ReportIssue as ParsedReportIssue } from '../parsing/report-issue.model';
import { ReportStatus } from '../remote-work-report.enums';

@ObjectType({
  description:
    'An uploaded weekly report on employees working remotely, with its processing status and outcome.',
})
export class RemoteWorkReport {
  @Field(() => ID, { description: 'Report id.' })
  id!: string;

  @Field(() => DateScalar, {
    description: 'The reporting week, named by its deadline Monday (Europe/Moscow).',
  })
  reportingWeek!: string;

  @Field(() => ReportStatus, { description: 'Processing status.' })
  status!: ReportStatus;

  @Field(() => GraphQLISODateTime, {
    description:
      'The receipt: when the upload was stored. It alone decides whether the report was on time.',
  })
  submittedAt!: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When processing finished (null while QUEUED or PROCESSING).',
  })
  processedAt!: Date | null;

  @Field({ description: 'The name of the uploaded file.' })
  fileName!: string;

  @Field(() => Int, { description: 'Size of the uploaded file in bytes.' })
  fileSize!: number;

  @Field({ description: 'SHA-256 of the uploaded file, lower-case hex.' })
  sha256!: string;

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

  @Field(() => Int, { nullable: true, description: 'Employee rows found in the file.' })
  rowsTotal!: number | null;

  @Field(() => Int, { nullable: true, description: 'Employee rows accepted.' })
  rowsAccepted!: number | null;

  @Field(() => Int, { nullable: true, description: 'Employee rows rejected.' })
  rowsRejected!: number | null;

  @Field({ description: 'Download URL of the uploaded file (needs the same authorization).' })
  originalFileUrl!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Download URL of the result workbook (every row with its status and errors); null until processed.',
  })
  resultFileUrl!: string | null;

  @Field({
    description:
      'A later accepted or partially accepted report for the same week replaces this one.',
  })
  superseded!: boolean;

  // Not in the schema: the organization (for event routing), the keyset position, the status
  // revision (for ordering events) and the file and employer-sheet issues (for `issues`).
  organizationId!: string;
  createdAt!: Date;
  revision!: number;
  sheetIssues!: ParsedReportIssue[];
  // Set on progress events only (`rowsProcessed` is resolved from Redis otherwise).
  rowsProcessed?: number | null;
}
