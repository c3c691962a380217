import { fail, ok, type Result, validation } from '../../../../core/errors.js';
import type { Logger } from '../../../../logger.js';
import type { WebClient } from '../../web.js';

/** A Slack file as the core takes a session's image (`imageUploadSchema`, source slack). */
export interface SlackImage {
  readonly source: 'slack';
  readonly fileId: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
}

/**
 * The file picked in the session form, with its facts as Slack knows them (`files.info`:
 * type and size come from Slack, not from the form), for the core to check
 * (docs/product.md#session-image).
 */
export async function slackImage(
  client: WebClient,
  fileId: string,
  logger: Logger,
): Promise<Result<SlackImage>> {
  try {
    const info = await client.files.info({ file: fileId });
    const file = info.file;
    if (!info.ok || !file?.id) throw new Error(`files.info answered without the file ${fileId}`);
    return ok({
      source: 'slack',
      fileId: file.id,
      name: file.name ?? file.title ?? '',
      contentType: file.mimetype ?? '',
      size: file.size ?? 0,
    });
  } catch (err) {
    logger.warn({ err }, 'slack: could not read the picked image file');
    return fail(
      validation({
        imageFile: 'Slack did not let mentorbot read that file. Please pick it again.',
      }),
    );
  }
}
