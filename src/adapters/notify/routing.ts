import type { Notification } from '../../core/notifications.js';
import type { Platform } from '../../core/people/person.js';
import type { Notifier } from '../../core/ports.js';

export interface NotifierLogger {
  warn(obj: object, msg?: string): void;
}

/**
 * Sends each notification through the adapter of the recipient's platform (the platform is
 * the first part of a person id). A platform with no adapter configured is logged, so a
 * missing Slack or Teams setup shows up in the logs instead of failing every command.
 */
export class RoutingNotifier implements Notifier {
  constructor(
    private readonly adapters: Partial<Record<Platform, Notifier>>,
    private readonly logger: NotifierLogger,
  ) {}

  /** Adapters start after the core exists, so they register their notifier here. */
  register(platform: Platform, notifier: Notifier): void {
    this.adapters[platform] = notifier;
  }

  async notify(notification: Notification): Promise<void> {
    const platform = notification.recipient.split(':')[0] as Platform;
    const adapter = this.adapters[platform];
    if (!adapter) {
      this.logger.warn(
        { kind: notification.kind, recipient: notification.recipient, platform },
        'no adapter configured for this platform; notification not delivered',
      );
      return;
    }
    await adapter.notify(notification);
  }
}
