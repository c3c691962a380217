import type { ViewOutput } from '@slack/bolt';

/** One input element's value as Slack sends it in `view.state.values`. */
interface StateValue {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_date?: string | null;
  selected_time?: string | null;
  selected_user?: string | null;
  selected_users?: string[];
  files?: { id?: unknown; name?: unknown }[];
}

/** Reads a submitted modal by block id. Missing or malformed values read as empty. */
export class FormState {
  constructor(private readonly view: ViewOutput) {}

  private value(blockId: string): StateValue | undefined {
    const block = this.view.state?.values?.[blockId];
    if (!block || typeof block !== 'object') return undefined;
    const first = Object.values(block)[0];
    return first && typeof first === 'object' ? (first as StateValue) : undefined;
  }

  has(blockId: string): boolean {
    return this.value(blockId) !== undefined;
  }

  text(blockId: string): string {
    const v = this.value(blockId)?.value;
    return typeof v === 'string' ? v : '';
  }

  selected(blockId: string): string | undefined {
    const v = this.value(blockId)?.selected_option?.value;
    return typeof v === 'string' ? v : undefined;
  }

  selectedMany(blockId: string): string[] {
    const v = this.value(blockId)?.selected_options;
    return Array.isArray(v)
      ? v.map((o) => o?.value).filter((x): x is string => typeof x === 'string')
      : [];
  }

  date(blockId: string): string {
    return this.value(blockId)?.selected_date ?? '';
  }

  time(blockId: string): string {
    return this.value(blockId)?.selected_time ?? '';
  }

  user(blockId: string): string | undefined {
    return this.value(blockId)?.selected_user ?? undefined;
  }

  /** The ids of the files picked in a `file_input`. */
  files(blockId: string): string[] {
    const v = this.value(blockId)?.files;
    return Array.isArray(v)
      ? v.map((f) => f?.id).filter((id): id is string => typeof id === 'string' && id !== '')
      : [];
  }

  users(blockId: string): string[] {
    const v = this.value(blockId)?.selected_users;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }
}
