import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../shared/auth';
import type { AuthPrincipal } from '../../shared/auth';
import { WidgetDefinition } from './graphql/widget-definition.type';
import { Widget } from './graphql/widget.type';
import {
  AddWidgetArgs,
  DashboardArgs,
  MoveWidgetArgs,
  UpdateWidgetSettingsArgs,
  WidgetIdArgs,
} from './graphql/widget.args';
import { dashboardOwner, WidgetService } from './widget.service';

@Resolver(() => Widget)
export class WidgetResolver {
  constructor(private readonly widgets: WidgetService) {}

  @Query(() => [WidgetDefinition], {
    description: 'The nine widget types with the profile fields each needs.',
  })
  widgetCatalog(@CurrentUser() principal: AuthPrincipal): WidgetDefinition[] {
    dashboardOwner(principal);
    return this.widgets.catalog();
  }

  @Query(() => [Widget], {
    description:
      'My widgets in order (a student session: the child’s own). A widget lacking profile data has missingFields and content null.',
  })
  dashboard(
    @Args() args: DashboardArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<Widget[]> {
    return this.widgets.dashboard(principal, args.includeHidden === true);
  }

  @Mutation(() => Widget, {
    description: 'Adds a widget last (CONFLICT if that type is already there); settings per type.',
  })
  addWidget(@Args() args: AddWidgetArgs, @CurrentUser() principal: AuthPrincipal): Promise<Widget> {
    return this.widgets.add(principal, args.type, args.settings);
  }

  @Mutation(() => [Widget], {
    description: 'Moves a widget to a position (0..n-1); returns all my widgets in the new order.',
  })
  moveWidget(
    @Args() args: MoveWidgetArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<Widget[]> {
    return this.widgets.move(principal, args.id, args.position);
  }

  @Mutation(() => Widget, { description: 'Replaces a widget’s settings (validated per type).' })
  updateWidgetSettings(
    @Args() args: UpdateWidgetSettingsArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<Widget> {
    return this.widgets.updateSettings(principal, args.id, args.settings);
  }

  @Mutation(() => Widget, { description: 'Hides a widget (it keeps its position).' })
  hideWidget(@Args() args: WidgetIdArgs, @CurrentUser() principal: AuthPrincipal): Promise<Widget> {
    return this.widgets.setHidden(principal, args.id, true);
  }

  @Mutation(() => Widget, { description: 'Shows a hidden widget again.' })
  showWidget(@Args() args: WidgetIdArgs, @CurrentUser() principal: AuthPrincipal): Promise<Widget> {
    return this.widgets.setHidden(principal, args.id, false);
  }

  @Mutation(() => Boolean, { description: 'Removes a widget; the others close the gap.' })
  removeWidget(
    @Args() args: WidgetIdArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<boolean> {
    return this.widgets.remove(principal, args.id);
  }
}
