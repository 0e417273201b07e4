import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity';
import { ProfileModule } from '../profile';
import { WidgetsDataExporter } from './export/widgets-data.exporter';
import { ServiceEventsModule } from '../service-events';
import { WidgetResolver } from './widget.resolver';
import { WidgetRepository } from './widget.repository';
import { WidgetService } from './widget.service';
import { WidgetViewService } from './widget-view.service';

/** The dashboard: the widget catalog, my widgets and their content from service events. */
@Module({
  imports: [ServiceEventsModule, IdentityModule, ProfileModule],
  providers: [
    WidgetRepository,
    WidgetViewService,
    WidgetService,
    WidgetResolver,
    WidgetsDataExporter,
  ],
  exports: [WidgetsDataExporter],
})
export class WidgetsModule {}
