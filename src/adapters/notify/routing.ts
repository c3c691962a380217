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

  private starting: Promise<void> | undefined;

  /** Adapters start after the core exists, so they register their notifier here. */
  register(platform: Platform, notifier: Notifier): void {
    this.adapters[platform] = notifier;
  }

  /**
   * While `adapters` (their start) is pending, a notification for a platform with no adapter
   * yet is sent once they have started, without holding up its sender (the demo seed runs
   * before the adapters start).
   */
  startingUntil(adapters: Promise<unknown>): void {
    const started = adapters.then(
      () => {},
      () => {},
    );
    this.starting = started;
    void started.then(() => {
      if (this.starting === started) this.starting = undefined;
    });
  }

  async notify(notification: Notification): Promise<void> {
    const platform = notification.recipient.split(':')[0] as Platform;
    const adapter = this.adapters[platform];
    if (!adapter && this.starting) {
      void this.starting
        .then(() => this.notify(notification))
        .catch((err: unknown) =>
          this.logger.warn(
            { err, kind: notification.kind, recipient: notification.recipient },
            'notification after the adapters started failed',
          ),
        );
      return;
    }
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
