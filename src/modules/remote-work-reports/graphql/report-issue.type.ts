import { Field, Int, ObjectType } from '@nestjs/graphql';
import { IssueSeverity } from '../remote-work-report.enums';

@ObjectType({
  description:
    'A problem found in an uploaded report, placed where the user sees it in the workbook.',
})
export class ReportIssue {
  @Field(() => IssueSeverity, {
    description: 'ERROR rejects the row (or the report); WARNING does not.',
  })
  severity!: IssueSeverity;

  @Field({
    description:
      'The sheet name as in the file; for a problem with the file as a whole, the file name.',
  })
  sheet!: string;

  @Field(() => Int, { nullable: true, description: 'The Excel row number as the user sees it.' })
  row!: number | null;

  @Field(() => String, { nullable: true, description: 'The Excel column letter, e.g. `B`.' })
  column!: string | null;

  @Field({
    description:
      'Stable problem code, e.g. PHONE_INVALID, INN_MISMATCH, DASH_AS_EMPTY (see the template description).',
  })
  code!: string;

  @Field({
    description:
      'What was found and what is expected, in Russian, with the corrected value where there is one.',
  })
  message!: string;
}
