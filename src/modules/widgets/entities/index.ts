import { WidgetEntity } from './widget.entity';

export const WIDGET_ENTITIES = [WidgetEntity];
