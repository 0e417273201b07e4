import { Type } from 'class-transformer';
import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, Matches, ValidateNested } from 'class-validator';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

@InputType({ description: 'Quiet hours of SMS and e-mail copies (Moscow time).' })
export class QuietHoursInput {
  @Field({
    description: 'Hold copies during the window (false: copies go at once, day and night).',
  })
  @IsBoolean()
  enabled!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Start, `HH:MM`; omitted: kept as it is (or the default).',
  })
  @IsOptional()
  @Matches(HH_MM, { message: 'Время в формате ЧЧ:ММ' })
  from?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'End, `HH:MM`, different from the start; omitted: kept as it is (or the default).',
  })
  @IsOptional()
  @Matches(HH_MM, { message: 'Время в формате ЧЧ:ММ' })
  to?: string | null;
}

@InputType({ description: 'What to change in my notification delivery settings.' })
export class UpdateNotificationSettingsInput {
  @Field(() => QuietHoursInput, { description: 'Quiet hours of SMS and e-mail copies.' })
  @ValidateNested()
  @Type(() => QuietHoursInput)
  quietHours!: QuietHoursInput;
}
