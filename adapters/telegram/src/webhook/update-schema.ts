import { z } from 'zod';

/*
 * The parts of the Bot API's Update (https://core.telegram.org/bots/api#update) the adapter reads,
 * with the documented field names. Objects are loose: fields Telegram adds later pass through, so a
 * newer Bot API never turns a webhook into a 400 that Telegram would deliver again and again.
 */

/** Unix time in seconds, bounded so that it is a valid date. */
const UnixTime = z.int().min(0).max(253_402_300_799);
const FileId = z.string().min(1);

/** https://core.telegram.org/bots/api#user */
export const TelegramUser = z.looseObject({
  id: z.int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

/** https://core.telegram.org/bots/api#chat */
export const TelegramChat = z.looseObject({
  id: z.int(),
  type: z.string(),
});

/** https://core.telegram.org/bots/api#photosize */
export const TelegramPhotoSize = z.looseObject({
  file_id: FileId,
  file_unique_id: z.string(),
  width: z.int().nonnegative(),
  height: z.int().nonnegative(),
  file_size: z.int().nonnegative().optional(),
});

/** The fields Document, Voice and Video share: https://core.telegram.org/bots/api#document */
export const TelegramFile = z.looseObject({
  file_id: FileId,
  file_unique_id: z.string(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  file_size: z.int().nonnegative().optional(),
});
/** A Document, Voice or Video as the adapter reads it. */
export type TelegramFile = z.infer<typeof TelegramFile>;

/** https://core.telegram.org/bots/api#location */
export const TelegramLocation = z.looseObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

/** https://core.telegram.org/bots/api#contact */
export const TelegramContact = z.looseObject({
  phone_number: z.string(),
  first_name: z.string(),
  last_name: z.string().optional(),
  user_id: z.int().optional(),
});

/** https://core.telegram.org/bots/api#message */
export const TelegramMessage = z.looseObject({
  message_id: z.int(),
  from: TelegramUser.optional(),
  date: UnixTime,
  chat: TelegramChat,
  edit_date: UnixTime.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(TelegramPhotoSize).optional(),
  document: TelegramFile.optional(),
  voice: TelegramFile.optional(),
  video: TelegramFile.optional(),
  location: TelegramLocation.optional(),
  contact: TelegramContact.optional(),
});
/** A Message as the adapter reads it. */
export type TelegramMessage = z.infer<typeof TelegramMessage>;

/** https://core.telegram.org/bots/api#update */
export const TelegramUpdate = z.looseObject({
  update_id: z.int().nonnegative(),
  message: TelegramMessage.optional(),
  edited_message: TelegramMessage.optional(),
});
/** An Update as the adapter reads it. */
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;
