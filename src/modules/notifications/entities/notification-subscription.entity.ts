import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's subscription to one category, with the channels chosen (IN_APP always). */
@Entity('notification_subscriptions')
export class NotificationSubscriptionEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  category!: string;

  /** Comma-separated Channel values, e.g. `IN_APP,SMS`. */
  @Column({ type: 'varchar', length: 40 })
  channels!: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
