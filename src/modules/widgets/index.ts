// The widgets module's public surface: the only path other modules import from.
export { WidgetsModule } from './widgets.module';
export { WIDGET_ENTITIES } from './entities';
export { WidgetsDataExporter } from './export/widgets-data.exporter';
