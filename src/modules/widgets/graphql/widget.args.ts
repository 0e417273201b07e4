import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Allow, IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { WidgetType } from './widget-type.enum';

@ArgsType()
export class DashboardArgs {
  @Field(() => Boolean, { nullable: true, description: 'Include hidden widgets (default false).' })
  @IsOptional()
  @IsBoolean()
  includeHidden?: boolean | null;
}

@ArgsType()
export class AddWidgetArgs {
  @Field(() => WidgetType, { description: 'The type to add (once per dashboard).' })
  @IsEnum(WidgetType)
  type!: WidgetType;

  // Checked per type by the service (validateWidgetSettings).
  @Field(() => GraphQLJSON, { nullable: true, description: 'Settings; default {}.' })
  @IsOptional()
  settings?: unknown;
}

@ArgsType()
export class WidgetIdArgs {
  @Field(() => ID, { description: 'The widget.' })
  @IsUUID('all', { message: 'Неверный идентификатор виджета' })
  id!: string;
}

@ArgsType()
export class MoveWidgetArgs extends WidgetIdArgs {
  @Field(() => Int, { description: 'Its new place, 0..n-1.' })
  @IsInt()
  @Min(0, { message: 'Позиция: от 0' })
  @Max(1000)
  position!: number;
}

@ArgsType()
export class UpdateWidgetSettingsArgs extends WidgetIdArgs {
  // Checked per type by the service (validateWidgetSettings).
  @Field(() => GraphQLJSON, { description: 'The new settings (replace the old ones).' })
  @Allow()
  settings!: unknown;
}
