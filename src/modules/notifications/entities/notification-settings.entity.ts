import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's delivery settings; no row means the deployment's defaults. */
@Entity('notification_settings')
export class NotificationSettingsEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  userId!: string;

  /** Whether SMS / e-mail copies are held during the window. */
  @Column({ type: 'boolean' })
  quietHoursEnabled!: boolean;

  /** Window start, minutes after Moscow midnight. */
  @Column({ type: 'smallint' })
  quietFromMinute!: number;

  /** Window end (exclusive), minutes after Moscow midnight; before the start: wraps midnight. */
  @Column({ type: 'smallint' })
  quietToMinute!: number;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
